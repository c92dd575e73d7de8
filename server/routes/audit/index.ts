import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AuditEntry, AuditExport, AuditLogPage } from '../../../shared/audit';
import { auditCsv } from '../../audit/csv';
import { toAuditEntry, verifyGroupChain, walkChain } from '../../audit/readChain';
import type { AppContext } from '../../context';
import { validationFailed } from '../../errors';
import { ApiRouter } from '../../http/api';
import { authorizeInGroup } from '../../http/context';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

const PageQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
});
const ExportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = schema.safeParse(req.query);
  if (!parsed.success) throw validationFailed(parsed.error);
  return parsed.data;
}

/**
 * The group's audit log, for the chair and administrators: read and export only. There is no
 * route that changes or removes an entry, and the repository has no method that could.
 */
export function auditRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter('audit');
  const { repos } = ctx;

  api.route(
    'get',
    '/groups/:groupId/audit',
    { summary: 'The group’s audit log, newest first (`?before=<seq>&limit=`), and its check' },
    async (req): Promise<AuditLogPage> => {
      const { groupId } = await authorizeInGroup(repos, req, 'audit.view');
      const { before, limit } = parseQuery(PageQuery, req);
      // One more than asked tells whether an older page exists.
      const docs = await repos.auditLog.newestFirst(groupId, before ?? null, limit + 1);
      const entries = docs.slice(0, limit).map(toAuditEntry);
      const verification = await verifyGroupChain(repos.auditLog, groupId);
      const oldest = entries.at(-1);
      return {
        entries,
        verification,
        nextBefore: docs.length > limit && oldest ? oldest.seq : null,
      };
    },
  );

  // A download, not a JSON API answer: written on the Express router, documented alongside.
  const exportPath = '/groups/:groupId/audit/export';
  api.routes.push({
    method: 'get',
    path: exportPath,
    summary: 'Download the whole audit log with its check (`?format=json` or `csv`)',
    tag: 'audit',
    operationId: 'exportAuditLog',
    response: { kind: 'file', contentType: 'text/csv', description: 'The audit log' },
    status: 200,
    public: false,
  });
  api.router.get(exportPath, async (req: Request, res: Response) => {
    const { groupId } = await authorizeInGroup(repos, req, 'audit.view');
    const { format } = parseQuery(ExportQuery, req);
    const entries: AuditEntry[] = [];
    const verification = await walkChain(repos.auditLog, groupId, (doc) =>
      entries.push(toAuditEntry(doc)),
    );
    const stamp = new Date();
    const filename = `audit-${groupId}-${stamp.toISOString().slice(0, 10)}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(auditCsv(entries));
      return;
    }
    const body: AuditExport = {
      groupId,
      exportedAt: stamp.toISOString(),
      verification,
      entries,
    };
    res.json(body);
  });

  return api;
}
