// Who attends a meeting and who speaks for a party there (issue 19): person-level attendance,
// each party's deputy order and the group's rule on when deputies speak. Pure rules, shared by
// the server (which decides) and the client (which offers and explains).
import type { AttendanceStatus } from './meetings';
import { standsInFor, type Role } from './roles';

/**
 * The group's setting "Varajäsenet puhuvat puolueen puolesta": `always` (as before issue 19, and
 * the default of every group that never chose) or only while substituting an absent
 * representative in the meeting at hand (`whenSubstituting`).
 */
export const DEPUTIES_SPEAK = ['always', 'whenSubstituting'] as const;
export type DeputiesSpeak = (typeof DEPUTIES_SPEAK)[number];
export const DEFAULT_DEPUTIES_SPEAK: DeputiesSpeak = 'always';

/** One negotiator at one meeting: there, away, or away and replaced by a deputy of their party. */
export const PERSON_ATTENDANCE_STATUSES = ['present', 'absent', 'substituted'] as const;
export type PersonAttendanceStatus = (typeof PERSON_ATTENDANCE_STATUSES)[number];

export interface PersonAttendance {
  userId: string;
  status: PersonAttendanceStatus;
  /** The deputy standing in, only when `status` is `substituted`. */
  substituteUserId: string | null;
}

/** A negotiator as far as attendance goes (a membership with its user). */
export interface AttendeeMember {
  userId: string;
  role: Role;
  partyId: string | null;
}

/** Why a recorded attendance list cannot be stored; `index` points into the list. */
export interface AttendanceProblem {
  index: number;
  field: 'userId' | 'status' | 'substituteUserId';
  message: string;
}

/**
 * The party's deputies in their order: those the order names first (as listed), then any it
 * does not name yet (a deputy who joined since), by name so the list is stable.
 */
export function orderDeputies<T extends { userId: string; name: string }>(
  deputies: readonly T[],
  order: readonly string[],
): T[] {
  const rank = (userId: string) => {
    const at = order.indexOf(userId);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return [...deputies].sort(
    (a, b) => rank(a.userId) - rank(b.userId) || a.name.localeCompare(b.name),
  );
}

/** Whose substitute a deputy is in `people`, if anyone's. */
export function substitutedBy(
  people: readonly PersonAttendance[],
  deputyUserId: string,
): PersonAttendance | undefined {
  return people.find(
    (entry) => entry.status === 'substituted' && entry.substituteUserId === deputyUserId,
  );
}

/**
 * The first deputy of the party (in its order) who substitutes nobody yet and is not recorded
 * absent: what the form suggests when a representative is marked away.
 */
export function suggestSubstitute<T extends { userId: string }>(
  orderedDeputies: readonly T[],
  people: readonly PersonAttendance[],
  exceptFor?: string,
): T | null {
  return (
    orderedDeputies.find((deputy) => {
      const standsIn = substitutedBy(people, deputy.userId);
      const away = people.some((p) => p.userId === deputy.userId && p.status !== 'present');
      return (!standsIn || standsIn.userId === exceptFor) && !away;
    }) ?? null
  );
}

/**
 * The checks of a recorded attendance list against the group's negotiators: each person once
 * and a negotiator of the group; only a representative is substituted, only by a deputy of the
 * same party, who substitutes nobody else and is not recorded away.
 */
export function attendanceProblems(
  people: readonly PersonAttendance[],
  members: readonly AttendeeMember[],
): AttendanceProblem[] {
  const problems: AttendanceProblem[] = [];
  const byUser = new Map(members.map((member) => [member.userId, member]));
  const seen = new Set<string>();
  const standingIn = new Set<string>();
  people.forEach((entry, index) => {
    const member = byUser.get(entry.userId);
    if (!member) {
      problems.push({ index, field: 'userId', message: 'not a negotiator of this group' });
      return;
    }
    if (seen.has(entry.userId)) {
      problems.push({ index, field: 'userId', message: 'listed twice' });
      return;
    }
    seen.add(entry.userId);
    if (entry.status !== 'substituted') {
      if (entry.substituteUserId !== null)
        problems.push({ index, field: 'substituteUserId', message: 'only for "substituted"' });
      return;
    }
    if (!member.partyId || !standsInFor('deputy', member.role)) {
      problems.push({ index, field: 'status', message: 'only a representative is substituted' });
      return;
    }
    const deputy = entry.substituteUserId ? byUser.get(entry.substituteUserId) : undefined;
    if (!deputy || !standsInFor(deputy.role, member.role) || deputy.partyId !== member.partyId) {
      problems.push({
        index,
        field: 'substituteUserId',
        message: 'must be a deputy of the same party',
      });
      return;
    }
    if (standingIn.has(deputy.userId)) {
      problems.push({ index, field: 'substituteUserId', message: 'already substitutes someone' });
      return;
    }
    standingIn.add(deputy.userId);
  });
  people.forEach((entry, index) => {
    if (standingIn.has(entry.userId) && entry.status !== 'present')
      problems.push({ index, field: 'status', message: 'substitutes someone, so is present' });
  });
  return problems;
}

/**
 * A party's attendance from its people, for a party whose people are recorded: present when
 * anyone speaks for it at the table (present, or substituted by a deputy), absent when all of
 * its negotiators are recorded away, else not yet known. Parties with nobody recorded keep the
 * per-party status set for them.
 */
export function partyStatusFromPeople(
  partyId: string,
  people: readonly PersonAttendance[],
  members: readonly AttendeeMember[],
): AttendanceStatus | null {
  const own = members.filter((member) => member.partyId === partyId);
  const recorded = people.filter((entry) => own.some((member) => member.userId === entry.userId));
  if (recorded.length === 0) return null;
  if (recorded.some((entry) => entry.status !== 'absent')) return 'present';
  return recorded.length === own.length ? 'absent' : 'unknown';
}

/**
 * Whether a deputy speaks for their party in this setting: always, or (`whenSubstituting`) only
 * while recorded as substituting someone in the meeting at hand (`people` of that meeting; none
 * when the question belongs to no meeting, such as a joint statement's consent).
 */
export function deputySpeaks(
  setting: DeputiesSpeak,
  userId: string,
  people: readonly PersonAttendance[] | null,
): boolean {
  if (setting === 'always') return true;
  return !!people && !!substitutedBy(people, userId);
}
