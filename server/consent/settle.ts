// Gates left between two steps, and rounds whose parties are no longer the group's. Whoever acts on
// a gate (a view, an answer, the reminder job, the party routes) settles it first, so a change made
// on another instance, or a step cut short by a crash, is caught up on by the next reader:
// - a round that ended as released but has no release yet is released;
// - an open round whose parties are not the group's parties now (one ended, one added) is void:
//   it ends (`parties_changed`, the consents given withdrawn), and the next round starts with the
//   same words and the parties now; every negotiator is told, and it is audited. Such a round never
//   releases or blocks by itself (shared/consent.ts), whatever answers it had;
// - a round that ended for a change of parties but has no successor yet gets it.
import { withdrawnConsents } from '../../shared/consent';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc, ConsentRoundEndDoc } from '../db/schema';
import { consentRoundEndId, consentRoundId } from '../repositories/consent';
import { auditTarget, readGate, type ConsentGate } from './gate';
import { announceConsentChange, notifyConsent } from './notify';
import { releaseIfUnanimous } from './release';

export interface Settler {
  userId: string;
  name: string;
}

/** Each pass acts once; more than this in a row means others keep changing the gate. */
const MAX_PASSES = 4;

/**
 * Settle the gate of `request` (see the module comment) and return it as stored afterwards.
 * `actor` is who changed the parties (the party routes), or null for a reader catching up.
 */
export async function settleGate(
  ctx: AppContext,
  request: ConsentRequestDoc,
  actor: Settler | null = null,
  now = new Date(),
): Promise<ConsentGate> {
  let gate = await readGate(ctx, request, now);
  for (let pass = 0; pass < MAX_PASSES && gate.status === 'in_consent'; pass++) {
    const { round, roundEnd } = gate;
    if (!round) break;
    if (roundEnd?.cause === 'released' || (!roundEnd && gate.state?.outcome === 'released')) {
      if (!(await releaseIfUnanimous(ctx, request, null, now))) break;
    } else if (roundEnd?.cause === 'parties_changed') {
      if (!(await startSuccessor(ctx, gate, round, roundEnd))) break;
    } else if (!roundEnd && gate.partiesChange) {
      await voidForParties(ctx, gate, round, actor, now);
    } else break;
    gate = await readGate(ctx, request, now);
  }
  return gate;
}

/**
 * Settle every request of the group that is not released, after its parties changed (a party
 * added, ended or deleted by `actor`). Returns how many rounds were voided and restarted.
 */
export async function settleGroupGates(
  ctx: AppContext,
  groupId: string,
  actor: Settler | null,
): Promise<number> {
  const requests = await ctx.repos.consent.listAllRequests(groupId);
  let restarted = 0;
  for (const request of requests) {
    const before = await ctx.repos.consent.latestRound(request._id);
    const after = (await settleGate(ctx, request, actor)).round;
    if (before && after && after.round > before.round) restarted += 1;
  }
  return restarted;
}

/** End the open round because the group's parties changed; then start its successor. */
async function voidForParties(
  ctx: AppContext,
  gate: ConsentGate,
  round: ConsentRoundDoc,
  actor: Settler | null,
  now: Date,
): Promise<void> {
  const { request, partiesChange } = gate;
  if (!partiesChange) return;
  const end: ConsentRoundEndDoc = {
    _id: consentRoundEndId(request._id, round.round),
    requestId: request._id,
    groupId: request.groupId,
    round: round.round,
    cause: 'parties_changed',
    at: now,
    by: actor,
    withdrawn: withdrawnConsents(gate.answers, round.round),
    added: partiesChange.added,
    removed: partiesChange.removed,
  };
  // Lost: the round ended otherwise (released just before the change, or taken back to edit), or
  // another writer voided it; the next pass reads which.
  if (await ctx.repos.consent.endRound(end)) await startSuccessor(ctx, gate, round, end);
}

/**
 * Round n+1 after round n ended for a change of parties: the same words, the group's active
 * parties now. The unique round key lets one writer start it; only that one tells anyone.
 */
async function startSuccessor(
  ctx: AppContext,
  gate: ConsentGate,
  round: ConsentRoundDoc,
  end: ConsentRoundEndDoc,
): Promise<boolean> {
  const { request } = gate;
  const next: ConsentRoundDoc = {
    _id: consentRoundId(request._id, round.round + 1),
    requestId: request._id,
    round: round.round + 1,
    cause: 'parties_changed',
    at: end.at,
    by: end.by,
    partyIds: gate.activePartyIds,
    withdrawn: end.withdrawn,
    content: round.content,
    hash: round.hash,
  };
  if (!(await ctx.repos.consent.startRound(next))) return false;
  await announceRestart(ctx, request, next, end);
  return true;
}

/**
 * Audit the void round and tell every negotiator: each party answers the new round, whether or not
 * it had consented (those that had are named in the audit entry and the round's history).
 */
async function announceRestart(
  ctx: AppContext,
  request: ConsentRequestDoc,
  next: ConsentRoundDoc,
  end: ConsentRoundEndDoc,
): Promise<void> {
  await ctx.audit.record({
    groupId: request.groupId,
    actor: end.by,
    action: 'consent.restart',
    target: auditTarget(request),
    details: {
      round: next.round,
      fromRound: end.round,
      parties: end.withdrawn.join(','),
      addedParties: end.added.join(','),
      removedParties: end.removed.join(','),
    },
  });
  await notifyConsent(ctx, request, { kind: 'restarted', round: next.round });
  await announceConsentChange(ctx, request);
}
