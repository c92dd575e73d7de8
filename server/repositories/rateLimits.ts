import { randomUUID } from 'node:crypto';
import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type AttemptDoc } from '../db/schema';

const KEEP_MS = 24 * 3_600_000;

/**
 * Sliding-window throttling in the database, so every server instance sees the same count. Each
 * attempt is its own insert: counting inserts stays exact without atomic increments.
 */
export class RateLimitRepository {
  private readonly attempts: DocCollection<AttemptDoc>;
  constructor(db: Database) {
    this.attempts = db.collection<AttemptDoc>(COLLECTIONS.attempts);
  }

  /** Record one attempt under `key`; returns how many fall in the last `windowMs`, this one included. */
  async hit(key: string, windowMs: number, now = new Date()): Promise<number> {
    await this.attempts.insertOne({ _id: randomUUID(), key, at: now });
    return this.attempts.countDocuments({ key, at: { $gt: new Date(now.getTime() - windowMs) } });
  }

  /** When the oldest attempt in the window leaves it, i.e. when one more attempt is allowed. */
  async retryAt(key: string, windowMs: number, now = new Date()): Promise<Date> {
    const [oldest] = await this.attempts.find(
      { key, at: { $gt: new Date(now.getTime() - windowMs) } },
      { sort: { at: 1 }, limit: 1 },
    );
    return new Date((oldest?.at ?? now).getTime() + windowMs);
  }

  reset(key: string) {
    return this.attempts.deleteMany({ key });
  }

  deleteExpired(now = new Date()) {
    return this.attempts.deleteMany({ at: { $lt: new Date(now.getTime() - KEEP_MS) } });
  }
}
