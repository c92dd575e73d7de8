import { z } from 'zod';
import { defineRoutes, json } from '../contract';
import {
  ApprovedMemoListItemSchema,
  MemoHistorySchema,
  MemoVersionViewSchema,
  ReadReceiptsSchema,
  VersionComparisonSchema,
} from '../responses';
import { AudienceQuery } from './queries';

export const versionRoutes = defineRoutes('versions', {
  getMemoHistory: {
    method: 'get',
    path: '/meetings/:meetingId/versions',
    summary: 'A meeting’s approved versions and reopenings',
    response: json(MemoHistorySchema),
  },
  getMemoVersion: {
    method: 'get',
    path: '/meetings/:meetingId/versions/:version',
    summary: 'One approved version, redacted for the caller (records a read receipt)',
    query: AudienceQuery,
    response: json(MemoVersionViewSchema),
  },
  compareMemoVersions: {
    method: 'get',
    path: '/meetings/:meetingId/versions/:from/compare/:to',
    summary: 'What changed between two versions, as the caller may see it',
    response: json(VersionComparisonSchema),
  },
  getReadReceipts: {
    method: 'get',
    path: '/meetings/:meetingId/receipts',
    summary: 'Who has opened which version (chair)',
    response: json(ReadReceiptsSchema),
  },
  listApprovedMemos: {
    method: 'get',
    path: '/groups/:groupId/memos',
    summary: 'The group’s approved memos, newest first, with the caller’s read state',
    response: json(z.array(ApprovedMemoListItemSchema)),
  },
});
