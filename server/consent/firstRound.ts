// Round 1 of a consent request, whichever kind: a statement put to consent or a declassification
// proposed. Both store the same round document and, once it has started, tell the same people.
import type { AuditDetails } from '../../shared/audit';
import { FIRST_CONSENT_ROUND } from '../../shared/consent';
import type { StatementContent } from '../../shared/statement/content';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc } from '../db/schema';
import { consentRoundId } from '../repositories/consent';
import { auditTarget } from './gate';
import { announceConsentChange, notifyConsent } from './notify';

/**
 * Round 1 of `requestId`, started `at` by `by`. `words` are a statement's (what the parties
 * consent to, and their hash); a declassification's round has none.
 */
export function firstRound(
  requestId: string,
  at: Date,
  by: { userId: string; name: string },
  words: { content: StatementContent; hash: string } | null,
): ConsentRoundDoc {
  return {
    _id: consentRoundId(requestId, FIRST_CONSENT_ROUND),
    requestId,
    round: FIRST_CONSENT_ROUND,
    cause: 'request',
    at,
    by,
    withdrawn: [],
    content: words?.content ?? null,
    hash: words?.hash ?? null,
  };
}

/**
 * Once round 1 of `request` has started: the `consent.request` audit entry by `actor` (ids,
 * numbers and levels in `details`, never words), every party's representatives and deputies asked
 * (in-app, and an email with a link only), and every negotiator's gate refetched.
 */
export async function announceFirstRound(
  ctx: AppContext,
  request: ConsentRequestDoc,
  actor: { userId: string; name: string },
  details: AuditDetails,
): Promise<void> {
  await ctx.audit.record({
    groupId: request.groupId,
    actor,
    action: 'consent.request',
    target: auditTarget(request),
    details,
  });
  const parties = await ctx.repos.groups.listParties(request.groupId);
  await notifyConsent(ctx, request, {
    kind: 'requested',
    round: FIRST_CONSENT_ROUND,
    partyIds: parties.map((party) => party._id),
  });
  await announceConsentChange(ctx, request);
}
