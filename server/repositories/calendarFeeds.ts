import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type CalendarFeedDoc } from '../db/schema';

/** Each user's one calendar feed, by the hash of its token (issue 19). */
export class CalendarFeedRepository {
  private readonly feeds: DocCollection<CalendarFeedDoc>;
  constructor(db: Database) {
    this.feeds = db.collection<CalendarFeedDoc>(COLLECTIONS.calendarFeeds);
  }

  ofUser(userId: string): Promise<CalendarFeedDoc | null> {
    return this.feeds.findOne({ _id: userId });
  }

  byTokenHash(tokenHash: string): Promise<CalendarFeedDoc | null> {
    return this.feeds.findOne({ tokenHash });
  }

  /**
   * The user's feed is now `tokenHash`; the old address stops working. Of two renewals at once
   * one insert wins and the other removes it and tries again, so the last one stands.
   */
  async replace(userId: string, tokenHash: string, now: Date): Promise<CalendarFeedDoc> {
    const doc: CalendarFeedDoc = { _id: userId, tokenHash, createdAt: now };
    for (;;) {
      await this.feeds.deleteOne({ _id: userId });
      if (await insertIfAbsent(this.feeds, doc)) return doc;
    }
  }
}
