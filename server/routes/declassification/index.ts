// Declassification proposals on an approved memo version: list, propose, read one. Negotiators
// only (readers get 403, non-members 404, as on the approval routes); the parties' answers go
// through the consent routes like a statement's.
import type { Request } from 'express';
import type { DeclassificationList, DeclassificationView } from '../../../shared/api/consent';
import type { Action } from '../../../shared/permissions';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { proposeDeclassification } from '../../declassification/propose';
import { declassificationList, declassificationView } from '../../declassification/view';
import { ApiRouter } from '../../http/api';
import { declassificationRoutes as routes } from '../../../shared/api/routes/declassification';
import { authorize, idParam, requireAuth } from '../../http/context';
import { versionForAction } from '../../versions/versionView';

export function declassificationRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  /** The version in the path, for a caller allowed `action` in its meeting. */
  const versionFor = (req: Request, action: Action) => versionForAction(ctx, req, action);

  api.route(routes.listDeclassifications, async (req): Promise<DeclassificationList> => {
    // Targets are listed with their levels: only for those who see the confidential content.
    const { membership, version } = await versionFor(req, 'content.readConfidential');
    return declassificationList(ctx, version, membership);
  });

  api.route(routes.proposeDeclassification, async (req, body): Promise<DeclassificationView> => {
    const { user } = requireAuth(req);
    const { meeting, membership, version } = await versionFor(req, 'declassification.propose');
    const request = await proposeDeclassification(ctx, meeting, version, actorOf(user), body);
    return declassificationView(ctx, request, membership);
  });

  api.route(routes.getDeclassification, async (req): Promise<DeclassificationView> => {
    const { user } = requireAuth(req);
    const requestId = idParam(req, 'requestId', 'Declassification');
    const request = await repos.consent.findRequest(requestId);
    if (!request || request.kind !== 'declassification') throw notFound('Declassification');
    const membership = await repos.memberships.find(request.groupId, user._id);
    if (!membership) throw notFound('Declassification');
    authorize(membership, 'content.readConfidential');
    return declassificationView(ctx, request, membership);
  });

  return api;
}
