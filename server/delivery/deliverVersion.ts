// Delivery of an approved version to the party groups: an in-app notice to every member, an
// email with a link (never memo content) to every reader, stored in the outbox.
import { wantsEmail } from '../../shared/api/mail';
import { can } from '../../shared/permissions';
import type { MemoDelivered } from '../../shared/realtime/events';
import type { AppContext } from '../context';
import type { MeetingDoc, MemoVersionDoc } from '../db/schema';
import { memoDeliveredMail } from '../mail/templates';

export function versionPath(meeting: Pick<MeetingDoc, '_id' | 'groupId'>, version: number) {
  return `/groups/${meeting.groupId}/meetings/${meeting._id}/versions/${version}`;
}

export async function deliverVersion(
  ctx: AppContext,
  meeting: MeetingDoc,
  version: MemoVersionDoc,
): Promise<void> {
  const { repos } = ctx;
  const [group, members] = await Promise.all([
    repos.groups.findById(meeting.groupId),
    repos.memberships.listByGroup(meeting.groupId),
  ]);
  const notice: MemoDelivered = {
    groupId: meeting.groupId,
    meetingId: meeting._id,
    version: version.version,
    meetingTitle: meeting.title,
  };
  ctx.events.publish({
    type: 'memoDelivered',
    userIds: members.map((member) => member.userId),
    notice,
  });

  const readers = members.filter((member) => can(member, 'memo.receiveDelivery'));
  const users = (await repos.users.findByIds(readers.map((reader) => reader.userId))).filter(
    (user) => wantsEmail(user.emailPreference, 'delivery'),
  );
  const link = `${ctx.publicUrl()}${versionPath(meeting, version.version)}`;
  // Keyed by version and reader: delivering a version again stores (and sends) nothing twice.
  const queued = await ctx.outbox.enqueue(
    users.map((user) => ({
      groupId: meeting.groupId,
      kind: 'delivery' as const,
      key: `delivery:${version._id}:${user._id}`,
      to: user.email,
      ...memoDeliveredMail({
        locale: user.locale,
        groupName: group?.name ?? '',
        meetingTitle: meeting.title,
        meetingStartsAt: meeting.startsAt,
        version: version.version,
        ...(version.actingChairDelegationId ? { actingChair: version.approvedByName } : {}),
        link,
      }),
    })),
  );
  await ctx.audit.record({
    groupId: meeting.groupId,
    actor: null,
    action: 'memo.deliver',
    target: { type: 'memoVersion', id: version._id, label: `${meeting.title} v${version.version}` },
    details: { members: members.length, readers: readers.length, emailsQueued: queued },
  });
}
