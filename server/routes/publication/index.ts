// Publishing an approved memo version's public parts: read its state, propose it. Negotiators only
// (readers get 403, non-members 404, as on the declassification routes); the parties' answers go
// through the consent routes like every other request's.
import type { Request } from 'express';
import type { PublicationView, VersionPublication } from '../../../shared/api/consent';
import type { Action } from '../../../shared/permissions';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import { ApiRouter } from '../../http/api';
import { publicationRoutes as routes } from '../../../shared/api/routes/publication';
import { requireAuth } from '../../http/context';
import { proposePublication } from '../../publication/propose';
import { publicationView, versionPublication } from '../../publication/view';
import { versionForAction } from '../../versions/versionView';

export function publicationRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  /** The version in the path, for a caller allowed `action` in its meeting. */
  const versionFor = (req: Request, action: Action) => versionForAction(ctx, req, action);

  api.route(routes.getPublication, async (req): Promise<VersionPublication> => {
    const { membership, version } = await versionFor(req, 'content.readConfidential');
    return versionPublication(ctx, version, membership);
  });

  api.route(routes.proposePublication, async (req, body): Promise<PublicationView> => {
    const { user } = requireAuth(req);
    const { meeting, membership, version } = await versionFor(req, 'publication.propose');
    const request = await proposePublication(ctx, meeting, version, actorOf(user), body);
    return publicationView(ctx, request, membership);
  });

  return api;
}
