// When the outbox tries a refused email again, and when it gives up. Pure, so the schedule is
// tested without a clock or an SMTP server.
import type { OutboxMessageDoc } from '../db/schema';
import type { AttemptOutcome } from '../repositories/outbox';
import type { SendResult } from './mailer';

/** No wait between attempts grows past an hour. */
export const RETRY_CAP_MS = 3_600_000;

export interface RetryPolicy {
  /** The wait after the first refusal; it doubles with every attempt. */
  retryBaseMs: number;
  /** How long after it was stored (or retried by hand) a refused message is given up. */
  giveUpMs: number;
}

/**
 * The wait after attempt `attempt` (1, 2, …) was refused: base·2^(attempt−1), capped at an hour,
 * then ±20 % at random, so that instances and messages refused together do not retry in step.
 */
export function retryDelay(attempt: number, baseMs: number, random: () => number = Math.random) {
  const plain = Math.min(Math.max(RETRY_CAP_MS, baseMs), baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

/** What a refused attempt leaves: another try later, or failed (for good, or out of time). */
export function outcomeOfRefusal(
  message: Pick<OutboxMessageDoc, 'giveUpAt'>,
  attempt: number,
  result: Extract<SendResult, { ok: false }>,
  now: Date,
  policy: RetryPolicy,
  random: () => number = Math.random,
): AttemptOutcome {
  const next = new Date(now.getTime() + retryDelay(attempt, policy.retryBaseMs, random));
  if (result.permanent || next > message.giveUpAt)
    return { status: 'failed', failedAt: now, nextAttemptAt: now, lastError: result.error };
  return { status: 'pending', nextAttemptAt: next, lastError: result.error };
}
