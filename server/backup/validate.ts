// The checks a backup and a restore run over a whole database's documents: every approved
// version's stored SHA-256 matches its content, every group's audit chain verifies end to end
// (server/audit/chain.ts, the same walk the audit route does), and every collab room's log follows
// on from its newest snapshot without a gap (collabLog.ts). A read that raced a write shows up
// here: an audit entry without the one before it, a room whose compaction deleted entries
// between the snapshot read and the entries read.
import { verifyChain } from '../audit/chain';
import { sha256Hex } from '../approval/storedMemo';
import {
  COLLECTIONS,
  type AuditEntryDoc,
  type CollabSnapshotDoc,
  type CollabUpdateDoc,
  type MemoVersionDoc,
} from '../db/schema';
import { followsOn } from '../repositories/collabLog';

export interface Validation {
  versions: number;
  auditEntries: number;
  rooms: number;
  problems: string[];
}

type DocsOf = (collection: string) => readonly unknown[];

function groupBy<T>(docs: readonly T[], key: (doc: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const doc of docs) {
    const k = key(doc);
    const list = groups.get(k);
    if (list) list.push(doc);
    else groups.set(k, [doc]);
  }
  return groups;
}

function checkVersions(docs: readonly MemoVersionDoc[], problems: string[]): void {
  for (const version of docs) {
    if (typeof version.content !== 'string' || sha256Hex(version.content) !== version.hash)
      problems.push(`memo version ${version._id}: its content does not match its SHA-256`);
  }
}

function checkAudit(docs: readonly AuditEntryDoc[], problems: string[]): void {
  for (const [groupId, entries] of groupBy(docs, (doc) => doc.groupId)) {
    entries.sort((a, b) => a.seq - b.seq);
    const verification = verifyChain(groupId, entries);
    if (!verification.valid)
      problems.push(
        `audit log of group ${groupId}: the chain breaks at entry ${verification.firstBrokenSeq}`,
      );
  }
}

/** Returns how many rooms were checked. */
function checkRooms(
  updates: readonly CollabUpdateDoc[],
  snapshots: readonly CollabSnapshotDoc[],
  problems: string[],
): number {
  const newest = new Map<string, number>();
  for (const snapshot of snapshots)
    newest.set(snapshot.room, Math.max(newest.get(snapshot.room) ?? 0, snapshot.seq));
  const byRoom = groupBy(updates, (doc) => doc.room);
  const rooms = new Set([...newest.keys(), ...byRoom.keys()]);
  for (const room of rooms) {
    const after = newest.get(room) ?? 0;
    // Entries at or below the snapshot are ones a compaction had not deleted yet: never read.
    const live = (byRoom.get(room) ?? []).filter((doc) => doc.seq > after);
    live.sort((a, b) => a.seq - b.seq);
    if (!followsOn(after, live))
      problems.push(
        `collab room ${room}: its log does not follow on from ${after ? `the snapshot at ${after}` : 'the start'}`,
      );
  }
  return rooms.size;
}

export function validate(docsOf: DocsOf): Validation {
  const problems: string[] = [];
  const versions = docsOf(COLLECTIONS.memoVersions) as MemoVersionDoc[];
  const audit = docsOf(COLLECTIONS.auditLog) as AuditEntryDoc[];
  checkVersions(versions, problems);
  checkAudit([...audit], problems);
  const rooms = checkRooms(
    docsOf(COLLECTIONS.collabUpdates) as CollabUpdateDoc[],
    docsOf(COLLECTIONS.collabSnapshots) as CollabSnapshotDoc[],
    problems,
  );
  return { versions: versions.length, auditEntries: audit.length, rooms, problems };
}
