import { randomUUID } from 'node:crypto';
import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
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
    return (await this.record(key, windowMs, now)).count;
  }

  /** As `hit`, with the attempt's id, so that `forget` can take this one attempt back. */
  async record(
    key: string,
    windowMs: number,
    now = new Date(),
  ): Promise<{ id: string; count: number }> {
    const id = randomUUID();
    await this.attempts.insertOne({ _id: id, key, at: now });
    const count = await this.attempts.countDocuments({
      key,
      at: { $gt: new Date(now.getTime() - windowMs) },
    });
    return { id, count };
  }

  /** Take back the attempts with these ids (and nothing anyone else recorded). */
  async forget(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.attempts.deleteMany({ _id: { $in: ids } });
  }

  /** When the oldest attempt in the window leaves it, i.e. when one more attempt is allowed. */
  async retryAt(key: string, windowMs: number, now = new Date()): Promise<Date> {
    const [oldest] = await this.attempts.find(
      { key, at: { $gt: new Date(now.getTime() - windowMs) } },
      { sort: { at: 1 }, limit: 1 },
    );
    return new Date((oldest?.at ?? now).getTime() + windowMs);
  }

  /** Remember `key` for `keepMs` from `now` (again: the time starts over). */
  async remember(key: string, keepMs: number, now = new Date()): Promise<void> {
    const keepUntil = new Date(now.getTime() + keepMs);
    // The key is the id: one document however often it is remembered.
    if (!(await insertIfAbsent(this.attempts, { _id: key, key, at: now, keepUntil }))) {
      await this.attempts.updateOne({ _id: key }, { $set: { at: now, keepUntil } });
    }
  }

  /** Whether `key` was remembered and has not been forgotten since. */
  async remembers(key: string, now = new Date()): Promise<boolean> {
    return (await this.attempts.countDocuments({ _id: key, keepUntil: { $gt: now } })) > 0;
  }

  async deleteExpired(now = new Date()) {
    const [attempts, remembered] = await Promise.all([
      this.attempts.deleteMany({
        at: { $lt: new Date(now.getTime() - KEEP_MS) },
        keepUntil: { $exists: false },
      }),
      this.attempts.deleteMany({ keepUntil: { $lt: now } }),
    ]);
    return attempts + remembered;
  }
}
