import { entryHash, GENESIS_HASH } from '../../server/audit/chain';
import type { AuditEntryDoc } from '../../server/db/schema';

/** One stored audit entry that follows `prevHash`, as the audit log would have written it. */
export function auditEntry(groupId: string, seq: number, prevHash: string): AuditEntryDoc {
  const fields = {
    groupId,
    seq,
    at: new Date(Date.UTC(2026, 0, seq)),
    actor: null,
    action: 'meeting.created',
    target: { kind: 'meeting', id: `m${seq}` },
    details: {},
  } as unknown as Omit<AuditEntryDoc, '_id' | 'prevHash' | 'hash'>;
  return { ...fields, _id: `${groupId}:${seq}`, prevHash, hash: entryHash(prevHash, fields) };
}

/** A whole chain of `length` entries from the genesis hash. */
export function auditChain(groupId: string, length: number): AuditEntryDoc[] {
  const entries: AuditEntryDoc[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq += 1) {
    const entry = auditEntry(groupId, seq, prevHash);
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}
