import { randomUUID } from 'node:crypto';
import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type PasswordResetDoc } from '../db/schema';
import { ClaimRepository } from './claims';

/**
 * Password reset links (issue 17). Whether a link may be used is decided by a unique-key insert
 * (`ClaimRepository`), never by a conditional update: FerretDB applies those non-atomically, and
 * two parallel uses of one link must not both set a password.
 */
export class PasswordResetRepository {
  private readonly resets: DocCollection<PasswordResetDoc>;
  private readonly claims: ClaimRepository;
  constructor(db: Database) {
    this.resets = db.collection<PasswordResetDoc>(COLLECTIONS.passwordResets);
    this.claims = new ClaimRepository(db);
  }

  async create(
    input: Pick<PasswordResetDoc, 'userId' | 'tokenHash' | 'via' | 'expiresAt'>,
    now = new Date(),
  ): Promise<PasswordResetDoc> {
    const reset: PasswordResetDoc = { _id: randomUUID(), ...input, createdAt: now, usedAt: null };
    await this.resets.insertOne(reset);
    return reset;
  }

  findByTokenHash(tokenHash: string) {
    return this.resets.findOne({ tokenHash });
  }

  /** The account's newest link: making a new one is what makes the older ones unusable. */
  async newestFor(userId: string): Promise<PasswordResetDoc | null> {
    const [newest] = await this.resets.find({ userId }, { sort: { createdAt: -1 }, limit: 1 });
    return newest ?? null;
  }

  /** True for the one caller that uses the link; everyone after (or in parallel) gets false. */
  claimUse(resetId: string): Promise<boolean> {
    return this.claims.claim(`password-reset:${resetId}`);
  }

  isUsed(resetId: string): Promise<boolean> {
    return this.claims.isClaimed(`password-reset:${resetId}`);
  }

  /** Written by the claim's winner only, for the record. */
  async markUsed(resetId: string, at = new Date()): Promise<void> {
    await this.resets.updateOne({ _id: resetId }, { $set: { usedAt: at } });
  }
}
