import { randomUUID } from 'node:crypto';
import type { Role } from '../../shared/roles';
import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type InvitationDoc } from '../db/schema';
import { ClaimRepository } from './claims';

export class InvitationRepository {
  private readonly invitations: DocCollection<InvitationDoc>;
  private readonly claims: ClaimRepository;
  constructor(db: Database) {
    this.invitations = db.collection<InvitationDoc>(COLLECTIONS.invitations);
    this.claims = new ClaimRepository(db);
  }

  async create(input: {
    groupId: string;
    email: string;
    role: Role;
    partyId: string | null;
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  }) {
    const invitation: InvitationDoc = {
      _id: randomUUID(),
      ...input,
      createdAt: new Date(),
      acceptedAt: null,
      revokedAt: null,
    };
    await this.invitations.insertOne(invitation);
    return invitation;
  }

  /** An invitation that can still be used: not accepted, not revoked, not expired. */
  findUsable(tokenHash: string, now = new Date()) {
    return this.invitations.findOne({
      tokenHash,
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { $gt: now },
    });
  }

  /** Single use: only the caller whose claim insert succeeds gets the invitation. */
  async consume(tokenHash: string, now = new Date()): Promise<InvitationDoc | null> {
    const usable = await this.findUsable(tokenHash, now);
    if (!usable || !(await this.claims.claim(`invitation:${usable._id}`))) return null;
    return this.invitations.findOneAndUpdate({ _id: usable._id }, { $set: { acceptedAt: now } });
  }

  listByGroup(groupId: string) {
    return this.invitations.find({ groupId }, { sort: { createdAt: -1 } });
  }

  revoke(groupId: string, invitationId: string, now = new Date()) {
    return this.invitations.findOneAndUpdate(
      { _id: invitationId, groupId, acceptedAt: null, revokedAt: null },
      { $set: { revokedAt: now } },
    );
  }

  findInGroup(groupId: string, invitationId: string) {
    return this.invitations.findOne({ _id: invitationId, groupId });
  }
}
