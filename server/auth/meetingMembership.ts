import type { MeetingDoc, MembershipDoc } from '../db/schema';
import { notFound } from '../errors';
import type { Repositories } from '../repositories';

/**
 * A meeting and the user's membership in its group. A meeting of a group the user is not in
 * answers 404 like a missing one, so meeting ids reveal nothing (HTTP API and Socket.io alike).
 */
export async function meetingAsMember(
  repos: Repositories,
  meetingId: string,
  userId: string,
): Promise<{ meeting: MeetingDoc; membership: MembershipDoc }> {
  const meeting = await repos.meetings.findById(meetingId);
  if (!meeting) throw notFound('Meeting');
  const membership = await repos.memberships.find(meeting.groupId, userId);
  if (!membership) throw notFound('Meeting');
  return { meeting, membership };
}
