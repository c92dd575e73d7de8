// A party's answer to a consent request (POST /api/consent/:requestId/answers): one set of
// checks. Only the party's own representatives and deputies answer for it; anyone else trying to
// is refused and the attempt audited. Answers are appended, never changed: the stored order
// decides which answer of a party is its latest.
import type { ConsentView } from '../../shared/api/consent';
import type { ConsentAnswerRequest } from '../../shared/api/schemas';
import { consentAnswerAuditDetails, toConsentAnswer } from '../../shared/consent';
import { can } from '../../shared/permissions';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, MembershipDoc } from '../db/schema';
import { conflict, forbidden, notFound } from '../errors';
import { consentAnswerId } from '../repositories/consent';
import { auditTarget } from './gate';
import { announceConsentChange, notifyConsent } from './notify';
import { releaseIfUnanimous } from './release';
import { settleGate } from './settle';
import { consentView } from './view';
import { readSpeakingActor } from '../attendance/speaking';

export interface Answerer {
  userId: string;
  name: string;
}

/**
 * Audit entries name the channel an answer came by. Only REST is left (Socket.io's `answerConsent`
 * had no client and was removed in issue 15); entries from before say `socket`.
 */
const CHANNEL = 'rest';

/** Answers lost to other writers in a row before giving up (each loss re-reads the last one). */
const MAX_RACES = 50;

/** The request and the caller's membership; 404 for an unknown request and for non-members. */
async function requestAsMember(
  ctx: AppContext,
  requestId: string,
  userId: string,
): Promise<{ request: ConsentRequestDoc; membership: MembershipDoc }> {
  const request = await ctx.repos.consent.findRequest(requestId);
  const membership = request && (await ctx.repos.memberships.find(request.groupId, userId));
  // Readers never learn that a request exists: a statement is nothing to them before release,
  // and proposals on a memo are the negotiators' business.
  if (!request || !membership || !can(membership, 'consent.view'))
    throw notFound('Consent request');
  return { request, membership };
}

/**
 * Store `body` as the answer of the caller's party (or of `body.partyId`, which must be theirs)
 * in the open round, then release the request if that made every party of the round consent.
 * 404 unknown request or non-negotiator; 403 (audited as `consent.refused`) for a party the
 * caller does not speak for, or one the round does not count; 409 for a draft, a statement being
 * edited, a released request or a stale round (including one voided because the group's parties
 * changed: settling the gate first starts its successor).
 */
export async function answerConsent(
  ctx: AppContext,
  requestId: string,
  caller: Answerer,
  body: ConsentAnswerRequest,
): Promise<ConsentView> {
  const { request, membership } = await requestAsMember(ctx, requestId, caller.userId);

  const partyId = body.partyId ?? membership.partyId;
  // A deputy answers only while they speak for the party: always, or (issue 19) only for a
  // request of a meeting in which they substitute.
  const speaker = await readSpeakingActor(ctx.repos, membership, caller.userId, request.meetingId);
  if (!partyId || !can(speaker, 'consent.answer', { partyId })) {
    // Ids and roles only; never the reason the caller tried to give.
    await ctx.audit.record({
      groupId: request.groupId,
      actor: caller,
      action: 'consent.refused',
      target: auditTarget(request),
      details: {
        channel: CHANNEL,
        partyId: partyId ?? null,
        callerPartyId: membership.partyId,
        role: membership.role,
      },
    });
    throw forbidden(
      speaker.deputySpeaks === false
        ? 'In this group deputies answer for their party only while substituting in the meeting.'
        : 'Only the party’s own representatives and deputies answer for it.',
    );
  }

  const now = new Date();
  const gate = await settleGate(ctx, request, null, now);
  if (gate.status === 'draft') throw conflict('The statement has not been put to consent.');
  if (gate.status === 'editing')
    throw conflict('The statement is being edited; answer when it is put to consent again.');
  if (gate.status === 'released') throw conflict('Every party has consented; it is released.');
  const round = gate.round!;
  if (body.round !== round.round || gate.roundEnd)
    throw conflict(`The round has changed: answer round ${round.round}.`);
  // A party the round does not count (ended, or added after the round began, before the gate
  // was settled) has nothing to answer here.
  if (!gate.roundPartyIds.includes(partyId))
    throw forbidden('Your party is not among the parties of this round.');

  const answer = toConsentAnswer(body, {
    requestId,
    round: round.round,
    partyId,
    userId: caller.userId,
    userName: caller.name,
    at: now,
  });
  await appendAnswer(ctx, request, answer);
  await ctx.audit.record({
    groupId: request.groupId,
    actor: caller,
    action: 'consent.answer',
    target: auditTarget(request),
    details: { ...consentAnswerAuditDetails(answer), channel: CHANNEL },
  });

  const released = await releaseIfUnanimous(ctx, request, caller);
  if (!released) {
    if (answer.answer === 'object')
      await notifyConsent(ctx, request, { kind: 'blocked', round: round.round });
    await announceConsentChange(ctx, request);
  }
  return consentView(ctx, request, membership);
}

/** Append as answer number last+1; another writer taking that number means: read, try again. */
async function appendAnswer(
  ctx: AppContext,
  request: ConsentRequestDoc,
  answer: ReturnType<typeof toConsentAnswer>,
): Promise<void> {
  const { repos } = ctx;
  for (let race = 0; race < MAX_RACES; race++) {
    const last = await repos.consent.lastAnswer(request._id);
    const seq = (last?.seq ?? 0) + 1;
    const stored = await repos.consent.appendAnswer({
      _id: consentAnswerId(request._id, seq),
      seq,
      groupId: request.groupId,
      ...answer,
    });
    if (stored) return;
  }
  throw conflict('Too many answers at once; try again.');
}
