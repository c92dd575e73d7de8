// What a meeting continues from: the memo it reviews and the items carried into it.
import type { MeetingContinuity } from '../../shared/api/types';
import type { Audience } from '../../shared/confidentiality';
import type { MeetingDoc } from '../db/schema';
import type { Repositories } from '../repositories';
import { visibleTrackedItem } from './trackedItemView';

/** The meeting's review and carried items for `audience`; items above it become markers. */
export async function meetingContinuity(
  repos: Repositories,
  meeting: MeetingDoc,
  audience: Audience,
): Promise<MeetingContinuity> {
  const [reviewed, carried] = await Promise.all([
    meeting.review ? repos.meetings.findById(meeting.review.meetingId) : null,
    repos.trackedItems.listByIds(meeting.carriedItemIds ?? []),
  ]);
  return {
    review: meeting.review && reviewed ? { ...meeting.review, meetingTitle: reviewed.title } : null,
    carried: carried.map((item) => visibleTrackedItem(item, audience)),
  };
}
