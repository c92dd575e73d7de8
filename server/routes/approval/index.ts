import type { Request } from 'express';
import type { MemoHistory } from '../../../shared/api/memoVersions';
import { approveMemo, checkMemoDraft, reopenMemo } from '../../approval/approveMemo';
import type { AppContext } from '../../context';
import { ApiRouter } from '../../http/api';
import { approvalRoutes as routes } from '../../../shared/api/routes/approval';
import { authorizeInMeeting, requireAuth } from '../../http/context';
import { versionSummary } from '../../versions/versionView';
import { memoHistory } from '../versions/history';

/** The chair's routes: check the draft, approve, reopen. Every path checks `memo.approve`. */
export function approvalRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();

  async function asChair(req: Request) {
    const { user } = requireAuth(req);
    const { meeting, membership } = await authorizeInMeeting(ctx.repos, req, 'memo.approve');
    return { meeting, membership, approver: { userId: user._id, name: user.name } };
  }

  api.route(routes.checkApproval, async (req) => {
    const { meeting } = await asChair(req);
    return checkMemoDraft(ctx, meeting);
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

  return api;
}
