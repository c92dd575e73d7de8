import { z } from 'zod';
import { defineRoutes, json } from '../contract';
import {
  ApprovalCheckSchema,
  ApprovalDelegationSchema,
  MemoHistorySchema,
  MemoVersionSummarySchema,
} from '../responses';
import {
  ApproveMemoRequest,
  CreateApprovalDelegationRequest,
  EndApprovalDelegationRequest,
  ReopenMemoRequest,
} from '../schemas';

export const approvalRoutes = defineRoutes('approval', {
  checkApproval: {
    method: 'get',
    path: '/meetings/:meetingId/approval/check',
    summary: 'Check the memo draft before approving (chair or acting chair)',
    response: json(ApprovalCheckSchema),
  },
  approveMemo: {
    method: 'post',
    path: '/meetings/:meetingId/approval',
    summary:
      'Approve the memo: freeze a version, lock the live memo, deliver it (chair or acting chair)',
    body: ApproveMemoRequest,
    response: json(MemoVersionSummarySchema),
  },
  reopenMemo: {
    method: 'post',
    path: '/meetings/:meetingId/reopen',
    summary: 'Reopen an approved memo for further drafting, with a reason (chair or acting chair)',
    body: ReopenMemoRequest,
    status: 200,
    response: json(MemoHistorySchema),
  },
  listApprovalDelegations: {
    method: 'get',
    path: '/groups/:groupId/approval-delegations',
    summary: "The group's delegations of approval to a vice-chair, newest first",
    response: json(z.array(ApprovalDelegationSchema)),
  },
  createApprovalDelegation: {
    method: 'post',
    path: '/groups/:groupId/approval-delegations',
    summary:
      'Delegate the approval to a vice-chair for one meeting or a period (chair, or an administrator)',
    body: CreateApprovalDelegationRequest,
    response: json(ApprovalDelegationSchema),
  },
  endApprovalDelegation: {
    method: 'post',
    path: '/groups/:groupId/approval-delegations/:delegationId/end',
    summary: 'End a delegation of approval early (chair, or an administrator)',
    body: EndApprovalDelegationRequest,
    status: 200,
    response: json(ApprovalDelegationSchema),
  },
});
