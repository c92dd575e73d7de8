// Moving a follow-up along (issue 19): who may, what each status needs, and the race between two
// people changing it at once.
import { DISSENT_STATUSES, type TrackedItem } from '../../shared/api/memoVersions';
import type { SetTrackedItemStatusRequest } from '../../shared/api/schemas';
import { hasCaseLink } from '../../shared/caseLinks';
import { audienceForRole, isVisibleTo } from '../../shared/confidentiality';
import { trackedItemOwner } from '../../shared/memo/followUpOwner';
import { actorOf } from '../audit/actors';
import type { AppContext } from '../context';
import type { MembershipDoc, TrackedItemDoc, UserDoc } from '../db/schema';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { authorize } from '../http/context';
import { toTrackedItem } from './trackedItemView';

/** What the new status needs beside it; a 400 naming what is missing or out of place. */
function detailsOf(item: TrackedItemDoc, body: SetTrackedItemStatusRequest) {
  if (item.kind === 'dissent' && !DISSENT_STATUSES.includes(body.status))
    throw badRequest('A dissent is only open or done.');
  const caseLink = body.caseLink && hasCaseLink(body.caseLink) ? body.caseLink : null;
  const reason = body.reason?.trim() || null;
  if (body.status === 'inPreparation' && !caseLink)
    throw badRequest('Name the council case the follow-up was taken to (caseLink).');
  if (body.status !== 'inPreparation' && body.caseLink)
    throw badRequest('Only a follow-up taken to preparation has a case link.');
  if (body.status === 'notDone' && !reason)
    throw badRequest('Say why the follow-up will not be done (reason).');
  if (body.status !== 'notDone' && body.reason !== undefined)
    throw badRequest('Only a follow-up that will not be done has a reason.');
  return { caseLink, reason };
}

/**
 * Give item `itemId` the status in `body` as `user`, audited. Items of other groups and removed
 * ones answer 404; someone who may not move it, or may not read it, 403. Setting what it already
 * is changes nothing. Two changes at once: one is stored, the other gets 409 and changes nothing.
 */
export async function changeTrackedStatus(
  ctx: Pick<AppContext, 'repos' | 'audit'>,
  user: UserDoc,
  itemId: string,
  body: SetTrackedItemStatusRequest,
): Promise<TrackedItem> {
  const { repos } = ctx;
  const item = await repos.trackedItems.findById(itemId);
  const membership: MembershipDoc | null =
    item && (await repos.memberships.find(item.groupId, user._id));
  // Items of other groups answer like missing ones, so ids reveal nothing.
  if (!item || item.removed || !membership) throw notFound('Tracked item');
  authorize(membership, 'followUp.setStatus', { owner: trackedItemOwner(item, user._id) });
  const audience = audienceForRole(membership.role);
  // An owner who may not read it (a reader named on a confidential follow-up) cannot move it.
  if (!isVisibleTo(item.confidentiality, audience)) throw forbidden();
  const details = detailsOf(item, body);

  const seq = await repos.trackedItems.nextSeq(item);
  const history = (await repos.trackedItems.changesOf([itemId])).get(itemId) ?? [];
  const current = toTrackedItem(item, audience, history);
  const same =
    current.status === body.status &&
    current.statusReason === details.reason &&
    JSON.stringify(current.statusCaseLink) === JSON.stringify(details.caseLink);
  if (same) return current;
  // The history holds every change so far, numbered 1…seq-1.
  if (body.basedOn !== undefined && body.basedOn !== seq - 1)
    throw conflict(
      'Someone changed this follow-up after you loaded it. Load it again to see their change.',
    );

  const recorded = await repos.trackedItems.recordChange(item, seq, {
    status: body.status,
    ...details,
    userId: user._id,
    userName: user.name,
  });
  if (!recorded)
    throw conflict('Someone changed this follow-up at the same moment. Load it again and retry.');
  await ctx.audit.record({
    groupId: item.groupId,
    actor: actorOf(user),
    action: 'followUp.status',
    target: { type: 'trackedItem', id: itemId, label: item.kind },
    // No reason or case text: the audit log is read by administrators too, and the item may be
    // confidential. The history on the item holds them.
    details: { from: current.status, to: body.status, seq },
  });
  return toTrackedItem(item, audience, [...history, recorded]);
}
