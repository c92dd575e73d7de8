// Declassification proposals as negotiators see them: the target (by id and a label that names it
// by position), the levels, the version's stored hash and the consent gate's state.
import type { DeclassificationList, DeclassificationView } from '../../shared/api/consent';
import { declassifiableTargets } from '../../shared/memo/declassification';
import { consentView } from '../consent/view';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, MembershipDoc, MemoVersionDoc } from '../db/schema';
import { frozenContent } from '../versions/versionView';
import { proposalsOf } from './overlays';
import { ensureFirstRound } from './propose';

/** One proposal; `membership` is the caller's (it decides whom they may answer for). */
export async function declassificationView(
  ctx: AppContext,
  request: ConsentRequestDoc,
  membership: MembershipDoc,
): Promise<DeclassificationView> {
  const proposal = request.declassification;
  if (!proposal || !request.meetingId) throw new Error('not a declassification request');
  // A proposal cut short between its insert and its round 1 is completed on its first reading.
  if (!(await ctx.repos.consent.latestRound(request._id))) await ensureFirstRound(ctx, request);
  const consent = await consentView(ctx, request, membership);
  return {
    id: request._id,
    groupId: request.groupId,
    meetingId: request.meetingId,
    version: proposal.version,
    versionHash: proposal.versionHash,
    target: proposal.target,
    label: request.title,
    from: proposal.from,
    to: proposal.to,
    proposedBy: { id: request.createdBy.userId, name: request.createdBy.name },
    proposedAt: request.createdAt.toISOString(),
    consent,
  };
}

/** What may be proposed on `version` now, and every proposal made on it (oldest first). */
export async function declassificationList(
  ctx: AppContext,
  version: MemoVersionDoc,
  membership: MembershipDoc,
): Promise<DeclassificationList> {
  const { requests, released, pending } = await proposalsOf(
    ctx.repos,
    version.meetingId,
    version.version,
  );
  const proposals: DeclassificationView[] = [];
  for (const request of requests) {
    proposals.push(await declassificationView(ctx, request, membership));
  }
  return {
    meetingId: version.meetingId,
    version: version.version,
    versionHash: version.hash,
    targets: declassifiableTargets(frozenContent(version), released, pending),
    proposals,
  };
}
