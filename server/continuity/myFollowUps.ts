// "Omat jatkotoimet" (issue 19): the follow-ups a person owns, in every group they belong to.
import type { MyFollowUp } from '../../shared/api/memoVersions';
import { audienceForRole } from '../../shared/confidentiality';
import { finnishIsoDay, isOverdue, type OwnerRef } from '../../shared/memo/followUpOwner';
import { FINISHED_STATUSES } from '../../shared/api/memoVersions';
import { partySpokenFor } from '../../shared/permissions';
import type { MembershipDoc, TrackedItemDoc } from '../db/schema';
import type { Repositories } from '../repositories';
import { trackedItemsFor } from './trackedItemView';

/** Whether `ref` names the member, or the party they speak for now. */
export function ownedBy(ref: OwnerRef | null | undefined, membership: MembershipDoc): boolean {
  if (!ref) return false;
  if (ref.kind === 'member') return ref.id === membership.userId;
  return ref.id === partySpokenFor(membership);
}

/** A group's follow-ups still in their memos that `membership`'s member owns. */
export async function ownedFollowUps(
  repos: Pick<Repositories, 'trackedItems'>,
  membership: MembershipDoc,
): Promise<TrackedItemDoc[]> {
  const items = await repos.trackedItems.listByGroup(membership.groupId, { kind: 'followUp' });
  return items.filter((item) => ownedBy(item.ownerRef, membership));
}

/**
 * Every follow-up `userId` owns, group by group, each redacted for their audience in that group
 * (a reader of a party never receives a confidential one): unfinished first, then by due date.
 */
export async function myFollowUps(
  repos: Pick<Repositories, 'trackedItems' | 'memberships' | 'groups'>,
  userId: string,
  now = new Date(),
): Promise<MyFollowUp[]> {
  const today = finnishIsoDay(now);
  const memberships = await repos.memberships.listByUser(userId);
  const found: MyFollowUp[] = [];
  for (const membership of memberships) {
    const group = await repos.groups.findById(membership.groupId);
    if (!group) continue;
    const owned = await ownedFollowUps(repos, membership);
    for (const item of await trackedItemsFor(repos, owned, audienceForRole(membership.role))) {
      const finished = FINISHED_STATUSES.includes(item.status);
      found.push({
        ...item,
        groupName: group.name,
        overdue: !finished && isOverdue(item.due, today),
      });
    }
  }
  const rank = (item: MyFollowUp) => (FINISHED_STATUSES.includes(item.status) ? 1 : 0);
  // Undated ones after the dated ones.
  const dueKey = (item: MyFollowUp) => item.due || '9999-99-99';
  return found.sort((a, b) => rank(a) - rank(b) || dueKey(a).localeCompare(dueKey(b)));
}
