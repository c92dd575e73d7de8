// Reading a group's audit log back: entries as the API shows them, and the chain's check.
import type { AuditEntry, AuditVerification } from '../../shared/audit';
import type { AuditEntryDoc } from '../db/schema';
import type { AuditLogRepository } from '../repositories/auditLog';
import { ChainWalker } from './chain';

/** Entries are read in pages of this many while a chain is walked. */
const WALK_PAGE = 500;

export function toAuditEntry(doc: AuditEntryDoc): AuditEntry {
  return {
    seq: doc.seq,
    at: doc.at.toISOString(),
    actor: doc.actor,
    action: doc.action,
    target: doc.target,
    details: doc.details,
    prevHash: doc.prevHash,
    hash: doc.hash,
  };
}

/**
 * Walk the whole chain, oldest first, handing each entry to `visit` as it goes; returns the
 * verification. Pages follow the last seq read, so a chain growing meanwhile is walked to its end.
 */
export async function walkChain(
  repo: AuditLogRepository,
  groupId: string,
  visit: (doc: AuditEntryDoc) => void = () => undefined,
): Promise<AuditVerification> {
  const walker = new ChainWalker(groupId);
  for (let after = 0; ;) {
    const page = await repo.after(groupId, after, WALK_PAGE);
    for (const doc of page) {
      walker.add(doc);
      visit(doc);
    }
    const last = page.at(-1);
    if (!last || page.length < WALK_PAGE) return walker.result();
    after = last.seq;
  }
}

/** Recompute every hash of the group's chain and check its links and numbering. */
export function verifyGroupChain(
  repo: AuditLogRepository,
  groupId: string,
): Promise<AuditVerification> {
  return walkChain(repo, groupId);
}
