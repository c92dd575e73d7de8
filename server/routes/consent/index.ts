// The unanimity gate of one request (a statement or a declassification): read it, answer it.
// Negotiators only; a party's answer only from its own representatives and deputies.
import type { ConsentView } from '../../../shared/api/consent';
import { can } from '../../../shared/permissions';
import { answerConsent } from '../../consent/answer';
import { consentView } from '../../consent/view';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { consentRoutes as routes } from '../../../shared/api/routes/consent';
import { idParam, requireAuth } from '../../http/context';

export function consentRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  api.route(routes.getConsent, async (req): Promise<ConsentView> => {
    const { user } = requireAuth(req);
    const requestId = idParam(req, 'requestId', 'Consent request');
    const request = await repos.consent.findRequest(requestId);
    const membership = request && (await repos.memberships.find(request.groupId, user._id));
    // Readers may not learn that a request exists (objection reasons are in it, too).
    if (!request || !membership || !can(membership, 'consent.view'))
      throw notFound('Consent request');
    return consentView(ctx, request, membership);
  });

  api.route(routes.answerConsent, async (req, body): Promise<ConsentView> => {
    const { user } = requireAuth(req);
    const requestId = idParam(req, 'requestId', 'Consent request');
    return answerConsent(ctx, requestId, actorOf(user), body);
  });

  return api;
}
