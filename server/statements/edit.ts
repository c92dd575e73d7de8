// "Muokkaa tekstiä": a negotiator takes a statement in consent back to change its words. While in
// consent the text is locked, so changing it is a deliberate act, never a keystroke: the open
// round ends (`edited`), the consents given in it are withdrawn (one audit entry; the parties who
// had consented are told), and the room opens for writing. Putting it to consent again starts
// exactly one new round with the words then (./putToConsent.ts).
import { withdrawnConsents } from '../../shared/consent';
import { auditTarget } from '../consent/gate';
import { announceConsentChange, notifyConsent } from '../consent/notify';
import { settleGate } from '../consent/settle';
import type { AppContext } from '../context';
import type { ConsentRequestDoc } from '../db/schema';
import { conflict } from '../errors';
import { consentRoundEndId } from '../repositories/consent';

export interface Editor {
  userId: string;
  name: string;
}

/**
 * End round `round` of the statement `request` so that its text can be edited. 409 when the
 * statement is not in consent, or `round` is not its open round (the caller saw another state:
 * consents given since must not be withdrawn unseen). Of an edit and the last consent racing for
 * the round, exactly one wins (the round's end is a unique insert). Returns the parties whose
 * consent was withdrawn.
 */
export async function openForEditing(
  ctx: AppContext,
  request: ConsentRequestDoc,
  by: Editor,
  round: number,
  now = new Date(),
): Promise<string[]> {
  const gate = await settleGate(ctx, request, null, now);
  if (gate.status === 'editing') throw conflict('The statement is already being edited.');
  if (gate.status !== 'in_consent' || !gate.round)
    throw conflict('Only a statement awaiting consent can be taken back for editing.');
  if (gate.round.round !== round || gate.roundEnd)
    throw conflict(`The round has changed: it is round ${gate.round.round} now.`);

  const withdrawn = withdrawnConsents(gate.answers, round);
  const ended = await ctx.repos.consent.endRound({
    _id: consentRoundEndId(request._id, round),
    requestId: request._id,
    groupId: request.groupId,
    round,
    cause: 'edited',
    at: now,
    by,
    withdrawn,
    added: [],
    removed: [],
  });
  if (!ended) throw conflict('The round has just ended; reload the statement.');

  ctx.events.publish({ type: 'statementLock', statementId: request._id, locked: false });
  // Ids and numbers only: never the words, nor who had objected and why.
  await ctx.audit.record({
    groupId: request.groupId,
    actor: by,
    action: 'consent.withdraw',
    target: auditTarget(request),
    details: { round, cause: 'edited', parties: withdrawn.join(',') },
  });
  if (withdrawn.length > 0)
    await notifyConsent(ctx, request, { kind: 'withdrawn', round, partyIds: withdrawn });
  await announceConsentChange(ctx, request);
  return withdrawn;
}
