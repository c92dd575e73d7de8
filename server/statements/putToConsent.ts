// Put a statement to the parties' consent: a draft (round 1) or one taken back for editing (the
// next round). The round holds the stored words, their hash and the group's active parties; the
// room's log is sealed for the round first, so the words consented to are exactly the stored ones
// and no edit racing the lock is stored after them. The round's unique key decides between two
// negotiators putting it at once: one wins, the other gets 409; only the winner sets the deadline
// and tells the parties.
import type { PutToConsentRequest } from '../../shared/api/schemas';
import { isEmptyStatement } from '../../shared/statements/format';
import { announceRequestedRound, requestedRound } from '../consent/firstRound';
import { readGate } from '../consent/gate';
import { readStoredStatement } from '../consent/storedStatement';
import type { AppContext } from '../context';
import type { ConsentRequestDoc } from '../db/schema';
import { conflict } from '../errors';

export interface Requester {
  userId: string;
  name: string;
}

/** Returns the request as stored after it was put to consent. */
export async function putToConsent(
  ctx: AppContext,
  request: ConsentRequestDoc,
  by: Requester,
  body: PutToConsentRequest,
  now = new Date(),
): Promise<ConsentRequestDoc> {
  const { repos } = ctx;
  const gate = await readGate(ctx, request, now);
  if (gate.status !== 'draft' && gate.status !== 'editing')
    throw conflict('The statement has already been put to consent.');
  // Checked before sealing, so that an empty text does not leave a seal behind.
  if (isEmptyStatement((await readStoredStatement(ctx, request._id)).content))
    throw conflict('The statement has no text yet.');

  const roundNumber = (gate.round?.round ?? 0) + 1;
  const words = await readStoredStatement(ctx, request._id, { round: roundNumber });
  if (isEmptyStatement(words.content)) throw conflict('The statement has no text yet.');
  const parties = await repos.groups.listParties(request.groupId);
  const round = requestedRound(
    request._id,
    now,
    by,
    parties.map((party) => party._id),
    words,
    roundNumber,
  );
  if (!(await repos.consent.startRound(round)))
    throw conflict('The statement has already been put to consent.');
  // Open editors turn read-only at once (the room also re-reads the lock before every write).
  ctx.events.publish({ type: 'statementLock', statementId: request._id, locked: true });

  const deadline = body.deadline ? new Date(body.deadline) : null;
  if (deadline || request.deadline) await repos.consent.setDeadline(request._id, deadline);
  const current: ConsentRequestDoc = { ...request, deadline };
  await announceRequestedRound(ctx, current, round, by, {
    kind: 'statement',
    deadline: deadline?.toISOString() ?? null,
    hash: words.hash,
  });
  return current;
}
