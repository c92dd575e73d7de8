// `GET /groups/:groupId/export.zip`: the group export for the chair and administrators
// (`group.export`). The edition is the requester's own audience, or a narrower one they ask for:
// an administrator is no negotiator and gets the readers' edition (invariant 3), the chair the
// negotiators' or, with `?audience=groups`, the readers'.
import { can } from '../../../shared/permissions';
import { exportRoutes as routes } from '../../../shared/api/routes/export';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { contentDisposition, groupExportFileName } from '../../export/fileName';
import { writeGroupExport } from '../../export/groupExport';
import type { ApiRouter } from '../../http/api';
import { authorizeInGroup, requireAuth } from '../../http/context';
import { audienceOf } from '../../versions/versionView';
import { exportLocale } from './locale';

export function groupExportRoute(ctx: AppContext, api: ApiRouter): void {
  api.route(routes.exportGroup, async (req, _body, res) => {
    const { groupId, membership } = await authorizeInGroup(ctx.repos, req, 'group.export');
    // A wider edition than the requester's own does not exist for them: 404, as for a version.
    const audience = audienceOf(membership, req.query.audience, 'Edition');
    const locale = exportLocale(req);
    const group = await ctx.repos.groups.findById(groupId);
    if (!group) throw notFound('Group');
    const { user } = requireAuth(req);
    const exportedAt = new Date();
    // Recorded before the first byte leaves, like every export: who and which edition, no content.
    await ctx.audit.record({
      groupId,
      actor: actorOf(user),
      action: 'group.export',
      target: { type: 'group', id: groupId, label: group.name },
      details: { audience },
    });

    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader(
      'Content-Disposition',
      contentDisposition('attachment', groupExportFileName(group.name, exportedAt)),
    );
    // May hold confidential content: no shared or browser cache keeps a copy.
    res.setHeader('Cache-Control', 'no-store');
    // The zip writer is loaded at the first group export, not in every server at start.
    const { ZipStream } = await import('../../export/zipStream');
    const zip = new ZipStream(res, exportedAt);
    try {
      await writeGroupExport(
        ctx,
        {
          group,
          audience,
          locale,
          exportedBy: { id: user._id, name: user.name },
          exportedAt,
          withEmails: can(membership, 'member.view'),
          withAudit: can(membership, 'audit.view'),
        },
        zip,
      );
      await zip.finish();
    } catch (error) {
      const readerLeft = res.destroyed;
      // The headers are gone: cutting the transfer off is the only way to say it failed.
      zip.abort(error instanceof Error ? error : new Error(String(error)));
      if (readerLeft) {
        ctx.logger.info({ groupId }, 'group export: the reader went away');
        return;
      }
      throw error;
    }
  });
}
