// What a collab room belongs to, re-read from the database for every batch (each room kind reads
// its own, see kinds/): the meeting of a memo or party room, the consent request of a statement
// room. Access decisions only need its group and whether it is locked (an approved memo, a
// statement in consent or released), not what kind it is.
import type { DeputiesSpeak } from '../../shared/attendance';
import { isMeetingLocked } from '../../shared/meetings';
import type { ConsentRequestDoc, MeetingDoc } from '../db/schema';
import type { Repositories } from '../repositories';

export type RoomSubject =
  | {
      kind: 'meeting';
      groupId: string;
      locked: boolean;
      meeting: MeetingDoc;
      /** The group's rule on deputies, read with the meeting by party rooms (issue 19). */
      deputiesSpeak?: DeputiesSpeak;
    }
  | {
      kind: 'statement';
      groupId: string;
      locked: boolean;
      request: ConsentRequestDoc;
      /** Seals of this round and earlier ones were taken back for editing (see statements/lock). */
      editedRound: number;
    };

export type SubjectRepos = Pick<Repositories, 'meetings' | 'consent' | 'groups'>;

export function meetingSubject(meeting: MeetingDoc, deputiesSpeak?: DeputiesSpeak): RoomSubject {
  return {
    kind: 'meeting',
    groupId: meeting.groupId,
    locked: isMeetingLocked(meeting.status),
    meeting,
    ...(deputiesSpeak ? { deputiesSpeak } : {}),
  };
}
