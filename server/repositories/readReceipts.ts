import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type ReadReceiptDoc } from '../db/schema';

/** Who first opened which memo version, and when. Only the first opening is kept. */
export class ReadReceiptRepository {
  private readonly receipts: DocCollection<ReadReceiptDoc>;
  constructor(db: Database) {
    this.receipts = db.collection<ReadReceiptDoc>(COLLECTIONS.readReceipts);
  }

  /** Record an opening; later openings of the same version change nothing. */
  async record(input: Omit<ReadReceiptDoc, '_id' | 'at'>): Promise<void> {
    await insertIfAbsent(this.receipts, {
      _id: `${input.meetingId}:${input.version}:${input.userId}`,
      ...input,
      at: new Date(),
    });
  }

  listByMeeting(meetingId: string): Promise<ReadReceiptDoc[]> {
    return this.receipts.find({ meetingId }, { sort: { at: 1 } });
  }

  listByUser(groupId: string, userId: string): Promise<ReadReceiptDoc[]> {
    return this.receipts.find({ groupId, userId });
  }
}
