// Every email leaves through the outbox (issue 14): it is stored first, then sent by the outbox
// job and retried until the SMTP server accepts it. Callers store and move on; "stored" is all
// they are told, never "sent" unless the SMTP server said so.
import type { EmailOutcome } from '../../shared/api/mail';
import type { OutboxMessageDoc } from '../db/schema';
import { conflict, notFound } from '../errors';
import type { NewOutboxMessage } from '../repositories/outbox';
import {
  attemptMessage,
  sendDueMail,
  type OutboxSource,
  type PassResult,
  type SenderDeps,
} from './outboxSender';

/** The inviter waits for the first attempt this long at most; then it is the job's. */
const IMMEDIATE_TIMEOUT_MS = 10_000;

export class Outbox implements OutboxSource {
  private readonly listeners = new Set<() => void>();
  constructor(private readonly deps: SenderDeps) {}

  /** False without SMTP_URL: nothing is stored, and the app shows links in-app instead. */
  get configured(): boolean {
    return this.deps.mailer.configured;
  }

  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Store emails for the job to send; resolves once they are stored. A message whose key is
   * stored already is left as it is (sent or not), so a caller may store the same one again.
   */
  async enqueue(messages: readonly NewOutboxMessage[], now = new Date()): Promise<number> {
    if (messages.length === 0) return 0;
    if (!this.configured) {
      this.deps.logger.info({ count: messages.length }, 'SMTP_URL not set; email not sent');
      return 0;
    }
    const stored = await Promise.all(
      messages.map((message) => this.deps.repo.add(message, now, this.giveUpAt(now))),
    );
    const added = stored.filter((doc) => doc !== null).length;
    if (added > 0) for (const listener of this.listeners) listener();
    return added;
  }

  /** Store one email and make its first attempt now, for a caller who shows the outcome. */
  async sendNow(message: NewOutboxMessage, now = new Date()): Promise<EmailOutcome> {
    if (!this.configured) return 'off';
    // Reserved for this attempt, so that a pass of the job does not take it first and leave the
    // caller without an outcome; if this process dies meanwhile, the job sends it after that.
    const reservedUntil = new Date(now.getTime() + 2 * IMMEDIATE_TIMEOUT_MS);
    const stored = await this.deps.repo.add(message, now, this.giveUpAt(now), reservedUntil);
    if (!stored) return 'queued';
    try {
      const result = await attemptMessage(this.deps, stored, {
        timeoutMs: IMMEDIATE_TIMEOUT_MS,
        reserved: true,
      });
      if (result.status === 'sent' || result.status === 'failed') return result.status;
    } catch (error) {
      // It is stored: the job tries it again, so the caller's action stands.
      this.deps.logger.error({ err: error, messageId: stored._id }, 'sending an email failed');
    }
    return 'queued';
  }

  sendDue(options: { now?: Date; signal?: AbortSignal } = {}): Promise<PassResult> {
    return sendDueMail(this.deps, options);
  }

  /**
   * "Retry now" for a failed email of the group: pending again, due at once, with a fresh time
   * before it is given up. Claimed per failure, so two administrators retry it once.
   */
  async retry(groupId: string, id: string, now = new Date()): Promise<OutboxMessageDoc> {
    const { repo } = this.deps;
    const message = await repo.findInGroup(groupId, id);
    if (!message) throw notFound('Email');
    if (!this.configured) throw conflict('No SMTP server is configured.');
    if (
      message.status !== 'failed' ||
      !(await repo.claim(`${id}#retry${message.attempts}`, id, now))
    )
      throw conflict('Only a failed email can be retried, once per failure.');
    const giveUpAt = this.giveUpAt(now);
    await repo.reopen(id, now, giveUpAt);
    for (const listener of this.listeners) listener();
    return { ...message, status: 'pending', nextAttemptAt: now, giveUpAt, failedAt: null };
  }

  private giveUpAt(now: Date): Date {
    return new Date(now.getTime() + this.deps.policy.giveUpMs);
  }
}
