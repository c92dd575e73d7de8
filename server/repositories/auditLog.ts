import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import type { AuditAction } from '../../shared/audit';
import { COLLECTIONS, type AuditEntryDoc } from '../db/schema';

const SEQ_DIGITS = 10;
/** Entry n of a group's chain: the unique _id is what lets only one writer take number n. */
export const auditEntryId = (groupId: string, seq: number) =>
  `${groupId}:${String(seq).padStart(SEQ_DIGITS, '0')}`;

/**
 * The groups' audit logs. Append-only by construction: this repository has no update or delete
 * method, and an append is a unique-key insert, so concurrent writers cannot fork a chain.
 */
export class AuditLogRepository {
  private readonly entries: DocCollection<AuditEntryDoc>;
  constructor(db: Database) {
    this.entries = db.collection<AuditEntryDoc>(COLLECTIONS.auditLog);
  }

  /** False when the entry's number is already taken (another writer got there first). */
  append(doc: AuditEntryDoc): Promise<boolean> {
    return insertIfAbsent(this.entries, doc);
  }

  /** The group's newest entry, or null for an empty log. */
  async last(groupId: string): Promise<AuditEntryDoc | null> {
    const [latest] = await this.entries.find({ groupId }, { sort: { seq: -1 }, limit: 1 });
    return latest ?? null;
  }

  /** Entry `seq` of the group's chain, if stored. */
  find(groupId: string, seq: number): Promise<AuditEntryDoc | null> {
    return this.entries.findOne({ _id: auditEntryId(groupId, seq) });
  }

  /** Up to `limit` entries, newest first, with numbers below `before` (all when null). */
  newestFirst(groupId: string, before: number | null, limit: number): Promise<AuditEntryDoc[]> {
    return this.entries.find(before === null ? { groupId } : { groupId, seq: { $lt: before } }, {
      sort: { seq: -1 },
      limit,
    });
  }

  /** The group's entries of these kinds, oldest first (e.g. those that can name a party). */
  ofActions(groupId: string, actions: readonly AuditAction[]): Promise<AuditEntryDoc[]> {
    return this.entries.find({ groupId, action: { $in: actions } }, { sort: { seq: 1 } });
  }

  /** Up to `limit` entries after number `seq`, oldest first: how a chain is walked in pages. */
  after(groupId: string, seq: number, limit: number): Promise<AuditEntryDoc[]> {
    return this.entries.find({ groupId, seq: { $gt: seq } }, { sort: { seq: 1 }, limit });
  }
}
