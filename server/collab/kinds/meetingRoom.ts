// What the memo room and the party rooms share: their subject is the meeting.
import type { MemoRoom } from '../../../shared/memo/format';
import type { MeetingDoc } from '../../db/schema';
import { meetingSubject, type RoomSubject, type SubjectRepos } from '../roomSubject';

export async function readMeetingSubject(
  repos: SubjectRepos,
  ref: MemoRoom,
): Promise<RoomSubject | null> {
  const meeting = await repos.meetings.findById(ref.meetingId);
  return meeting ? meetingSubject(meeting) : null;
}

/** The meeting of a subject that can only be one (a memo or party room's). */
export function meetingOf(subject: RoomSubject): MeetingDoc {
  if (subject.kind !== 'meeting') throw new Error('a meeting room with a statement subject');
  return subject.meeting;
}
