import { z } from 'zod';
import { defineRoutes, file, json } from '../contract';
import { MemoReviewSchema, MyFollowUpSchema, TrackedItemSchema } from '../responses';
import { TrackedItemsQuery } from './queries';
import { RecordReviewRequest, SetTrackedItemStatusRequest } from '../schemas';

export const continuityRoutes = defineRoutes('continuity', {
  listTrackedItems: {
    method: 'get',
    path: '/groups/:groupId/tracked-items',
    summary: 'Follow-ups and dissents of approved memos (?status=open|done&kind=followUp|dissent)',
    query: TrackedItemsQuery,
    response: json(z.array(TrackedItemSchema)),
  },
  myFollowUps: {
    method: 'get',
    path: '/me/follow-ups',
    summary:
      'Follow-ups the caller owns, directly or through the party they speak for, in every group (redacted per group)',
    response: json(z.array(MyFollowUpSchema)),
  },
  exportFollowUps: {
    method: 'get',
    path: '/groups/:groupId/follow-ups/export',
    summary:
      "The group's follow-ups as CSV for Finnish Excel (UTF-8 with a byte order mark, `;`, dates d.m.yyyy), as the caller may read them",
    response: file(
      ['text/csv; charset=utf-8'],
      'One row per follow-up, a header row in the caller’s language',
    ),
  },
  exportMyFollowUps: {
    method: 'get',
    path: '/me/follow-ups/export',
    summary: '"My follow-ups" as CSV for Finnish Excel, with the group of each',
    response: file(
      ['text/csv; charset=utf-8'],
      'One row per follow-up, a header row in the caller’s language',
    ),
  },
  setTrackedItemStatus: {
    method: 'put',
    path: '/tracked-items/:itemId/status',
    summary: 'Mark a follow-up or dissent open or done',
    body: SetTrackedItemStatusRequest,
    response: json(TrackedItemSchema),
  },
  recordReview: {
    method: 'put',
    path: '/meetings/:meetingId/review',
    summary: "Record the outcome of reviewing the previous meeting's memo at this meeting",
    body: RecordReviewRequest,
    response: json(MemoReviewSchema),
  },
});
