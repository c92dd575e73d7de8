// What a meeting continues from: the memo it reviews and the items carried into it.
import type { MeetingContinuity, MemoReview } from '../../shared/api/types';
import { isVisibleTo, type Audience } from '../../shared/confidentiality';
import type { MeetingDoc } from '../db/schema';
import type { Repositories } from '../repositories';
import { meetingRef, previousMeetingByDate, toMemoReview } from './previousMeeting';
import { visibleTrackedItem } from './trackedItemView';

/** The meeting's review and carried items for `audience`; items above it become markers. */
export async function meetingContinuity(
  repos: Repositories,
  meeting: MeetingDoc,
  audience: Audience,
): Promise<MeetingContinuity> {
  const [reviewed, carried, previous, reviewOutcome, reviewedAt] = await Promise.all([
    meeting.review ? repos.meetings.findById(meeting.review.meetingId) : null,
    repos.trackedItems.listByIds(meeting.carriedItemIds ?? []),
    previousMeetingByDate(repos, meeting),
    reviewHeldAt(repos, meeting),
    reviewOf(repos, meeting),
  ]);
  const approved = previous && (await repos.memoVersions.newestOfMeeting(previous._id));
  // Histories only of what the audience may read: a marker says no more than that it exists.
  const changes = await repos.trackedItems.changesOf(
    carried.filter((item) => isVisibleTo(item.confidentiality, audience)).map((item) => item._id),
  );
  return {
    review: meeting.review && reviewed ? { ...meeting.review, meetingTitle: reviewed.title } : null,
    carried: carried.map((item) => visibleTrackedItem(item, audience, changes.get(item._id))),
    previousMeeting: previous
      ? { ...meetingRef(previous), approvedVersion: approved ? approved.version : null }
      : null,
    reviewOutcome,
    reviewedAt,
  };
}

/** The review recorded at `meeting` (of the meeting it then reviewed). */
async function reviewHeldAt(repos: Repositories, meeting: MeetingDoc): Promise<MemoReview | null> {
  const review = await repos.memoReviews.findByMeeting(meeting._id);
  const of = review && (await repos.meetings.findById(review.reviewedMeetingId));
  return review && of ? toMemoReview(review, meeting, of) : null;
}

/** The review of `meeting`'s memo recorded at a later meeting. */
async function reviewOf(repos: Repositories, meeting: MeetingDoc): Promise<MemoReview | null> {
  const review = await repos.memoReviews.findOfMeeting(meeting._id);
  const at = review && (await repos.meetings.findById(review._id));
  return review && at ? toMemoReview(review, at, meeting) : null;
}
