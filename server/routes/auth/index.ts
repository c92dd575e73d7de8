import { LoginRequest } from '../../../shared/api/schemas';
import { recordLogin } from '../../audit/actors';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords';
import type { AppContext } from '../../context';
import { AppError, rateLimited } from '../../errors';
import { ApiRouter } from '../../http/api';
import { buildMe } from '../profile/me';
import { logIn, logOut } from './loginSession';

const WINDOW_MS = 15 * 60_000;

export function authRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter('auth');

  api.route(
    'post',
    '/auth/login',
    { summary: 'Log in with email and password', body: LoginRequest, status: 200, public: true },
    async (req, body, res) => {
      // Per account and address, plus a looser per-address cap against spraying many accounts.
      const accountKey = `login:${req.ip}:${body.email}`;
      const limits = [
        { key: accountKey, max: ctx.config.loginAttemptsPer15Min },
        { key: `login-ip:${req.ip}`, max: ctx.config.loginAttemptsPer15Min * 10 },
      ];
      for (const { key, max } of limits) {
        if ((await ctx.repos.rateLimits.hit(key, WINDOW_MS)) > max) {
          const retryAt = await ctx.repos.rateLimits.retryAt(key, WINDOW_MS);
          throw rateLimited(Math.max(Math.ceil((retryAt.getTime() - Date.now()) / 1000), 1));
        }
      }
      const user = await ctx.repos.users.findByEmail(body.email);
      const valid = user
        ? await verifyPassword(user.passwordHash, body.password)
        : (await burnPasswordCheck(body.password), false);
      if (!user || !valid) throw new AppError('unauthenticated', 'Wrong email or password.');
      await ctx.repos.rateLimits.reset(accountKey);
      await logIn(ctx, req, res, user._id);
      await recordLogin(ctx, user);
      return buildMe(ctx.repos, user);
    },
  );

  api.route(
    'post',
    '/auth/logout',
    { summary: 'End the current session', status: 204, public: true },
    async (req, _body, res) => {
      await logOut(ctx, req, res);
      return undefined;
    },
  );

  return api;
}
