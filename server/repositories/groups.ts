import { randomUUID } from 'node:crypto';
import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type GroupDoc, type PartyDoc } from '../db/schema';
import { conflict, DuplicateKeyError } from '../errors';

export class GroupRepository {
  private readonly groups: DocCollection<GroupDoc>;
  private readonly parties: DocCollection<PartyDoc>;
  constructor(db: Database) {
    this.groups = db.collection<GroupDoc>(COLLECTIONS.groups);
    this.parties = db.collection<PartyDoc>(COLLECTIONS.parties);
  }

  async create(input: { name: string; municipality: string }) {
    const group: GroupDoc = { _id: randomUUID(), ...input, createdAt: new Date() };
    await this.groups.insertOne(group);
    return group;
  }

  findById(id: string) {
    return this.groups.findOne({ _id: id });
  }

  findByIds(ids: readonly string[]) {
    return this.groups.find({ _id: { $in: ids } });
  }

  list() {
    return this.groups.find({}, { sort: { createdAt: 1 } });
  }

  count() {
    return this.groups.countDocuments({});
  }

  update(id: string, changes: Partial<Pick<GroupDoc, 'name' | 'municipality'>>) {
    return this.groups.findOneAndUpdate({ _id: id }, { $set: changes });
  }

  async addParty(groupId: string, input: Pick<PartyDoc, 'name' | 'shortName' | 'colour'>) {
    const party: PartyDoc = { _id: randomUUID(), groupId, ...input, createdAt: new Date() };
    if (!(await insertIfAbsent(this.parties, party)))
      throw conflict('A party with this short name exists.');
    return party;
  }

  listParties(groupId: string) {
    return this.parties.find({ groupId }, { sort: { createdAt: 1 } });
  }

  findParty(groupId: string, partyId: string) {
    return this.parties.findOne({ _id: partyId, groupId });
  }

  async updateParty(
    groupId: string,
    partyId: string,
    changes: Partial<Pick<PartyDoc, 'name' | 'shortName' | 'colour'>>,
  ) {
    try {
      return await this.parties.findOneAndUpdate({ _id: partyId, groupId }, { $set: changes });
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw conflict('A party with this short name exists.');
      throw error;
    }
  }

  deleteParty(groupId: string, partyId: string) {
    return this.parties.deleteOne({ _id: partyId, groupId });
  }
}
