import { hashPassword, verifyPassword } from '../../auth/passwords';
import { admitPasswordCheck } from '../../auth/throttle';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { profileRoutes as routes } from '../../../shared/api/routes/profile';
import { requireAuth } from '../../http/context';
import { renewCalendarFeed } from '../../calendar/feed';
import { buildMe } from './me';

export function profileRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();

  api.route(routes.getMe, async (req) => buildMe(ctx.repos, requireAuth(req).user));

  api.route(routes.updateMe, async (req, body) => {
    const { user } = requireAuth(req);
    const updated = await ctx.repos.users.update(user._id, body);
    if (!updated) throw notFound('User');
    return buildMe(ctx.repos, updated);
  });

  api.route(routes.changePassword, async (req, body) => {
    const { user, sessionHash } = requireAuth(req);
    // A stolen session must not become a way to guess the password without limit.
    const guess = await admitPasswordCheck(
      ctx.repos.rateLimits,
      ctx.config.loginAttemptsPer15Min,
      user._id,
    );
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      throw new AppError('forbidden', 'The current password is wrong.');
    }
    await guess.succeeded();
    await ctx.repos.users.update(user._id, {
      passwordHash: await hashPassword(body.newPassword),
    });
    await ctx.sessions.endOthers(user._id, sessionHash);
    return undefined;
  });

  api.route(routes.getCalendarFeed, async (req) => {
    const feed = await ctx.repos.calendarFeeds.ofUser(requireAuth(req).user._id);
    return { createdAt: feed ? feed.createdAt.toISOString() : null };
  });

  api.route(routes.renewCalendarFeed, async (req) => {
    const { url, createdAt } = await renewCalendarFeed(ctx, requireAuth(req).user._id);
    return { url, createdAt: createdAt.toISOString() };
  });

  return api;
}
