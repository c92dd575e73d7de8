// The group's audit log (issue 4): pages to read, and export files the browser downloads itself
// (plain links: the session cookie goes along, and a file lands where downloads go).
import { auditRoutes } from '../shared/api/routes/audit';
import { call, linkTo } from './api';

export type AuditExportFormat = 'json' | 'csv';

export const auditApi = {
  /** Newest first; pass the previous page's `nextBefore` for older entries. */
  page: (groupId: string, before: number | null, signal?: AbortSignal) =>
    call(
      auditRoutes.getAuditLog,
      { params: { groupId }, query: { before: before ?? undefined } },
      signal,
    ),
  exportUrl: (groupId: string, format: AuditExportFormat) =>
    linkTo(auditRoutes.exportAuditLog, { params: { groupId }, query: { format } }),
};
