// The public page of a group and its memos' public renderings, server-rendered HTML for anyone
// (no login). Mounted outside /api and before the client's app shell. Whatever is unknown (group,
// meeting, version, or a version with nothing public) gets the same 404 page.
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { Locale } from '../../../shared/locales';
import type { AppContext } from '../../context';
import { formatMoment } from '../../export/dates';
import { SELF_CONTAINED_PAGE_CSP } from '../../export/htmlPage';
import { renderPrintPage } from '../../export/printPage';
import { publicFeed } from '../../public/feed';
import { PUBLIC_PAGE_LABELS, publicLocale } from '../../public/labels';
import { publicMemoVersion } from '../../public/memos';
import { renderNotFoundPage, renderPublicPage } from '../../public/page';
import { versionView } from '../../versions/versionView';

const uuid = z.uuid();
const isId = (value: unknown): value is string => uuid.safeParse(value).success;
const VERSION = /^[1-9][0-9]{0,5}$/;

function sendHtml(res: Response, status: number, html: string): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  // Like the print page: its own inline styles only.
  res.setHeader('Content-Security-Policy', SELF_CONTAINED_PAGE_CSP);
  // Public, but it changes when something is released: the browser asks again every time.
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('Content-Length', String(Buffer.byteLength(html)));
  res.end(html);
}

function notFoundPage(res: Response, locale: Locale): void {
  sendHtml(res, 404, renderNotFoundPage(locale));
}

export function publicPages(ctx: AppContext): express.Router {
  const router = express.Router();

  router.get('/julkinen/:groupId', async (req: Request, res: Response) => {
    const locale = publicLocale(req.query.lang);
    const groupId = req.params.groupId;
    const feed = isId(groupId) ? await publicFeed(ctx, groupId) : null;
    if (!feed) return notFoundPage(res, locale);
    sendHtml(res, 200, renderPublicPage(feed, locale));
  });

  router.get(
    '/julkinen/:groupId/muistiot/:meetingId/:version',
    async (req: Request, res: Response) => {
      const locale = publicLocale(req.query.lang);
      const { groupId, meetingId, version } = req.params;
      if (
        !isId(groupId) ||
        !isId(meetingId) ||
        typeof version !== 'string' ||
        !VERSION.test(version)
      ) {
        return notFoundPage(res, locale);
      }
      const found = await publicMemoVersion(ctx, groupId, meetingId, Number(version));
      if (!found) return notFoundPage(res, locale);
      // The version's public rendering, overlays applied, exactly as `?audience=public` exports it,
      // with when every party consented to publishing it.
      const view = await versionView(ctx, { ...found, audience: 'public' });
      const published = {
        label: PUBLIC_PAGE_LABELS[locale].published,
        value: formatMoment(found.publishedAt, locale),
        isHash: false,
      };
      sendHtml(res, 200, renderPrintPage(view, locale, [published]));
    },
  );

  // Anything else under /julkinen is not a page we have.
  router.get(/^\/julkinen(\/.*)?$/, (req: Request, res: Response) =>
    notFoundPage(res, publicLocale(req.query.lang)),
  );

  return router;
}
