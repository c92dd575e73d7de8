// Person-level attendance of a meeting (issue 19): who is there, who is away and which deputy of
// the same party stands in for whom. The parties' attendance, which readers and the approval see,
// is derived from the people for every party with anyone recorded, and stored with them in the
// same revision, so the two never disagree.
import {
  attendanceProblems,
  partyStatusFromPeople,
  type AttendeeMember,
  type PersonAttendance,
} from '../../shared/attendance';
import type { SetPeopleAttendanceRequest } from '../../shared/api/schemas';
import { can } from '../../shared/permissions';
import type { AppContext } from '../context';
import type { MeetingDoc } from '../db/schema';
import { AppError, conflict } from '../errors';

/** The group's negotiators: who may be recorded as attending (readers and admins take no part). */
export async function attendeesOf(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
): Promise<AttendeeMember[]> {
  return (await ctx.repos.memberships.listByGroup(groupId))
    .filter((membership) => can(membership, 'group.negotiate'))
    .map(({ userId, role, partyId }) => ({ userId, role, partyId }));
}

/** The parties' attendance after `people` was recorded: derived where anyone is recorded. */
export function derivedAttendance(
  meeting: MeetingDoc,
  partyIds: readonly string[],
  people: readonly PersonAttendance[],
  members: readonly AttendeeMember[],
): MeetingDoc['attendance'] {
  return partyIds.flatMap((partyId) => {
    const status =
      partyStatusFromPeople(partyId, people, members) ??
      meeting.attendance.find((entry) => entry.partyId === partyId)?.status;
    return status ? [{ partyId, status }] : [];
  });
}

/**
 * Store `body.people` as the meeting's attendance (the caller has checked the right to record it
 * and that the meeting is not locked). 400 for anyone who is not the group's negotiator or a
 * substitution the rules do not allow, 409 when the meeting changed since `body.revision`.
 */
export async function recordPeopleAttendance(
  ctx: AppContext,
  meeting: MeetingDoc,
  body: SetPeopleAttendanceRequest,
  actor: { userId: string; name: string },
): Promise<MeetingDoc> {
  const people: PersonAttendance[] = body.people.map((entry) => ({
    userId: entry.userId,
    status: entry.status,
    substituteUserId: entry.substituteUserId ?? null,
  }));
  const [members, parties] = await Promise.all([
    attendeesOf(ctx, meeting.groupId),
    ctx.repos.groups.listParties(meeting.groupId),
  ]);
  const problems = attendanceProblems(people, members);
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      'The attendance is not valid.',
      problems.map(({ index, field, message }) => ({ path: `people.${index}.${field}`, message })),
    );
  }
  const attendance = derivedAttendance(
    meeting,
    parties.map((party) => party._id),
    people,
    members,
  );
  const updated =
    body.revision === meeting.revision
      ? await ctx.repos.meetings.commit(meeting, { people, attendance })
      : null;
  if (!updated) throw conflict('Someone else saved this meeting meanwhile; reload.');
  await ctx.audit.record({
    groupId: meeting.groupId,
    actor,
    action: 'meeting.attendance',
    target: { type: 'meeting', id: meeting._id, label: meeting.title },
    details: {
      present: people.filter((entry) => entry.status === 'present').length,
      absent: people.filter((entry) => entry.status === 'absent').length,
      substituted: people.filter((entry) => entry.status === 'substituted').length,
    },
  });
  // Deputies who start or stop substituting write the party's stances from now on, or no more.
  ctx.events.publish({ type: 'speakingChanged', groupId: meeting.groupId, meetingId: meeting._id });
  return updated;
}

/** A party whose people are recorded has its attendance from them, not set by hand. */
export function partiesRecordedByPerson(
  meeting: MeetingDoc,
  members: readonly AttendeeMember[],
): Set<string> {
  const recorded = new Set((meeting.people ?? []).map((entry) => entry.userId));
  return new Set(
    members
      .filter((member) => member.partyId && recorded.has(member.userId))
      .map((member) => member.partyId!),
  );
}
