// The review item of a meeting is about the meeting before it by date.
import type { MeetingRef, MemoReview } from '../../shared/api/types';
import type { MeetingDoc, MemoReviewDoc } from '../db/schema';
import type { Repositories } from '../repositories';

/**
 * The group's latest meeting dated before `meeting`, approved or not: the one whose memo the
 * meeting reviews. Null for the group's first meeting.
 */
export async function previousMeetingByDate(
  repos: Repositories,
  meeting: Pick<MeetingDoc, '_id' | 'groupId' | 'startsAt'>,
): Promise<MeetingDoc | null> {
  // A cancelled meeting was never held: it has no memo to review.
  return repos.meetings.latestHeldBefore(meeting.groupId, meeting.startsAt, meeting._id);
}

export function meetingRef(meeting: Pick<MeetingDoc, '_id' | 'title' | 'startsAt'>): MeetingRef {
  return {
    meetingId: meeting._id,
    meetingTitle: meeting.title,
    meetingStartsAt: meeting.startsAt.toISOString(),
  };
}

/** A stored review as the API answers it, with both meetings named. */
export function toMemoReview(
  review: MemoReviewDoc,
  at: Pick<MeetingDoc, '_id' | 'title' | 'startsAt'>,
  of: Pick<MeetingDoc, '_id' | 'title' | 'startsAt'>,
): MemoReview {
  return {
    outcome: review.outcome,
    at: meetingRef(at),
    of: meetingRef(of),
    recordedBy: review.recordedByName,
    recordedAt: review.recordedAt.toISOString(),
  };
}
