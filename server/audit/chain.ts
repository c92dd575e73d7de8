// The hash chain of a group's audit log: how an entry's hash is computed, and how a chain is
// checked. Pure (apart from hashing), so the same code writes, verifies and is unit-tested.
import { createHash } from 'node:crypto';
import type { AuditVerification } from '../../shared/audit';
import { canonicalJson } from '../../shared/memo/content';
import type { AuditEntryDoc } from '../db/schema';

/** The prevHash of a group's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers: everything but its own hash and the link to the previous one. */
export type ChainFields = Omit<AuditEntryDoc, '_id' | 'prevHash' | 'hash'>;

/** SHA-256 (hex) of `prevHash` followed by the canonical JSON of the entry's fields. */
export function entryHash(prevHash: string, fields: ChainFields): string {
  const canonical = canonicalJson({
    groupId: fields.groupId,
    seq: fields.seq,
    // Dates as ISO strings: both engines keep milliseconds, so a stored date hashes the same.
    at: fields.at.toISOString(),
    actor: fields.actor,
    action: fields.action,
    target: fields.target,
    details: fields.details,
  });
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/**
 * Walks one group's chain in order, one entry at a time (so a long chain can be read in pages):
 * sequence numbers must run 1, 2, 3… without gaps, each prevHash must be the previous entry's
 * hash, and each hash must be what the entry's fields give.
 */
export class ChainWalker {
  private count = 0;
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private broken: number | null = null;

  constructor(private readonly groupId: string) {}

  add(doc: AuditEntryDoc): void {
    this.count += 1;
    const expected = this.expectedSeq;
    this.expectedSeq = doc.seq + 1;
    const linkedTo = this.prevHash;
    this.prevHash = doc.hash;
    if (this.broken !== null) return;
    // A gap breaks the chain at the first missing number; a repeat or a step back at this entry.
    if (doc.seq !== expected) this.broken = doc.seq > expected ? expected : doc.seq;
    else if (doc.groupId !== this.groupId || doc.prevHash !== linkedTo || !hashMatches(doc))
      this.broken = doc.seq;
  }

  result(): AuditVerification {
    return { valid: this.broken === null, entries: this.count, firstBrokenSeq: this.broken };
  }
}

/** Check a whole chain given oldest first. */
export function verifyChain(groupId: string, docs: Iterable<AuditEntryDoc>): AuditVerification {
  const walker = new ChainWalker(groupId);
  for (const doc of docs) walker.add(doc);
  return walker.result();
}

function hashMatches(doc: AuditEntryDoc): boolean {
  try {
    return entryHash(doc.prevHash, doc) === doc.hash;
  } catch {
    // A field tampered into something unhashable (say, `at` no longer a date) is a break too.
    return false;
  }
}
