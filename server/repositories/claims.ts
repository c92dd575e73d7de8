import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type ClaimDoc } from '../db/schema';
import { insertIfAbsent } from '../db/insertIfAbsent';

/**
 * One-time claims. A unique-key insert is atomic on every engine we run on (FerretDB applies
 * conditional updates non-atomically), so "only the first one wins" is built on it.
 */
export class ClaimRepository {
  private readonly claims: DocCollection<ClaimDoc>;
  constructor(db: Database) {
    this.claims = db.collection<ClaimDoc>(COLLECTIONS.claims);
  }

  /** True for the first caller with this key, false for everyone after. */
  claim(key: string): Promise<boolean> {
    return insertIfAbsent(this.claims, { _id: key, at: new Date() });
  }

  /** Whether someone has claimed `key`; a read, so it decides nothing by itself. */
  async isClaimed(key: string): Promise<boolean> {
    return (await this.claims.findOne({ _id: key })) !== null;
  }
}
