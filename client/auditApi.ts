// The group's audit log (issue 4): pages to read, and export files the browser downloads itself
// (plain links: the session cookie goes along, and a file lands where downloads go).
import type { AuditLogPage } from '../shared/audit';
import { groupPath, request } from './api';

export type AuditExportFormat = 'json' | 'csv';

export const auditApi = {
  /** Newest first; pass the previous page's `nextBefore` for older entries. */
  page: (groupId: string, before: number | null, signal?: AbortSignal) =>
    request<AuditLogPage>(
      'GET',
      `${groupPath(groupId)}/audit${before === null ? '' : `?before=${before}`}`,
      undefined,
      signal,
    ),
  exportUrl: (groupId: string, format: AuditExportFormat) =>
    `${groupPath(groupId)}/audit/export?format=${format}`,
};
