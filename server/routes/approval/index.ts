import type { Request } from 'express';
import type { MemoHistory } from '../../../shared/api/memoVersions';
import { approveMemo, checkMemoDraft, reopenMemo } from '../../approval/approveMemo';
import type { AppContext } from '../../context';
import { ApiRouter } from '../../http/api';
import { approvalRoutes as routes } from '../../../shared/api/routes/approval';
import { authorizeApproval } from '../../approval/actingChair';
import { versionSummary } from '../../versions/versionView';
import { memoHistory } from '../versions/history';
import { delegationRoutes } from './delegations';

/**
 * The chair's routes: check the draft, approve, reopen, each for the chair or the acting chair
 * (`memo.approve` with the delegation in force read from the store), and the delegations.
 */
export function approvalRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const asChair = (req: Request) => authorizeApproval(ctx.repos, req);

  api.route(routes.checkApproval, async (req) => {
    const { meeting, approver } = await asChair(req);
    return checkMemoDraft(ctx, meeting, approver);
  });

  api.route(routes.approveMemo, async (req, body) => {
    const { meeting, approver } = await asChair(req);
    return versionSummary(await approveMemo(ctx, meeting, approver, body.draftHash));
  });

  api.route(routes.reopenMemo, async (req, body): Promise<MemoHistory> => {
    const { meeting, membership, approver } = await asChair(req);
    const reopened = await reopenMemo(ctx, meeting, approver, body.reason);
    return memoHistory(ctx, reopened, membership);
  });

  delegationRoutes(ctx, api);
  return api;
}
