import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import {
  COLLECTIONS,
  type CollabSnapshotDoc,
  type CollabUpdateDoc,
  type SnapshotSeal,
} from '../db/schema';

export type { SnapshotSeal };

export interface StoredRoom {
  /** The newest snapshot's state, or null when the room was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, in order. */
  updates: Uint8Array[];
  /** The sequence number of the last stored entry (0 for an empty room). */
  lastSeq: number;
  /** The newest seal at or below `lastSeq` (from the snapshot or the entries after it). */
  seal: SnapshotSeal | null;
  /**
   * False when the read interleaved with a compaction (a newer snapshot appeared, or the entries
   * after the snapshot do not follow on from it): what was read may miss stored updates.
   */
  consistent: boolean;
}

/** A snapshot: the room's state covering exactly the entries up to and including `seq`. */
export interface Snapshot {
  seq: number;
  state: Uint8Array;
  seal: SnapshotSeal | null;
}

/** One entry of a room's log: an update, or a seal (whose update is empty). */
export interface LogEntry {
  seq: number;
  update: Uint8Array;
  sealedFor: { meetingId: string; version: number } | null;
}

const SEQ_DIGITS = 12;
const entryId = (room: string, seq: number) => `${room}#${String(seq).padStart(SEQ_DIGITS, '0')}`;
const encode = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const decode = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * The collab rooms' durable state: an append-only, totally ordered update log per room plus
 * snapshots that compact it. Appends are unique-key inserts, so two writers can never both
 * take the same sequence number (no transactions needed, on MongoDB or FerretDB).
 */
export class CollabLogRepository {
  private readonly updates: DocCollection<CollabUpdateDoc>;
  private readonly snapshots: DocCollection<CollabSnapshotDoc>;
  constructor(db: Database) {
    this.updates = db.collection<CollabUpdateDoc>(COLLECTIONS.collabUpdates);
    this.snapshots = db.collection<CollabSnapshotDoc>(COLLECTIONS.collabSnapshots);
  }

  /** Store `update` as entry `seq`; false when that number is already taken (by another writer). */
  append(room: string, seq: number, update: Uint8Array): Promise<boolean> {
    return this.insertEntry({
      _id: entryId(room, seq),
      room,
      seq,
      update: encode(update),
      at: new Date(),
    });
  }

  /**
   * Store a seal as entry `seq`: the position an approval froze. False when that number is taken
   * (a writer got there first; the approval reads on and tries the next number).
   */
  seal(room: string, seq: number, sealedFor: { meetingId: string; version: number }) {
    return this.insertEntry({
      _id: entryId(room, seq),
      room,
      seq,
      update: '',
      sealedFor,
      at: new Date(),
    });
  }

  /**
   * The unique-key insert of an entry, plus the orphan check. A writer that lags behind another
   * instance's compaction asks for a number the compaction already deleted; the insert then
   * succeeds below the newest snapshot, where no load reads it.
   * So after inserting entry N, look for a snapshot at N or above: if there is one, the entry is
   * an orphan: remove it and report the number as taken, so the writer catches up (jumping to the
   * snapshot) and tries the right number. Race-free because a compaction writes its snapshot
   * before it deletes anything and snapshots only give way to newer ones: if N was free because
   * it had been deleted, a snapshot >= N existed before our insert and this read sees it. If N was
   * free because nobody had taken it, a snapshot >= N can only come from a writer that applied
   * our entry N, so at worst we remove an entry a snapshot already holds and the writer appends
   * the same update again (Yjs updates are idempotent). On both engines: the embedded one has a
   * single process, but in it a stored-memo read's own RoomLog can lag behind the live room's.
   */
  private async insertEntry(entry: CollabUpdateDoc): Promise<boolean> {
    if (!(await insertIfAbsent(this.updates, entry))) return false;
    const covering = await this.snapshots.countDocuments({
      room: entry.room,
      seq: { $gte: entry.seq },
    });
    if (covering === 0) return true;
    // Best effort: an orphan left behind is never read (loads and catch-ups start above the
    // snapshot) and the next compaction deletes it.
    await this.updates.deleteOne({ _id: entry._id }).catch(() => 0);
    return false;
  }

  /**
   * Everything stored for the room: the newest snapshot and the updates after it (no seals).
   * The snapshot is read first and checked again after the entries: a compaction in between
   * makes the read inconsistent (the caller reads again).
   */
  async load(room: string): Promise<StoredRoom> {
    const latest = await this.newestSnapshot(room, 0);
    const after = latest?.seq ?? 0;
    const entries = await this.updatesAfter(room, after);
    const newer = await this.snapshots.countDocuments({ room, seq: { $gt: after } });
    let seal = latest?.seal ?? null;
    for (const { seq, sealedFor } of entries) if (sealedFor) seal = { seq, sealedFor };
    return {
      snapshot: latest?.state ?? null,
      updates: entries.flatMap((entry) => (entry.sealedFor ? [] : [entry.update])),
      lastSeq: entries.at(-1)?.seq ?? after,
      seal,
      consistent: newer === 0 && followsOn(after, entries),
    };
  }

  /** The newest snapshot if it covers more than `seq`, else null. */
  async newestSnapshot(room: string, seq: number): Promise<Snapshot | null> {
    const [latest] = await this.snapshots.find(
      { room, seq: { $gt: seq } },
      { sort: { seq: -1 }, limit: 1 },
    );
    if (!latest) return null;
    return { seq: latest.seq, state: decode(latest.state), seal: latest.seal ?? null };
  }

  /** Entries stored after `seq`, in order (another writer's, when an append lost a race). */
  async updatesAfter(room: string, seq: number): Promise<LogEntry[]> {
    const docs = await this.updates.find({ room, seq: { $gt: seq } }, { sort: { seq: 1 } });
    return docs.map((doc) => ({
      seq: doc.seq,
      update: decode(doc.update),
      sealedFor: doc.sealedFor ?? null,
    }));
  }

  /**
   * Replace the log up to `seq` by one snapshot. The snapshot is written before anything is
   * deleted, so a crash in between leaves a room that still loads to the same state.
   */
  async compact(
    room: string,
    seq: number,
    state: Uint8Array,
    seal: SnapshotSeal | null = null,
  ): Promise<void> {
    await insertIfAbsent(this.snapshots, {
      _id: entryId(room, seq),
      room,
      seq,
      state: encode(state),
      seal,
      at: new Date(),
    });
    await this.updates.deleteMany({ room, seq: { $lte: seq } });
    await this.snapshots.deleteMany({ room, seq: { $lt: seq } });
  }
}

/** Whether `entries` are exactly the numbers `after + 1`, `after + 2`, … with no gap. */
export function followsOn(after: number, entries: readonly { seq: number }[]): boolean {
  return entries.every((entry, index) => entry.seq === after + 1 + index);
}
