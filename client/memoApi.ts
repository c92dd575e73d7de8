// The approval, version, comparison, read-receipt and delivery endpoints (issue 4), typed with the
// shared DTOs. Export files are plain links (the browser downloads them), see `exportLinks`.
import type {
  ApprovalCheck,
  ApprovedMemoListItem,
  MemoHistory,
  MemoVersionSummary,
  MemoVersionView,
  ReadReceipts,
  VersionComparison,
} from '../shared/api/memoVersions';
import type { ApproveMemoRequest, ReopenMemoRequest } from '../shared/api/schemas';
import type { Audience } from '../shared/confidentiality';
import type { Locale } from '../shared/locales';
import { groupPath, request, segment } from './api';

const meetingPath = (meetingId: string) => `/api/meetings/${segment(meetingId)}`;
const versionPath = (meetingId: string, version: number) =>
  `${meetingPath(meetingId)}/versions/${version}`;

/** `?audience=…` when a narrower audience than the caller's own is wanted, else nothing. */
function audienceQuery(audience: Audience | undefined): string {
  return audience ? `?audience=${audience}` : '';
}

export const memoApi = {
  approvalCheck: (meetingId: string, signal?: AbortSignal) =>
    request<ApprovalCheck>('GET', `${meetingPath(meetingId)}/approval/check`, undefined, signal),
  approve: (meetingId: string, body: ApproveMemoRequest) =>
    request<MemoVersionSummary>('POST', `${meetingPath(meetingId)}/approval`, body),
  reopen: (meetingId: string, body: ReopenMemoRequest) =>
    request<MemoHistory>('POST', `${meetingPath(meetingId)}/reopen`, body),

  history: (meetingId: string, signal?: AbortSignal) =>
    request<MemoHistory>('GET', `${meetingPath(meetingId)}/versions`, undefined, signal),
  version: (meetingId: string, version: number, audience?: Audience, signal?: AbortSignal) =>
    request<MemoVersionView>(
      'GET',
      `${versionPath(meetingId, version)}${audienceQuery(audience)}`,
      undefined,
      signal,
    ),
  compare: (meetingId: string, from: number, to: number, signal?: AbortSignal) =>
    request<VersionComparison>(
      'GET',
      `${versionPath(meetingId, from)}/compare/${to}`,
      undefined,
      signal,
    ),
  receipts: (meetingId: string, signal?: AbortSignal) =>
    request<ReadReceipts>('GET', `${meetingPath(meetingId)}/receipts`, undefined, signal),

  approvedMemos: (groupId: string, signal?: AbortSignal) =>
    request<ApprovedMemoListItem[]>('GET', `${groupPath(groupId)}/memos`, undefined, signal),
};

export type ExportFormat = 'pdf' | 'md' | 'print';

/** Where the server renders a version as a file or print page, for one audience and language. */
export function exportLink(
  meetingId: string,
  version: number,
  format: ExportFormat,
  locale: Locale,
  audience?: Audience,
): string {
  const file = format === 'print' ? 'print' : `export.${format}`;
  const query = new URLSearchParams({ lang: locale });
  if (audience) query.set('audience', audience);
  return `${versionPath(meetingId, version)}/${file}?${query.toString()}`;
}
