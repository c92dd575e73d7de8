import type { TrackedItem, TrackedItemStatus } from '../shared/api/memoVersions';
import type { ReviewOutcome } from '../shared/continuity';
import type { SetTrackedItemStatusRequest } from '../shared/api/schemas';
import { continuityRoutes } from '../shared/api/routes/continuity';
import { call } from './api';

export interface TrackedItemQuery {
  status?: TrackedItemStatus;
  kind?: TrackedItem['kind'];
  /** Only what is still to be done (open, in progress, taken to preparation). */
  unfinished?: 'true';
}

/** The continuity endpoints: follow-ups and dissents tracked across meetings. */
export const continuityApi = {
  trackedItems: (groupId: string, query: TrackedItemQuery, signal?: AbortSignal) =>
    call(continuityRoutes.listTrackedItems, { params: { groupId }, query }, signal),
  myFollowUps: (signal?: AbortSignal) => call(continuityRoutes.myFollowUps, {}, signal),
  setStatus: (itemId: string, body: SetTrackedItemStatusRequest) =>
    call(continuityRoutes.setTrackedItemStatus, { params: { itemId }, body }),
  recordReview: (meetingId: string, outcome: ReviewOutcome) =>
    call(continuityRoutes.recordReview, { params: { meetingId }, body: { outcome } }),
};
