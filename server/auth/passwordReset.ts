// Password reset links (issue 17): made by the admin CLI or asked for on the login screen, used
// once on the reset screen. The token travels only in the link's fragment, which browsers never
// send to a server, so it reaches no access log; the database keeps its SHA-256.
import type { UserDoc } from '../db/schema';
import { ResetLinkError } from '../errors';
import type { Repositories } from '../repositories';
import { hashPassword } from './passwords';
import type { SessionService } from './sessions';
import { hashToken, newToken } from './tokens';

/**
 * An emailed link lives an hour: a mailbox is read soon, and a link lying in one longer is a
 * standing way into the account for whoever reads that mailbox later.
 */
export const EMAILED_RESET_TTL_MS = 60 * 60_000;

/**
 * A link the administrator prints lives a day: it reaches the person by another way (a phone
 * call, a message, in person), which takes longer than opening an email, and making it needed
 * someone with the server's own credentials.
 */
export const CLI_RESET_TTL_MS = 24 * 60 * 60_000;

/** The reset screen's address with the token in the fragment. */
export function resetLink(publicUrl: string, token: string): string {
  return `${publicUrl}/reset-password#token=${token}`;
}

/** A new link for `user`; every older link of the account stops working. */
export async function issueReset(
  repos: Repositories,
  user: UserDoc,
  via: 'cli' | 'email',
  now = new Date(),
): Promise<{ token: string; resetId: string; expiresAt: Date }> {
  if (user.disabledAt) throw new Error('a disabled account gets no password reset link');
  const token = newToken();
  const ttl = via === 'cli' ? CLI_RESET_TTL_MS : EMAILED_RESET_TTL_MS;
  const reset = await repos.passwordResets.create(
    {
      userId: user._id,
      tokenHash: hashToken(token),
      via,
      expiresAt: new Date(now.getTime() + ttl),
    },
    now,
  );
  return { token, resetId: reset._id, expiresAt: reset.expiresAt };
}

/**
 * Set `newPassword` with the link's token, once. Every session of the account ends, so its open
 * live connections close (invariant 5): whoever knew the old password is out. Returns the account
 * and how the link was made, for the audit log.
 */
export async function redeemReset(
  deps: { repos: Repositories; sessions: SessionService },
  token: string,
  newPassword: string,
  now = new Date(),
): Promise<{ user: UserDoc; via: 'cli' | 'email' }> {
  const { repos } = deps;
  const reset = await repos.passwordResets.findByTokenHash(hashToken(token));
  if (!reset) throw new ResetLinkError('unknown');
  if (reset.usedAt || (await repos.passwordResets.isUsed(reset._id)))
    throw new ResetLinkError('used');
  if (reset.expiresAt <= now) throw new ResetLinkError('expired');
  if ((await repos.passwordResets.newestFor(reset.userId))?._id !== reset._id)
    throw new ResetLinkError('replaced');
  const user = await repos.users.findById(reset.userId);
  // A disabled account is answered like an unknown link: the link says nothing of the account.
  if (!user || user.disabledAt) throw new ResetLinkError('unknown');
  // Hashed before the claim: a claim won and then lost to a slow hash would waste the link.
  const passwordHash = await hashPassword(newPassword);
  if (!(await repos.passwordResets.claimUse(reset._id))) throw new ResetLinkError('used');
  await repos.users.update(user._id, { passwordHash });
  await repos.passwordResets.markUsed(reset._id, now);
  await deps.sessions.endAll(user._id);
  return { user: { ...user, passwordHash }, via: reset.via };
}
