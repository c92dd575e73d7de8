import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type CollabClientDoc } from '../db/schema';

const claimId = (room: string, clientId: number) => `${room}#${clientId}`;

/**
 * Which user owns each Yjs client id of a collab room. Claims are unique-key inserts, so of
 * two instances (or connections) racing for one id exactly one wins, on every engine; they are
 * never updated and outlive compaction, approval and reopening.
 */
export class CollabClientRepository {
  private readonly claims: DocCollection<CollabClientDoc>;
  constructor(db: Database) {
    this.claims = db.collection<CollabClientDoc>(COLLECTIONS.collabClients);
  }

  /** Claim `clientId` in `room` for `userId`; returns its owner, whoever won. */
  async claim(room: string, clientId: number, userId: string): Promise<string> {
    const _id = claimId(room, clientId);
    if (await insertIfAbsent(this.claims, { _id, room, clientId, userId, at: new Date() }))
      return userId;
    const owner = await this.claims.findOne({ _id });
    if (!owner) throw new Error(`claim ${_id} refused but not found`);
    return owner.userId;
  }

  /** Every claim in the room: client id → user id. */
  async owners(room: string): Promise<Map<number, string>> {
    const claims = await this.claims.find({ room });
    return new Map(claims.map((claim) => [claim.clientId, claim.userId]));
  }
}
