// What a collab room belongs to, re-read from the database for every batch: the meeting of a memo
// or party room, the consent request of a statement room. Access decisions only need its group
// and whether it is locked (an approved memo, a statement in consent or released), not what kind
// it is.
import type { CollabRoom } from '../../shared/memo/format';
import type { ConsentRequestDoc, MeetingDoc } from '../db/schema';
import type { Repositories } from '../repositories';
import { readStatementLock } from '../statements/lock';

export type RoomSubject =
  | { kind: 'meeting'; groupId: string; locked: boolean; meeting: MeetingDoc }
  | {
      kind: 'statement';
      groupId: string;
      locked: boolean;
      request: ConsentRequestDoc;
      /** Seals of this round and earlier ones were taken back for editing (see statements/lock). */
      editedRound: number;
    };

export type SubjectRepos = Pick<Repositories, 'meetings' | 'consent'>;

export function meetingSubject(meeting: MeetingDoc): RoomSubject {
  return {
    kind: 'meeting',
    groupId: meeting.groupId,
    locked: meeting.status === 'approved',
    meeting,
  };
}

/** The room's subject as stored now; null when it does not exist (or is not a statement). */
export async function readRoomSubject(
  repos: SubjectRepos,
  room: CollabRoom,
): Promise<RoomSubject | null> {
  if (room.kind !== 'statement') {
    const meeting = await repos.meetings.findById(room.meetingId);
    return meeting ? meetingSubject(meeting) : null;
  }
  const [request, lock] = await Promise.all([
    repos.consent.findRequest(room.statementId),
    readStatementLock(repos, room.statementId),
  ]);
  if (request?.kind !== 'statement') return null;
  // In consent the parties consent to exact words, and released words are frozen: both lock.
  return { kind: 'statement', groupId: request.groupId, request, ...lock };
}
