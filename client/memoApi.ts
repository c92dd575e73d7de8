// The approval, version, comparison, read-receipt and delivery endpoints (issue 4), typed from the
// shared contract. Export files are plain links (the browser downloads them), see `exportLink`.
import { approvalRoutes } from '../shared/api/routes/approval';
import { exportRoutes } from '../shared/api/routes/export';
import { versionRoutes } from '../shared/api/routes/versions';
import type {
  ApproveMemoRequest,
  CreateApprovalDelegationRequest,
  ReopenMemoRequest,
} from '../shared/api/schemas';
import type { Audience } from '../shared/confidentiality';
import type { Locale } from '../shared/locales';
import { call, linkTo } from './api';

export const memoApi = {
  approvalCheck: (meetingId: string, signal?: AbortSignal) =>
    call(approvalRoutes.checkApproval, { params: { meetingId } }, signal),
  approve: (meetingId: string, body: ApproveMemoRequest) =>
    call(approvalRoutes.approveMemo, { params: { meetingId }, body }),
  reopen: (meetingId: string, body: ReopenMemoRequest) =>
    call(approvalRoutes.reopenMemo, { params: { meetingId }, body }),
  delegations: (groupId: string, signal?: AbortSignal) =>
    call(approvalRoutes.listApprovalDelegations, { params: { groupId } }, signal),
  delegate: (groupId: string, body: CreateApprovalDelegationRequest) =>
    call(approvalRoutes.createApprovalDelegation, { params: { groupId }, body }),
  endDelegation: (groupId: string, delegationId: string) =>
    call(approvalRoutes.endApprovalDelegation, { params: { groupId, delegationId }, body: {} }),

  history: (meetingId: string, signal?: AbortSignal) =>
    call(versionRoutes.getMemoHistory, { params: { meetingId } }, signal),
  /** At the caller's own audience, or a narrower one when `audience` is given. */
  version: (meetingId: string, version: number, audience?: Audience, signal?: AbortSignal) =>
    call(
      versionRoutes.getMemoVersion,
      { params: { meetingId, version }, query: { audience } },
      signal,
    ),
  compare: (meetingId: string, from: number, to: number, signal?: AbortSignal) =>
    call(versionRoutes.compareMemoVersions, { params: { meetingId, from, to } }, signal),
  receipts: (meetingId: string, signal?: AbortSignal) =>
    call(versionRoutes.getReadReceipts, { params: { meetingId } }, signal),

  approvedMemos: (groupId: string, signal?: AbortSignal) =>
    call(versionRoutes.listApprovedMemos, { params: { groupId } }, signal),
};

export type ExportFormat = 'pdf' | 'md' | 'print';

const EXPORT_ROUTES = {
  pdf: exportRoutes.exportMemoPdf,
  md: exportRoutes.exportMemoMarkdown,
  print: exportRoutes.printMemo,
} as const;

/** Where the server renders a version as a file or print page, for one audience and language. */
export function exportLink(
  meetingId: string,
  version: number,
  format: ExportFormat,
  locale: Locale,
  audience?: Audience,
): string {
  return linkTo(EXPORT_ROUTES[format], {
    params: { meetingId, version },
    query: { lang: locale, audience },
  });
}
