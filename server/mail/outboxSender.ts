// Sending what the outbox holds: one attempt at one message, a pass over the due ones, and the
// background job that runs passes. Every attempt is claimed by a unique-key insert before the
// SMTP server hears of it, so two passes or two instances never send one message twice; a
// message is marked sent only after the SMTP server accepted it, so none is ever dropped.
import type { OutboxMessageDoc } from '../db/schema';
import type { Logger } from '../logger';
import type { OutboxRepository } from '../repositories/outbox';
import type { Mailer } from './mailer';
import { outcomeOfRefusal, type RetryPolicy } from './retryPolicy';

/**
 * An attempt claimed this long ago without an outcome was cut short (a crash, a kill): the next
 * attempt may start. Far longer than SEND_TIMEOUT_MS, so a live attempt is never overtaken; the
 * crashed one may have been accepted just before, so at worst that message arrives twice.
 */
export const ATTEMPT_LEASE_MS = 10 * 60_000;
/** A background attempt gives up after this and counts as refused (tried again later). */
export const SEND_TIMEOUT_MS = 2 * 60_000;
const BATCH = 100;
/** Attempts cut short in a row that a claim steps over before leaving the message alone. */
const MAX_STALE_CLAIMS = 10;

export interface SenderDeps {
  repo: OutboxRepository;
  mailer: Mailer;
  logger: Logger;
  policy: RetryPolicy;
}

export interface AttemptOptions {
  /** The clock, fixed by tests; otherwise the time of each step. */
  now?: Date | undefined;
  timeoutMs: number;
  /** Aborts the send (the server is stopping); the attempt then counts as refused. */
  signal?: AbortSignal | undefined;
  /** The caller stored the message reserved for this first attempt (Outbox.sendNow). */
  reserved?: boolean;
}

export interface AttemptResult {
  /** `skipped`: another pass or instance has this attempt, or the message is no longer due. */
  status: OutboxMessageDoc['status'] | 'skipped';
  /** The SMTP server could not be reached: the rest of a pass would fare the same. */
  unreachable: boolean;
}

const SKIPPED: AttemptResult = { status: 'skipped', unreachable: false };

/** Claim the next attempt at `message`: its number, or null when someone else is on it. */
async function claimAttempt(
  repo: OutboxRepository,
  message: OutboxMessageDoc,
  now: Date,
): Promise<number | null> {
  for (let n = message.attempts + 1; n <= message.attempts + MAX_STALE_CLAIMS; n++) {
    if (await repo.claim(`${message._id}#${n}`, message._id, now)) return n;
    const claimedAt = await repo.claimedAt(`${message._id}#${n}`);
    if (claimedAt && now.getTime() - claimedAt.getTime() < ATTEMPT_LEASE_MS) return null;
  }
  return null;
}

/** One attempt at one message: claim it, send it, record how it went. */
export async function attemptMessage(
  deps: SenderDeps,
  message: OutboxMessageDoc,
  options: AttemptOptions,
): Promise<AttemptResult> {
  const { repo, mailer, logger, policy } = deps;
  const clock = () => options.now ?? new Date();
  const attempt = await claimAttempt(repo, message, clock());
  if (attempt === null) return SKIPPED;
  // What we read may be old (a long pass): another claimant may have finished it meanwhile.
  const current = await repo.findById(message._id);
  if (
    !current ||
    current.status !== 'pending' ||
    current.attempts >= attempt ||
    (current.nextAttemptAt > clock() && !(options.reserved && attempt === 1))
  )
    return SKIPPED;

  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const result = await mailer.send(
    {
      to: current.to,
      subject: current.subject,
      text: current.text,
      ...(current.calendar && { calendar: current.calendar }),
    },
    signal,
  );
  const at = clock();
  const log = { messageId: current._id, kind: current.kind, groupId: current.groupId, attempt };
  if (result.ok) {
    // The body goes: an invitation's carries a live token, and nobody needs it any more.
    await repo.record(current._id, attempt, at, {
      status: 'sent',
      sentAt: at,
      text: '',
      nextAttemptAt: current.nextAttemptAt,
      lastError: null,
    });
    logger.debug(log, 'email sent');
    return { status: 'sent', unreachable: false };
  }
  const outcome = outcomeOfRefusal(current, attempt, result, at, policy);
  await repo.record(current._id, attempt, at, outcome);
  logger.warn(
    { ...log, error: result.error, status: outcome.status, nextAttemptAt: outcome.nextAttemptAt },
    outcome.status === 'failed' ? 'email failed; given up' : 'email refused; will retry',
  );
  return { status: outcome.status, unreachable: result.unreachable };
}

export interface PassResult {
  sent: number;
  /** A full batch was worked through: more may be due at once. */
  more: boolean;
}

/** One pass over the due messages, oldest first; stops early when the server is unreachable. */
export async function sendDueMail(
  deps: SenderDeps,
  options: { now?: Date | undefined; signal?: AbortSignal | undefined } = {},
): Promise<PassResult> {
  const due = await deps.repo.due(options.now ?? new Date(), BATCH);
  let sent = 0;
  let tried = 0;
  for (const message of due) {
    if (options.signal?.aborted) return { sent, more: false };
    const result = await attemptMessage(deps, message, { ...options, timeoutMs: SEND_TIMEOUT_MS });
    if (result.status === 'sent') sent += 1;
    if (result.status !== 'skipped') tried += 1;
    if (result.unreachable) return { sent, more: false };
  }
  return { sent, more: due.length === BATCH && tried > 0 };
}

export interface OutboxSource {
  sendDue(options: { signal?: AbortSignal }): Promise<PassResult>;
  /** Calls `listener` whenever new mail is stored; returns the unsubscribe. */
  onQueued(listener: () => void): () => void;
}

export interface OutboxJob {
  /** Stop the timer, abort a send under way (it is tried again later) and wait for the pass. */
  stop(): Promise<void>;
}

/**
 * Run a pass every `intervalMs`, at once when mail is stored, and right away at start (mail left
 * pending by an earlier process). Passes never overlap; a wake-up during one runs another after.
 */
export function startOutboxSender(
  outbox: OutboxSource,
  intervalMs: number,
  logger: Logger,
): OutboxJob {
  const stopping = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (stopping.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = outbox
      .sendDue({ signal: stopping.signal })
      .then(
        (pass) => {
          again ||= pass.more;
        },
        (error: unknown) => logger.warn({ err: error }, 'sending the outbox failed'),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  const unsubscribe = outbox.onQueued(run);
  run();
  return {
    async stop() {
      stopping.abort();
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
}
