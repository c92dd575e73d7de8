import { randomUUID } from 'node:crypto';
import { isLowering, type ConfidentialityChange } from '../../shared/confidentiality';
import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type ConfidentialityChangeDoc } from '../db/schema';

/** The memo's confidentiality history: who changed which level, when (identity from sessions). */
export class ConfidentialityChangeRepository {
  private readonly changes: DocCollection<ConfidentialityChangeDoc>;
  constructor(db: Database) {
    this.changes = db.collection<ConfidentialityChangeDoc>(COLLECTIONS.confidentialityChanges);
  }

  async record(change: Omit<ConfidentialityChangeDoc, '_id'>): Promise<ConfidentialityChange> {
    const doc: ConfidentialityChangeDoc = { _id: randomUUID(), ...change };
    await this.changes.insertOne(doc);
    return toConfidentialityChange(doc);
  }

  async listForMeeting(meetingId: string): Promise<ConfidentialityChange[]> {
    const docs = await this.changes.find({ meetingId }, { sort: { at: 1 } });
    return docs.map(toConfidentialityChange);
  }
}

function toConfidentialityChange(doc: ConfidentialityChangeDoc): ConfidentialityChange {
  return {
    id: doc._id,
    meetingId: doc.meetingId,
    targetId: doc.targetId,
    targetKind: doc.targetKind,
    excerpt: doc.excerpt,
    from: doc.from,
    to: doc.to,
    lowered: isLowering(doc.from, doc.to),
    userId: doc.userId,
    userName: doc.userName,
    partyId: doc.partyId,
    at: doc.at.toISOString(),
  };
}
