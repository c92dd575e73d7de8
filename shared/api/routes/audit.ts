import { defineRoutes, file, json } from '../contract';
import { AuditLogPageSchema } from '../responses';
import { AuditExportQuery, AuditPageQuery } from './queries';

export const auditRoutes = defineRoutes('audit', {
  getAuditLog: {
    method: 'get',
    path: '/groups/:groupId/audit',
    summary: 'The group’s audit log, newest first (`?before=<seq>&limit=`), and its check',
    query: AuditPageQuery,
    response: json(AuditLogPageSchema),
  },
  exportAuditLog: {
    method: 'get',
    path: '/groups/:groupId/audit/export',
    summary: 'Download the whole audit log with its check (`?format=json` or `csv`)',
    query: AuditExportQuery,
    response: file(
      ['application/json', 'text/csv; charset=utf-8'],
      'The whole chain, oldest first, as a download: JSON (an `AuditExport`) or CSV (UTF-8 with a byte order mark, `;` between cells, as Excel in a Finnish locale reads it)',
    ),
  },
});
