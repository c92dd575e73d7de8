import { defineRoutes, json } from '../contract';
import { ApprovalCheckSchema, MemoHistorySchema, MemoVersionSummarySchema } from '../responses';
import { ApproveMemoRequest, ReopenMemoRequest } from '../schemas';

export const approvalRoutes = defineRoutes('approval', {
  checkApproval: {
    method: 'get',
    path: '/meetings/:meetingId/approval/check',
    summary: 'Check the memo draft before approving (chair)',
    response: json(ApprovalCheckSchema),
  },
  approveMemo: {
    method: 'post',
    path: '/meetings/:meetingId/approval',
    summary: 'Approve the memo: freeze a version, lock the live memo, deliver it (chair)',
    body: ApproveMemoRequest,
    response: json(MemoVersionSummarySchema),
  },
  reopenMemo: {
    method: 'post',
    path: '/meetings/:meetingId/reopen',
    summary: 'Reopen an approved memo for further drafting, with a reason (chair)',
    body: ReopenMemoRequest,
    status: 200,
    response: json(MemoHistorySchema),
  },
});
