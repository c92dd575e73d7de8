import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/roles';
import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type MembershipDoc } from '../db/schema';
import { conflict } from '../errors';

export class MembershipRepository {
  private readonly memberships: DocCollection<MembershipDoc>;
  constructor(db: Database) {
    this.memberships = db.collection<MembershipDoc>(COLLECTIONS.memberships);
  }

  async add(input: { groupId: string; userId: string; role: Role; partyId: string | null }) {
    const membership: MembershipDoc = { _id: randomUUID(), ...input, createdAt: new Date() };
    if (!(await insertIfAbsent(this.memberships, membership)))
      throw conflict('This person is already a member.');
    return membership;
  }

  find(groupId: string, userId: string) {
    return this.memberships.findOne({ groupId, userId });
  }

  listByGroup(groupId: string) {
    return this.memberships.find({ groupId }, { sort: { createdAt: 1 } });
  }

  listByUser(userId: string) {
    return this.memberships.find({ userId });
  }

  findChair(groupId: string) {
    return this.memberships.findOne({ groupId, role: 'chair' });
  }

  countInParty(groupId: string, partyId: string) {
    return this.memberships.countDocuments({ groupId, partyId });
  }

  update(groupId: string, userId: string, changes: { role: Role; partyId: string | null }) {
    return this.memberships.findOneAndUpdate({ groupId, userId }, { $set: changes });
  }

  remove(groupId: string, userId: string) {
    return this.memberships.deleteOne({ groupId, userId });
  }
}
