import type { TrackedItem, TrackedItemStatus } from '../shared/api/memoVersions';
import type { ReviewOutcome } from '../shared/continuity';
import { continuityRoutes } from '../shared/api/routes/continuity';
import { call } from './api';

export interface TrackedItemQuery {
  status?: TrackedItemStatus;
  kind?: TrackedItem['kind'];
}

/** The continuity endpoints: follow-ups and dissents tracked across meetings. */
export const continuityApi = {
  trackedItems: (groupId: string, query: TrackedItemQuery, signal?: AbortSignal) =>
    call(continuityRoutes.listTrackedItems, { params: { groupId }, query }, signal),
  setStatus: (itemId: string, status: TrackedItemStatus) =>
    call(continuityRoutes.setTrackedItemStatus, { params: { itemId }, body: { status } }),
  recordReview: (meetingId: string, outcome: ReviewOutcome) =>
    call(continuityRoutes.recordReview, { params: { meetingId }, body: { outcome } }),
};
