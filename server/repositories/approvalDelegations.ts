import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import {
  COLLECTIONS,
  type ApprovalDelegationDoc,
  type ApprovalDelegationEndDoc,
} from '../db/schema';

/** A delegation with its early end, if any. */
export interface StoredDelegation {
  delegation: ApprovalDelegationDoc;
  end: ApprovalDelegationEndDoc | null;
}

/** How many of a group's newest delegations are read: far more than a council term makes. */
const READ_LIMIT = 500;

/**
 * Delegations of approval to a vice-chair (issue 19). Both collections are insert-only: a
 * delegation never changes, and its end is a unique-key insert (FerretDB applies guarded updates
 * non-atomically, so "ended once, by whom" is decided by the insert, not by an update).
 */
export class ApprovalDelegationRepository {
  private readonly delegations: DocCollection<ApprovalDelegationDoc>;
  private readonly ends: DocCollection<ApprovalDelegationEndDoc>;
  constructor(db: Database) {
    this.delegations = db.collection<ApprovalDelegationDoc>(COLLECTIONS.approvalDelegations);
    this.ends = db.collection<ApprovalDelegationEndDoc>(COLLECTIONS.approvalDelegationEnds);
  }

  async create(doc: ApprovalDelegationDoc): Promise<void> {
    await this.delegations.insertOne(doc);
  }

  /** End `delegationId`; false when it had ended already (the first end stands). */
  end(end: ApprovalDelegationEndDoc): Promise<boolean> {
    return insertIfAbsent(this.ends, end);
  }

  async find(groupId: string, delegationId: string): Promise<StoredDelegation | null> {
    const delegation = await this.delegations.findOne({ _id: delegationId, groupId });
    if (!delegation) return null;
    return { delegation, end: await this.ends.findOne({ _id: delegationId }) };
  }

  /** The group's delegations, newest first, each with its end. Read fresh on every approval. */
  async listByGroup(groupId: string): Promise<StoredDelegation[]> {
    const [delegations, ends] = await Promise.all([
      this.delegations.find({ groupId }, { sort: { createdAt: -1 }, limit: READ_LIMIT }),
      this.ends.find({ groupId }),
    ]);
    const endOf = new Map(ends.map((end) => [end._id, end]));
    return delegations.map((delegation) => ({
      delegation,
      end: endOf.get(delegation._id) ?? null,
    }));
  }
}
