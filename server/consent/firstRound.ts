// A round that a person starts, whichever kind: a statement put to consent (round 1, or the next
// one after an edit), a declassification or a publication proposed (round 1). They store the
// same round document, fixing its parties, and once it has started tell the same people.
import type { AuditDetails } from '../../shared/audit';
import { FIRST_CONSENT_ROUND } from '../../shared/consent';
import type { StatementContent } from '../../shared/statements/content';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc } from '../db/schema';
import { consentRoundId } from '../repositories/consent';
import { auditTarget } from './gate';
import { announceConsentChange, notifyConsent } from './notify';

/**
 * Round `round` (1 unless a statement is put to consent again) of `requestId`, started `at` by
 * `by` for `partyIds` (the group's active parties: every one of them must consent, nobody else).
 * `words` are a statement's (what the parties consent to, and their hash); other kinds have none.
 */
export function requestedRound(
  requestId: string,
  at: Date,
  by: { userId: string; name: string },
  partyIds: readonly string[],
  words: { content: StatementContent; hash: string } | null,
  round = FIRST_CONSENT_ROUND,
): ConsentRoundDoc {
  return {
    _id: consentRoundId(requestId, round),
    requestId,
    round,
    cause: 'request',
    at,
    by,
    partyIds: [...partyIds],
    withdrawn: [],
    content: words?.content ?? null,
    hash: words?.hash ?? null,
  };
}

/**
 * Once `round` of `request` has started: the `consent.request` audit entry by `actor` (ids,
 * numbers and levels in `details`, never words), every party of the round asked through its
 * representatives and deputies (in-app, and an email with a link only), and every negotiator's
 * gate refetched.
 */
export async function announceRequestedRound(
  ctx: AppContext,
  request: ConsentRequestDoc,
  round: ConsentRoundDoc,
  actor: { userId: string; name: string },
  details: AuditDetails,
): Promise<void> {
  await ctx.audit.record({
    groupId: request.groupId,
    actor,
    action: 'consent.request',
    target: auditTarget(request),
    details: { ...details, round: round.round, partyCount: (round.partyIds ?? []).length },
  });
  await notifyConsent(ctx, request, {
    kind: 'requested',
    round: round.round,
    partyIds: round.partyIds ?? [],
  });
  await announceConsentChange(ctx, request);
}
