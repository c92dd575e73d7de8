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

  update(id: string, changes: Partial<Pick<GroupDoc, 'name' | 'municipality' | 'deputiesSpeak'>>) {
    return this.groups.findOneAndUpdate({ _id: id }, { $set: changes });
  }

  async addParty(groupId: string, input: Pick<PartyDoc, 'name' | 'shortName' | 'colour'>) {
    const party: PartyDoc = { _id: randomUUID(), groupId, ...input, createdAt: new Date() };
    if (!(await insertIfAbsent(this.parties, party)))
      throw conflict('A party with this short name exists.');
    return party;
  }

  /**
   * The group's active parties, in the order they were added: who counts for new consent rounds,
   * has a room in the live memo, and may get members. Ended parties are left out here, so every
   * caller that lists "the parties now" leaves them out alike (issue 13).
   */
  async listParties(groupId: string): Promise<PartyDoc[]> {
    return (await this.listAllParties(groupId)).filter((party) => !party.endedAt);
  }

  /** Every party the group ever had that was not deleted, ended ones included (for history). */
  listAllParties(groupId: string): Promise<PartyDoc[]> {
    return this.parties.find({ groupId }, { sort: { createdAt: 1 } });
  }

  /** An active party of the group; null for an unknown or ended one. */
  async findParty(groupId: string, partyId: string): Promise<PartyDoc | null> {
    const party = await this.findAnyParty(groupId, partyId);
    return party && !party.endedAt ? party : null;
  }

  /** A party of the group, ended or not. */
  findAnyParty(groupId: string, partyId: string): Promise<PartyDoc | null> {
    return this.parties.findOne({ _id: partyId, groupId });
  }

  /** Mark the party ended at `at`; it stays for history. */
  async endParty(groupId: string, partyId: string, at: Date): Promise<PartyDoc | null> {
    return this.parties.findOneAndUpdate({ _id: partyId, groupId }, { $set: { endedAt: at } });
  }

  async updateParty(
    groupId: string,
    partyId: string,
    changes: Partial<Pick<PartyDoc, 'name' | 'shortName' | 'colour' | 'deputyOrder'>>,
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
