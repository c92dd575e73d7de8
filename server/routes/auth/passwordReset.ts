import { ACCOUNT_MAIL_GROUP } from '../../../shared/api/mail';
import { authRoutes as routes } from '../../../shared/api/routes/auth';
import { recordInUserGroups, recordLogin } from '../../audit/actors';
import { issueReset, redeemReset, resetLink } from '../../auth/passwordReset';
import { admitResetRequest } from '../../auth/throttle';
import type { AppContext } from '../../context';
import type { ApiRouter } from '../../http/api';
import { passwordResetMail } from '../../mail/templates';
import { buildMe } from '../profile/me';
import { logIn } from './loginSession';

/**
 * Store the reset email for an enabled account with that address; nothing for any other. Runs
 * after the answer has gone, so how long the answer takes does not tell whether the account
 * exists (the throttle before it does the same work for every email).
 */
async function mailResetLink(ctx: AppContext, email: string): Promise<void> {
  const user = await ctx.repos.users.findByEmail(email);
  if (!user || user.disabledAt) return;
  const { token, resetId, expiresAt } = await issueReset(ctx.repos, user, 'email');
  await ctx.outbox.enqueue([
    {
      groupId: ACCOUNT_MAIL_GROUP,
      kind: 'passwordReset',
      key: `password-reset:${resetId}`,
      to: user.email,
      ...passwordResetMail({
        locale: user.locale,
        link: resetLink(ctx.publicUrl(), token),
        expiresAt,
      }),
    },
  ]);
  ctx.logger.info({ userId: user._id }, 'password reset link stored for emailing');
}

/** "Forgot your password?" and setting a new one with the link (issue 17). */
export function passwordResetRoutes(ctx: AppContext, api: ApiRouter): void {
  api.route(routes.requestPasswordReset, async (req, body) => {
    await admitResetRequest(ctx.repos.rateLimits, body.email, req.ip ?? 'unknown');
    // Without SMTP nobody would get the link: the answer stays the same, and the admin CLI's
    // reset-password is the way in (README).
    if (ctx.outbox.configured) {
      setImmediate(() => {
        mailResetLink(ctx, body.email).catch((error: unknown) =>
          ctx.logger.error(
            { errorName: error instanceof Error ? error.name : typeof error },
            'storing a password reset email failed',
          ),
        );
      });
    }
    return undefined;
  });

  api.route(routes.resetPassword, async (req, body, res) => {
    const { user, via } = await redeemReset(ctx, body.token, body.password);
    ctx.logger.info({ userId: user._id, via }, 'password reset: every session ended');
    await recordInUserGroups(ctx, user, 'session.passwordReset', { via });
    // Straight in, as after accepting an invitation: the link proved who this is, and the new
    // password was just typed twice; sending them to log in again would add nothing.
    const sessionHash = await logIn(ctx, req, res, user._id);
    // A login with the old password verified just before the new hash was stored may have
    // started a session since every session was ended: only this one stays.
    await ctx.sessions.endOthers(user._id, sessionHash);
    await recordLogin(ctx, user);
    return buildMe(ctx.repos, user);
  });
}
