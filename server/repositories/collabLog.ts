import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type CollabSnapshotDoc, type CollabUpdateDoc } from '../db/schema';

export interface StoredRoom {
  /** The newest snapshot's state, or null when the room was never compacted. */
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, in order. */
  updates: Uint8Array[];
  /** The sequence number of the last stored entry (0 for an empty room). */
  lastSeq: number;
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
    return insertIfAbsent(this.updates, {
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
    return insertIfAbsent(this.updates, {
      _id: entryId(room, seq),
      room,
      seq,
      update: '',
      sealedFor,
      at: new Date(),
    });
  }

  /** Everything stored for the room: the newest snapshot and the updates after it (no seals). */
  async load(room: string): Promise<StoredRoom> {
    const [latest] = await this.snapshots.find({ room }, { sort: { seq: -1 }, limit: 1 });
    const after = latest?.seq ?? 0;
    const entries = await this.updatesAfter(room, after);
    return {
      snapshot: latest ? decode(latest.state) : null,
      updates: entries.flatMap((entry) => (entry.sealedFor ? [] : [entry.update])),
      lastSeq: entries.at(-1)?.seq ?? after,
    };
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
  async compact(room: string, seq: number, state: Uint8Array): Promise<void> {
    await insertIfAbsent(this.snapshots, {
      _id: entryId(room, seq),
      room,
      seq,
      state: encode(state),
      at: new Date(),
    });
    await this.updates.deleteMany({ room, seq: { $lte: seq } });
    await this.snapshots.deleteMany({ room, seq: { $lt: seq } });
  }
}
