// The public API of a group, no login: the JSON feed of what is released, and a released
// statement's PDF. Only released statements and public memo renderings ever come out of here.
import type { PublicFeed } from '../../../shared/api/consent';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { publicRoutes as routes } from '../../../shared/api/routes/public';
import { idParam } from '../../http/context';
import { publicFeed, publicStatement } from '../../public/feed';
import { publicLocale } from '../../public/labels';
import { sendStatementPdf } from '../../statements/pdf';

export function publicApiRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();

  api.route(routes.getPublicFeed, async (req): Promise<PublicFeed> => {
    const feed = await publicFeed(ctx, idParam(req, 'groupId', 'Group'));
    if (!feed) throw notFound('Group');
    return feed;
  });

  api.route(routes.exportPublicStatementPdf, async (req, _body, res) => {
    const groupId = idParam(req, 'groupId', 'Statement');
    const statementId = idParam(req, 'statementId', 'Statement');
    // Unknown, another group's and unreleased statements are the same 404.
    const statement = await publicStatement(ctx, groupId, statementId);
    if (!statement) throw notFound('Statement');
    const locale = publicLocale(req.query.lang);
    await sendStatementPdf(res, statement, locale);
  });

  return api;
}
