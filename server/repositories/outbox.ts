import { randomUUID } from 'node:crypto';
import type { Database, DocCollection, Filter } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import type { OutboxKind } from '../../shared/api/mail';
import {
  COLLECTIONS,
  type OutboxAttemptDoc,
  type OutboxCalendar,
  type OutboxMessageDoc,
} from '../db/schema';

export interface NewOutboxMessage {
  groupId: string;
  kind: OutboxKind;
  to: string;
  subject: string;
  text: string;
  /** What makes storing it again a no-op (e.g. a reminder's claim key and the recipient). */
  key?: string;
  /** A meeting's .ics (issue 19). */
  calendar?: OutboxCalendar;
}

/** What an attempt changes on its message: the outcome, written by the attempt's claimant only. */
export type AttemptOutcome = Pick<OutboxMessageDoc, 'status' | 'nextAttemptAt' | 'lastError'> &
  Partial<Pick<OutboxMessageDoc, 'text' | 'sentAt' | 'failedAt'>>;

/**
 * The outbox (issue 14). Every race here is decided by a unique-key insert: a message by its
 * `key`, an attempt by `<id>#<n>`, a "retry now" by `<id>#retry<n>`. Updates are written only by
 * the one caller whose claim won, so FerretDB's non-atomic conditional updates decide nothing.
 */
export class OutboxRepository {
  private readonly messages: DocCollection<OutboxMessageDoc>;
  private readonly attempts: DocCollection<OutboxAttemptDoc>;
  constructor(db: Database) {
    this.messages = db.collection<OutboxMessageDoc>(COLLECTIONS.outbox);
    this.attempts = db.collection<OutboxAttemptDoc>(COLLECTIONS.outboxAttempts);
  }

  /**
   * Store a message unless one with its key is stored; the stored message, or null if it was.
   * Passes leave it alone until `firstAttemptAt` (a caller that attempts it at once reserves it).
   */
  async add(
    input: NewOutboxMessage,
    now: Date,
    giveUpAt: Date,
    firstAttemptAt = now,
  ): Promise<OutboxMessageDoc | null> {
    const _id = randomUUID();
    const doc: OutboxMessageDoc = {
      _id,
      key: input.key ?? _id,
      groupId: input.groupId,
      kind: input.kind,
      to: input.to,
      subject: input.subject,
      text: input.text,
      status: 'pending',
      createdAt: now,
      attempts: 0,
      nextAttemptAt: firstAttemptAt,
      giveUpAt,
      lastAttemptAt: null,
      lastError: null,
      sentAt: null,
      failedAt: null,
      ...(input.calendar && { calendar: input.calendar }),
    };
    return (await insertIfAbsent(this.messages, doc)) ? doc : null;
  }

  findById(id: string): Promise<OutboxMessageDoc | null> {
    return this.messages.findOne({ _id: id });
  }

  findInGroup(groupId: string, id: string): Promise<OutboxMessageDoc | null> {
    return this.messages.findOne({ _id: id, groupId });
  }

  /** Pending messages whose next attempt is due, the longest waiting first. */
  due(now: Date, limit: number): Promise<OutboxMessageDoc[]> {
    return this.messages.find(
      { status: 'pending', nextAttemptAt: { $lte: now } },
      { sort: { nextAttemptAt: 1 }, limit },
    );
  }

  /** True for the one caller that claims `claimId` (`<id>#<n>` or `<id>#retry<n>`). */
  claim(claimId: string, messageId: string, at: Date): Promise<boolean> {
    return insertIfAbsent(this.attempts, { _id: claimId, messageId, at });
  }

  async claimedAt(claimId: string): Promise<Date | null> {
    return (await this.attempts.findOne({ _id: claimId }))?.at ?? null;
  }

  /**
   * Write attempt `attempt`'s outcome. A claimant that outlived its lease while a later attempt
   * already wrote its outcome changes nothing (false).
   */
  async record(id: string, attempt: number, at: Date, outcome: AttemptOutcome): Promise<boolean> {
    const { matched } = await this.messages.updateOne(
      { _id: id, attempts: { $lt: attempt } },
      { $set: { ...outcome, attempts: attempt, lastAttemptAt: at } },
    );
    return matched > 0;
  }

  /** Make a failed message pending again, due now; its caller has claimed the retry. */
  async reopen(id: string, now: Date, giveUpAt: Date): Promise<void> {
    await this.messages.updateOne(
      { _id: id, status: 'failed' },
      { $set: { status: 'pending', nextAttemptAt: now, giveUpAt, failedAt: null } },
    );
  }

  count(groupId: string, status: OutboxMessageDoc['status']): Promise<number> {
    return this.messages.countDocuments({ groupId, status });
  }

  /** Mail waiting to be sent, of every group (a metric). */
  countPending(): Promise<number> {
    return this.messages.countDocuments({ status: 'pending' });
  }

  /** The group's messages with `status`, newest first. */
  list(
    groupId: string,
    status: OutboxMessageDoc['status'],
    order: 1 | -1,
    limit: number,
  ): Promise<OutboxMessageDoc[]> {
    return this.messages.find({ groupId, status }, { sort: { createdAt: order }, limit });
  }

  /** Every message still pending or failed, of every group (the installation's view). */
  unsent(): Promise<OutboxMessageDoc[]> {
    const filter: Filter<OutboxMessageDoc> = { status: { $in: ['pending', 'failed'] } };
    return this.messages.find(filter, { sort: { createdAt: 1 } });
  }
}
