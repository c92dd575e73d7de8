// Who took part in a meeting, in the words of its approved memo: one function for the version
// screen and every export, so they list the same people in the same order and words.
import type { MemoMeetingFacts, MemoParticipant } from '../api/memoVersions';
import type { AttendanceStatus } from '../meetings';
import type { ContentParty } from './content';
import type { MemoLabels } from './labels';

export interface ParticipantLines {
  /** People outside the memo's parties, e.g. "Päivi Äijälä (puheenjohtaja)". */
  officers: string[];
  /** Every party of the memo, in its order: attendance and its people ("Åsa Demari (varajäsen)"). */
  parties: { partyId: string; status: AttendanceStatus; attendance: string; people: string[] }[];
}

/**
 * "Åsa Demari (varajäsen, jäsenen Pekka Virtanen sijaisena)", "Pekka Virtanen (jäsen, poissa,
 * sijaisena Åsa Demari)", "Eeva Salo (jäsen)": present people (and anyone not recorded) by role.
 */
export function personLine(person: MemoParticipant, labels: MemoLabels): string {
  const role = labels.roles[person.role];
  const attended = person.attended;
  const words = labels.personAttendance;
  let said: string | null = null;
  if (attended?.status === 'absent') said = words.absent;
  else if (attended?.status === 'substituted')
    said = words.substituted.replace('{name}', attended.by);
  else if (attended?.status === 'substituting')
    said = words.substituting.replace('{name}', attended.for);
  if (said === null) return `${person.name} (${role})`;
  return `${person.name} (${role}, ${said})`;
}

export function participantLines(
  facts: MemoMeetingFacts,
  parties: readonly ContentParty[],
  labels: MemoLabels,
): ParticipantLines {
  const inParty = new Set(parties.map((party) => party.partyId));
  const officers = facts.participants
    .filter((person) => person.partyId === null || !inParty.has(person.partyId))
    .map((person) => personLine(person, labels));
  return {
    officers,
    parties: parties.map(({ partyId }) => {
      const status = facts.attendance.find((entry) => entry.partyId === partyId)?.status;
      return {
        partyId,
        status: status ?? 'unknown',
        attendance: labels.attendance[status ?? 'unknown'],
        people: facts.participants
          .filter((person) => person.partyId === partyId)
          .map((person) => personLine(person, labels)),
      };
    }),
  };
}
