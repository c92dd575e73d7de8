// Exports of an approved memo version for its audience: PDF, Markdown and a print page. The
// version is loaded and redacted exactly as the version view is (`loadVersionFor` refuses a wider
// audience than the caller's own), so an export never holds more than the caller may read. The
// group export (./group.ts) is registered here too.
import type { Request, Response } from 'express';
import type { MemoVersionView } from '../../../shared/api/memoVersions';
import type { Locale } from '../../../shared/locales';
import type { AppContext } from '../../context';
import { contentDisposition, exportFileName, type ExportExtension } from '../../export/fileName';
import { SELF_CONTAINED_PAGE_CSP } from '../../export/htmlPage';
import { renderMarkdown } from '../../export/markdown';
import { renderPdf } from '../../export/pdf';
import { renderPrintPage } from '../../export/printPage';
import { ApiRouter } from '../../http/api';
import type { RouteDef } from '../../../shared/api/contract';
import { exportRoutes as routes } from '../../../shared/api/routes/export';
import { requireAuth } from '../../http/context';
import { groupExportRoute } from './group';
import { exportLocale } from './locale';
import { loadVersionFor, versionView, type LoadedVersion } from '../../versions/versionView';

interface ExportFormat {
  format: 'pdf' | 'md' | 'print';
  extension: ExportExtension;
  contentType: string;
  disposition: 'attachment' | 'inline';
  render(view: MemoVersionView, locale: Locale): Promise<Buffer | string> | string;
}

const FORMATS: readonly (ExportFormat & { route: RouteDef })[] = [
  {
    format: 'pdf',
    route: routes.exportMemoPdf,
    extension: 'pdf',
    contentType: 'application/pdf',
    disposition: 'attachment',
    render: renderPdf,
  },
  {
    format: 'md',
    route: routes.exportMemoMarkdown,
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    disposition: 'attachment',
    render: renderMarkdown,
  },
  {
    format: 'print',
    route: routes.printMemo,
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    disposition: 'inline',
    render: renderPrintPage,
  },
];

export function exportRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  for (const format of FORMATS) {
    api.route(format.route, async (req, _body, res) => {
      const loaded = await loadVersionFor(ctx, req);
      const locale = exportLocale(req);
      const view = await versionView(ctx, loaded);
      const body = await format.render(view, locale);
      // Recorded once the export exists and before it leaves: an audit log errs on the side of
      // an export the client then failed to receive, never of one it holds unrecorded.
      await recordExport(ctx, req, loaded, format.format);
      sendExport(res, format, view, locale, body);
    });
  }
  groupExportRoute(ctx, api);
  return api;
}

function sendExport(
  res: Response,
  format: ExportFormat,
  view: MemoVersionView,
  locale: Locale,
  body: Buffer | string,
): void {
  const fileName = exportFileName(view, locale, format.extension);
  res.status(200);
  res.setHeader('Content-Type', format.contentType);
  res.setHeader('Content-Disposition', contentDisposition(format.disposition, fileName));
  // Content may be confidential: no shared or browser cache keeps a copy.
  res.setHeader('Cache-Control', 'no-store');
  if (format.format === 'print') res.setHeader('Content-Security-Policy', SELF_CONTAINED_PAGE_CSP);
  res.setHeader('Content-Length', String(Buffer.byteLength(body)));
  res.end(body);
}

async function recordExport(
  ctx: AppContext,
  req: Request,
  loaded: LoadedVersion,
  format: ExportFormat['format'],
): Promise<void> {
  const { user } = requireAuth(req);
  const { meeting, version, audience } = loaded;
  // Ids, the meeting title and the version only: never memo text.
  await ctx.audit.record({
    groupId: meeting.groupId,
    actor: { userId: user._id, name: user.name },
    action: 'memo.export',
    target: {
      type: 'memoVersion',
      id: `${meeting._id}:${version.version}`,
      label: `${meeting.title} v${version.version}`,
    },
    details: { format, audience },
  });
}

export { exportLocale };
