// Joint statements: list, draft, rename, put to consent, read, and the released statement's PDF.
// Negotiators work on drafts; readers learn of a statement only once every party consented (a
// draft or one in consent is a 404 to them, like a statement that does not exist).
import type { Request } from 'express';
import type {
  ReleasedStatement,
  StatementSummary,
  StatementView,
} from '../../../shared/api/consent';
import { can } from '../../../shared/permissions';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import type { ConsentReleaseDoc, ConsentRequestDoc, MembershipDoc } from '../../db/schema';
import { notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { statementRoutes as routes } from '../../../shared/api/routes/statements';
import { authorize, authorizeInGroup, idParam, requireAuth } from '../../http/context';
import { createStatement, renameStatement } from '../../statements/create';
import { openForEditing } from '../../statements/edit';
import { sendStatementPdf } from '../../statements/pdf';
import { putToConsent } from '../../statements/putToConsent';
import { listStatements, releasedStatement, statementView } from '../../statements/view';
import { exportLocale } from '../export';

interface StatementAccess {
  request: ConsentRequestDoc;
  membership: MembershipDoc;
  release: ConsentReleaseDoc | null;
}

export function statementRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  /**
   * The statement in the path for a member of its group; 404 for non-members, and for readers
   * until it is released (they may not learn it exists).
   */
  async function statementFor(req: Request): Promise<StatementAccess> {
    const { user } = requireAuth(req);
    const statementId = idParam(req, 'statementId', 'Statement');
    const request = await repos.consent.findRequest(statementId);
    if (!request || request.kind !== 'statement') throw notFound('Statement');
    const [membership, release] = await Promise.all([
      repos.memberships.find(request.groupId, user._id),
      repos.consent.findRelease(statementId),
    ]);
    if (!membership) throw notFound('Statement');
    if (!release && !can(membership, 'group.negotiate')) throw notFound('Statement');
    return { request, membership, release };
  }

  /** The released statement as published, or 404 (not released). */
  async function published(access: StatementAccess): Promise<ReleasedStatement> {
    const released = access.release && (await releasedStatement(ctx, access.release));
    if (!released) throw notFound('Statement');
    return released;
  }

  api.route(routes.listStatements, async (req): Promise<StatementSummary[]> => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'statement.readReleased');
    return listStatements(ctx, groupId, membership);
  });

  api.route(routes.createStatement, async (req, body): Promise<StatementView> => {
    const { user } = requireAuth(req);
    const { groupId, membership } = await authorizeInGroup(repos, req, 'statement.draft');
    const request = await createStatement(ctx, groupId, actorOf(user), body);
    return statementView(ctx, request, membership);
  });

  api.route(routes.getStatement, async (req): Promise<StatementView | ReleasedStatement> => {
    const access = await statementFor(req);
    if (can(access.membership, 'group.negotiate'))
      return statementView(ctx, access.request, access.membership);
    authorize(access.membership, 'statement.readReleased');
    return published(access);
  });

  api.route(routes.renameStatement, async (req, body): Promise<StatementView> => {
    const { request, membership } = await statementFor(req);
    authorize(membership, 'statement.draft');
    const renamed = await renameStatement(ctx, request, body.title);
    return statementView(ctx, renamed, membership);
  });

  api.route(routes.putStatementToConsent, async (req, body): Promise<StatementView> => {
    const { user } = requireAuth(req);
    const { request, membership } = await statementFor(req);
    authorize(membership, 'statement.draft');
    const current = await putToConsent(ctx, request, actorOf(user), body);
    return statementView(ctx, current, membership);
  });

  api.route(routes.editStatement, async (req, body): Promise<StatementView> => {
    const { user } = requireAuth(req);
    const { request, membership } = await statementFor(req);
    authorize(membership, 'statement.draft');
    await openForEditing(ctx, request, actorOf(user), body.round);
    return statementView(ctx, request, membership);
  });

  api.route(routes.exportStatementPdf, async (req, _body, res) => {
    const access = await statementFor(req);
    authorize(access.membership, 'statement.readReleased');
    const statement = await published(access);
    const locale = exportLocale(req);
    await sendStatementPdf(res, statement, locale);
  });

  return api;
}
