// Throttling of password guesses (logging in, changing the password), counted in the database so
// that every server instance sees the same numbers.
import { createHash } from 'node:crypto';
import { rateLimited } from '../errors';
import type { RateLimitRepository } from '../repositories/rateLimits';

/** The sliding window every limit here counts in. */
export const GUESS_WINDOW_MS = 15 * 60_000;

/** How long an address an account logged in from keeps a guess budget of its own. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 3_600_000;

/** The per-address limit is this many times the per-account one (many people share an address). */
const ADDRESS_FACTOR = 10;

export interface GuessLimit {
  key: string;
  max: number;
}

/** A password check that was let through: it stays counted unless the password was right. */
export interface Guess {
  succeeded(): Promise<void>;
}

/**
 * Count one password check under every limit; 429 with Retry-After when one is over its max.
 * Each attempt is inserted before it is counted, so parallel guesses cannot all slip under a
 * limit. A refused attempt, and one whose password was right, takes its own entries back: only
 * failed checks count, a right password after the limit is refused like a wrong one, and an
 * account's own logins neither use up its budget nor give an attacker's guesses back.
 */
export async function admitGuess(
  rateLimits: RateLimitRepository,
  limits: readonly GuessLimit[],
  now = new Date(),
): Promise<Guess> {
  const recorded = await Promise.all(
    limits.map(({ key }) => rateLimits.record(key, GUESS_WINDOW_MS, now)),
  );
  const ids = recorded.map(({ id }) => id);
  const over = limits.find(({ max }, index) => (recorded[index]?.count ?? 0) > max);
  if (over) {
    await rateLimits.forget(ids);
    const retryAt = await rateLimits.retryAt(over.key, GUESS_WINDOW_MS, now);
    throw rateLimited(Math.max(Math.ceil((retryAt.getTime() - now.getTime()) / 1000), 1));
  }
  return { succeeded: () => rateLimits.forget(ids) };
}

/** Account and address together, hashed: the database keeps no readable login history. */
const accountAtAddress = (email: string, address: string) =>
  createHash('sha256').update(`${email}\n${address}`).digest('hex');

/**
 * Admit one login attempt for `email` (whether or not such an account exists: the answers must
 * not tell) from `address`. Limits: `max` failures per account from anywhere, so rotating
 * addresses gives no more guesses, and `max` × 10 per address against spraying many accounts.
 * An address the account has logged in from in the last 30 days counts against a budget of its
 * own instead of the account's, so someone flooding a councillor's account with wrong guesses
 * cannot keep them from logging in where they usually do. A successful login remembers its
 * address.
 */
export async function admitLogin(
  rateLimits: RateLimitRepository,
  max: number,
  email: string,
  address: string,
): Promise<Guess> {
  const known = `login-known:${accountAtAddress(email, address)}`;
  const account = (await rateLimits.remembers(known))
    ? { key: `login-from-known:${accountAtAddress(email, address)}`, max }
    : { key: `login-account:${email}`, max };
  const guess = await admitGuess(rateLimits, [
    account,
    { key: `login-address:${address}`, max: max * ADDRESS_FACTOR },
  ]);
  return {
    async succeeded() {
      await guess.succeeded();
      await rateLimits.remember(known, KNOWN_ADDRESS_MS);
    },
  };
}

/** Admit one check of a logged-in user's current password: `max` failures per user. */
export function admitPasswordCheck(
  rateLimits: RateLimitRepository,
  max: number,
  userId: string,
): Promise<Guess> {
  return admitGuess(rateLimits, [{ key: `password-check:${userId}`, max }]);
}

/**
 * Requests for a password reset link: an account gets at most 3 emails in 15 minutes (each makes
 * the one before unusable, and a mailbox is not to be flooded), an address 30 (many people share
 * an office's address). Counted for unknown emails alike, so the answers tell nothing; and every
 * request counts, as none of them is a failure to take back.
 */
export async function admitResetRequest(
  rateLimits: RateLimitRepository,
  email: string,
  address: string,
): Promise<void> {
  await admitGuess(rateLimits, [
    { key: `reset-account:${createHash('sha256').update(email).digest('hex')}`, max: 3 },
    { key: `reset-address:${address}`, max: 30 },
  ]);
}
