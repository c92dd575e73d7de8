import type { Request } from 'express';
import type { z } from 'zod';
import type { AuditEntry, AuditExport } from '../../../shared/audit';
import { auditCsv } from '../../audit/csv';
import { toAuditEntry, verifyGroupChain, walkChain } from '../../audit/readChain';
import type { AppContext } from '../../context';
import { validationFailed } from '../../errors';
import { ApiRouter } from '../../http/api';
import { auditRoutes as routes } from '../../../shared/api/routes/audit';
import { authorizeInGroup } from '../../http/context';

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
  const api = new ApiRouter();
  const { repos } = ctx;

  api.route(routes.getAuditLog, async (req) => {
    const { groupId } = await authorizeInGroup(repos, req, 'audit.view');
    const { before, limit } = parseQuery(routes.getAuditLog.query, req);
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
  });

  // A download, not a JSON API answer: the handler writes it.
  api.route(routes.exportAuditLog, async (req, _body, res) => {
    const { groupId } = await authorizeInGroup(repos, req, 'audit.view');
    const { format } = parseQuery(routes.exportAuditLog.query, req);
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
