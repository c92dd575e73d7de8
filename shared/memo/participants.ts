// Who took part in a meeting, in the words of its approved memo: one function for the version
// screen and every export, so they list the same people in the same order and words.
import type { MemoMeetingFacts } from '../api/memoVersions';
import type { AttendanceStatus } from '../meetings';
import type { ContentParty } from './content';
import type { MemoLabels } from './labels';

export interface ParticipantLines {
  /** People outside the memo's parties, e.g. "Päivi Äijälä (puheenjohtaja)". */
  officers: string[];
  /** Every party of the memo, in its order: attendance and its people ("Åsa Demari (varajäsen)"). */
  parties: { partyId: string; status: AttendanceStatus; attendance: string; people: string[] }[];
}

export function participantLines(
  facts: MemoMeetingFacts,
  parties: readonly ContentParty[],
  labels: MemoLabels,
): ParticipantLines {
  const inParty = new Set(parties.map((party) => party.partyId));
  const officers = facts.participants
    .filter((person) => person.partyId === null || !inParty.has(person.partyId))
    .map((person) => `${person.name} (${labels.roles[person.role]})`);
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
          .map((person) => `${person.name} (${labels.roles[person.role]})`),
      };
    }),
  };
}
