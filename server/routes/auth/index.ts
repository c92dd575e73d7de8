import { recordLogin } from '../../audit/actors';
import { burnPasswordCheck, verifyPassword } from '../../auth/passwords';
import { admitLogin } from '../../auth/throttle';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { ApiRouter } from '../../http/api';
import { authRoutes as routes } from '../../../shared/api/routes/auth';
import { buildMe } from '../profile/me';
import { logIn, logOut } from './loginSession';
import { passwordResetRoutes } from './passwordReset';

export function authRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();

  api.route(routes.login, async (req, body, res) => {
    // `req.ip` is the socket's address, or the one the trusted proxy saw (TRUST_PROXY).
    const guess = await admitLogin(
      ctx.repos.rateLimits,
      ctx.config.loginAttemptsPer15Min,
      body.email,
      req.ip ?? 'unknown',
    ).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'rate_limited')
        ctx.metrics.loginFailed('throttled');
      throw error;
    });
    const user = await ctx.repos.users.findByEmail(body.email);
    const valid = user
      ? await verifyPassword(user.passwordHash, body.password)
      : (await burnPasswordCheck(body.password), false);
    // A disabled account is told no more than a wrong password is.
    if (!user || !valid || user.disabledAt) {
      ctx.metrics.loginFailed('wrong_credentials');
      throw new AppError('unauthenticated', 'Wrong email or password.');
    }
    await guess.succeeded();
    await logIn(ctx, req, res, user._id);
    await recordLogin(ctx, user);
    return buildMe(ctx.repos, user);
  });

  api.route(routes.logout, async (req, _body, res) => {
    await logOut(ctx, req, res);
    return undefined;
  });

  passwordResetRoutes(ctx, api);

  return api;
}
