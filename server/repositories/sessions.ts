import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type SessionDoc } from '../db/schema';

export class SessionRepository {
  private readonly sessions: DocCollection<SessionDoc>;
  constructor(db: Database) {
    this.sessions = db.collection<SessionDoc>(COLLECTIONS.sessions);
  }

  async create(idHash: string, userId: string, ttlMs: number, now = new Date()) {
    const session: SessionDoc = {
      _id: idHash,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    };
    await this.sessions.insertOne(session);
    return session;
  }

  findValid(idHash: string, now = new Date()) {
    return this.sessions.findOne({ _id: idHash, expiresAt: { $gt: now } });
  }

  delete(idHash: string) {
    return this.sessions.deleteOne({ _id: idHash });
  }

  deleteAllForUser(userId: string, except?: string) {
    return this.sessions.deleteMany(except ? { userId, _id: { $ne: except } } : { userId });
  }

  deleteExpired(now = new Date()) {
    return this.sessions.deleteMany({ expiresAt: { $lt: now } });
  }
}
