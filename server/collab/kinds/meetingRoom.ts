// What the memo room and the party rooms share: their subject is the meeting.
import type { MemoRoom } from '../../../shared/memo/format';
import type { MeetingDoc } from '../../db/schema';
import { deputiesSpeakIn } from '../../attendance/speaking';
import { meetingSubject, type RoomSubject, type SubjectRepos } from '../roomSubject';

export async function readMeetingSubject(
  repos: SubjectRepos,
  ref: MemoRoom,
): Promise<RoomSubject | null> {
  const meeting = await repos.meetings.findById(ref.meetingId);
  return meeting ? meetingSubject(meeting) : null;
}

/**
 * A party room's subject: the meeting and the group's rule on deputies, since who writes the
 * party's stances depends on both (issue 19). Read for every batch, like the meeting alone.
 */
export async function readSpeakingSubject(
  repos: SubjectRepos,
  ref: MemoRoom,
): Promise<RoomSubject | null> {
  const meeting = await repos.meetings.findById(ref.meetingId);
  if (!meeting) return null;
  return meetingSubject(meeting, deputiesSpeakIn(await repos.groups.findById(meeting.groupId)));
}

/** The meeting of a subject that can only be one (a memo or party room's). */
export function meetingOf(subject: RoomSubject): MeetingDoc {
  if (subject.kind !== 'meeting') throw new Error('a meeting room with a statement subject');
  return subject.meeting;
}
