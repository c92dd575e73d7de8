// Put a draft statement to the parties' consent: round 1 holds the stored words and their hash.
// Round 1's unique key decides between two negotiators putting it at once: one wins, the other
// gets 409; only the winner sets the deadline and tells the parties.
import type { PutToConsentRequest } from '../../shared/api/schemas';
import { FIRST_CONSENT_ROUND } from '../../shared/consent';
import { isEmptyStatement } from '../../shared/statement/format';
import { announceFirstRound, firstRound } from '../consent/firstRound';
import type { AppContext } from '../context';
import type { ConsentRequestDoc } from '../db/schema';
import { conflict } from '../errors';
import { followTextChange } from './rounds';
import { readStoredStatement } from './storedStatement';

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
  const [latest, release] = await Promise.all([
    repos.consent.latestRound(request._id),
    repos.consent.findRelease(request._id),
  ]);
  if (release || latest) throw conflict('The statement has already been put to consent.');

  const stored = await readStoredStatement(ctx, request._id);
  if (isEmptyStatement(stored.content)) throw conflict('The statement has no text yet.');
  const started = await repos.consent.startRound(firstRound(request._id, now, by, stored));
  if (!started) throw conflict('The statement has already been put to consent.');
  const deadline = body.deadline ? new Date(body.deadline) : null;
  if (deadline) await repos.consent.setDeadline(request._id, deadline);
  const current: ConsentRequestDoc = { ...request, deadline };

  await announceFirstRound(ctx, current, by, {
    kind: 'statement',
    round: FIRST_CONSENT_ROUND,
    deadline: deadline?.toISOString() ?? null,
    hash: stored.hash,
  });

  // An edit stored between reading the words and starting round 1 found no round to end: if the
  // words moved on, round 2 follows them now rather than at the first answer.
  const after = await readStoredStatement(ctx, request._id);
  if (after.hash !== stored.hash) await followTextChange(ctx, request, after.content);
  return current;
}
