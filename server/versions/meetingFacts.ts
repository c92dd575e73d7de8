// Where a meeting was held and who took part, as the approved memo shows it: frozen beside the
// version at approval, so a later change of members or attendance (after a reopening) does not
// rewrite what an approved version says.
import type {
  MemoMeetingFacts,
  MemoParticipant,
  ParticipantAttendance,
} from '../../shared/api/memoVersions';
import { substitutedBy, type PersonAttendance } from '../../shared/attendance';
import { can } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';
import type { AppContext } from '../context';
import type { MeetingDoc, MemoVersionDoc } from '../db/schema';

/** The order people are listed in: officers first, then members and deputies (as in ROLES). */
const ROLE_ORDER: readonly string[] = ROLES;

/** How a person attended, by the meeting's person-level attendance (issue 19). */
function participantAttendance(
  people: readonly PersonAttendance[],
  userId: string,
  names: ReadonlyMap<string, string>,
): ParticipantAttendance | null {
  const standsIn = substitutedBy(people, userId);
  if (standsIn) return { status: 'substituting', for: names.get(standsIn.userId) ?? '' };
  const entry = people.find((person) => person.userId === userId);
  if (!entry) return null;
  if (entry.status === 'substituted')
    return { status: 'substituted', by: names.get(entry.substituteUserId ?? '') ?? '' };
  return { status: entry.status };
}

/** The meeting's place, attendance and negotiators now (read at approval). */
export async function currentMeetingFacts(
  ctx: Pick<AppContext, 'repos'>,
  meeting: MeetingDoc,
): Promise<MemoMeetingFacts> {
  // The people who attend meetings: the negotiators (readers and admins take no part).
  const memberships = (await ctx.repos.memberships.listByGroup(meeting.groupId)).filter(
    (membership) => can(membership, 'group.negotiate'),
  );
  const users = await ctx.repos.users.findByIds(memberships.map((m) => m.userId));
  const names = new Map(users.map((user) => [user._id, user.name]));
  const people = meeting.people ?? [];
  const participants = memberships
    .map((membership): MemoParticipant => {
      const attended = participantAttendance(people, membership.userId, names);
      return {
        name: names.get(membership.userId) ?? '',
        role: membership.role as MemoParticipant['role'],
        partyId: membership.partyId,
        ...(attended ? { attended } : {}),
      };
    })
    .filter((participant) => participant.name !== '')
    .sort(
      (a, b) =>
        ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name),
    );
  return {
    location: meeting.location,
    attendance: meeting.attendance.map(({ partyId, status }) => ({ partyId, status })),
    participants,
  };
}

/**
 * What a version shows: its frozen facts, or for a version approved before they were frozen,
 * the meeting's place and attendance without names (who took part then is no longer known).
 */
export function versionMeetingFacts(
  meeting: MeetingDoc,
  version: MemoVersionDoc,
): MemoMeetingFacts {
  return (
    version.meetingFacts ?? {
      location: meeting.location,
      attendance: meeting.attendance.map(({ partyId, status }) => ({ partyId, status })),
      participants: [],
    }
  );
}
