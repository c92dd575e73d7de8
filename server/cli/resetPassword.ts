import { issueReset, resetLink } from '../auth/passwordReset';
import type { Config } from '../env';
import type { Repositories } from '../repositories';

/**
 * `npm run admin -- reset-password`: print a one-time link that sets a new password, for the
 * administrator to pass on. The account's open sessions end when the link is used, not now: the
 * person may be logged in on another device and only have forgotten the password.
 */
export async function resetPassword(
  config: Config,
  repos: Repositories,
  email: string,
): Promise<number> {
  const user = await repos.users.findByEmail(email);
  if (!user) {
    console.error(`No account with the email ${email} (npm run admin -- list-users lists them).`);
    return 1;
  }
  if (user.disabledAt) {
    console.error(`${email} is disabled: a disabled account gets no password reset link.`);
    return 1;
  }
  const { token, expiresAt } = await issueReset(repos, user, 'cli');
  const base = config.publicUrl ?? `http://localhost:${config.port}`;
  console.log(`Password reset link for ${email}, valid once until ${expiresAt.toISOString()}:`);
  console.log(`  ${resetLink(base, token)}`);
  console.log('Any older reset link of the account no longer works. Pass this one on privately.');
  return 0;
}
