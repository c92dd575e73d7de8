// One room's side of the update log: load, append with the next sequence number, compact.
// The log in the database is the source of truth; a room's Y.Doc is a cache of it.
import * as Y from 'yjs';
import type { Logger } from '../logger';
import { followsOn, type CollabLogRepository, type SnapshotSeal } from '../repositories/collabLog';
import { replayRoom } from './roomDoc';

/** Tries per store operation before the room gives up and makes its clients resend. */
export const STORE_ATTEMPTS = 3;
const BACKOFF_MS = 100;
/** Another instance appending to the same room faster than we can catch up is not plausible. */
const MAX_SEQUENCE_RACES = 50;
const MAX_LOAD_ATTEMPTS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run `operation`, retrying with exponential backoff; the last error is thrown, not swallowed. */
export async function withRetry<T>(
  operation: () => Promise<T>,
  logger: Logger,
  what: string,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= STORE_ATTEMPTS) throw error;
      logger.warn({ err: error, attempt }, `${what} failed; retrying`);
      await sleep(BACKOFF_MS * 4 ** (attempt - 1));
    }
  }
}

/**
 * An approval sealed the log at the number this writer wanted: what it holds was not stored and
 * must not be, because the memo is locked from that point on.
 */
export class RoomSealedError extends Error {
  override name = 'RoomSealedError';
  constructor(
    readonly sealedFor: { meetingId: string; version: number },
    /** The seal's number in the log. */
    readonly seq: number,
  ) {
    super(`room sealed for version ${sealedFor.version}`);
  }
}

/** Marks transactions that replay the log, so observers can tell them from people's edits. */
export const LOG_ORIGIN = Symbol('collab log');

/** How often a catch-up reads again when a compaction moved the log under it. */
const MAX_CATCH_UP_READS = 5;

export class RoomLog {
  /** The sequence number of the last entry applied to the room's document. */
  private lastSeq = 0;
  /** Entries stored since the newest snapshot. */
  private sinceSnapshot = 0;
  /** The newest seal at or below lastSeq: a snapshot written by this log must carry it. */
  private lastSeal: SnapshotSeal | null = null;

  constructor(
    private readonly repo: CollabLogRepository,
    readonly room: string,
    private readonly logger: Logger,
  ) {}

  /** The sequence number of the last entry applied to the room's document. */
  get position(): number {
    return this.lastSeq;
  }

  /** Everything stored, in a fresh document made by `createDoc`. */
  async load(createDoc: () => Y.Doc): Promise<Y.Doc> {
    for (let attempt = 1; ; attempt++) {
      const stored = await withRetry(() => this.repo.load(this.room), this.logger, 'room load');
      // One transaction for the whole log: Yjs then merges and cleans up once, not per entry
      // (a room of 100,000 small updates loads in about a third of the time).
      const doc = replayRoom(
        createDoc,
        stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates,
        LOG_ORIGIN,
      );
      // The read interleaved with another instance's compaction (the repository sees a newer
      // snapshot or a gap; structs waiting for missing ones say the same): read again.
      const complete =
        stored.consistent && doc.store.pendingStructs === null && doc.store.pendingDs === null;
      if (complete || attempt >= MAX_LOAD_ATTEMPTS) {
        if (!complete) this.logger.error({ room: this.room }, 'stored room has missing updates');
        this.lastSeq = stored.lastSeq;
        this.sinceSnapshot = stored.updates.length;
        this.lastSeal = stored.seal;
        return doc;
      }
      doc.destroy();
    }
  }

  /**
   * Store `update` as the next entry and return its number. When another instance took that
   * number, its entries are handed to `applyForeign` (so this document catches up) and the next
   * number is tried.
   */
  async append(
    update: Uint8Array,
    applyForeign: (update: Uint8Array) => void,
    /** Entries other instances said they stored (roomLink.ts), by sequence number. */
    heard: (seq: number) => Uint8Array | undefined = () => undefined,
  ): Promise<number> {
    // What was announced while this batch was being validated would only make the first try fail.
    this.takeHeard(heard, applyForeign);
    for (let race = 0; race < MAX_SEQUENCE_RACES; race++) {
      const seq = await this.appendIfNext(update);
      if (seq !== null) return seq;
      // The winner has usually announced its entry by now: then the store need not be read.
      if (!this.takeHeard(heard, applyForeign)) await this.catchUp(applyForeign);
    }
    throw new Error(`lost ${MAX_SEQUENCE_RACES} sequence races in a row`);
  }

  /**
   * Apply the heard entries that follow our position; false when the next one was not heard.
   * A heard entry is exactly what its writer stored under that number (it is announced only
   * after its append and orphan check), so it stands for reading the store; seals are never
   * announced, so one is always read from the store.
   */
  private takeHeard(
    heard: (seq: number) => Uint8Array | undefined,
    applyForeign: (update: Uint8Array) => void,
  ): boolean {
    let took = false;
    for (let next = heard(this.lastSeq + 1); next; next = heard(this.lastSeq + 1)) {
      this.acceptNext(this.lastSeq + 1, next, null, applyForeign);
      took = true;
    }
    return took;
  }

  /** Store `update` under the next number and return it; null when another writer took it first. */
  async appendIfNext(update: Uint8Array): Promise<number | null> {
    const seq = this.lastSeq + 1;
    const stored = await withRetry(
      () => this.repo.append(this.room, seq, update),
      this.logger,
      'update append',
    );
    if (!stored) return null;
    this.lastSeq = seq;
    this.sinceSnapshot += 1;
    return seq;
  }

  /**
   * Take an entry another instance stored and published, when it is the next one: true when it
   * was (its update went to `applyForeign`), false when it is not next (an old one, or a gap to
   * fill with catchUp). A seal throws RoomSealedError, as in catchUp.
   */
  acceptNext(
    seq: number,
    update: Uint8Array,
    sealedFor: { meetingId: string; version: number } | null,
    applyForeign: (update: Uint8Array) => void,
  ): boolean {
    if (seq !== this.lastSeq + 1) return false;
    this.lastSeq = seq;
    this.sinceSnapshot += 1;
    if (sealedFor) {
      this.lastSeal = { seq, sealedFor };
      throw new RoomSealedError(sealedFor, seq);
    }
    applyForeign(update);
    return true;
  }

  /**
   * Apply what others stored after our last entry. A seal among them throws RoomSealedError once
   * the updates before it are applied: the caller's own pending write lost to an approval.
   *
   * Another instance may have compacted entries we never saw: then the newest snapshot's state
   * (a full-state update; Yjs merges it) goes to `applyForeign` first and only the entries above
   * it follow, and a seal the snapshot passed over throws as a seal entry would. The entries are
   * read BEFORE the snapshot: an orphan (an entry a lagging writer inserted below a snapshot,
   * see CollabLogRepository) can only be among them if its snapshot already existed, so the later
   * snapshot read sees it and the orphan is skipped. Read the other way round, an orphan at
   * lastSeq + 1 could pass for the real entry that the snapshot replaced.
   */
  async catchUp(applyForeign: (update: Uint8Array) => void): Promise<void> {
    for (let read = 1; ; read++) {
      const from = this.lastSeq;
      const entries = await withRetry(
        () => this.repo.updatesAfter(this.room, from),
        this.logger,
        'update catch-up',
      );
      const snapshot = await withRetry(
        () => this.repo.newestSnapshot(this.room, from),
        this.logger,
        'snapshot catch-up',
      );
      const base = snapshot?.seq ?? from;
      const above = entries.filter((entry) => entry.seq > base);
      // A gap means a compaction ran between the two reads (or an entry is being removed as an
      // orphan): read again.
      if (!followsOn(base, above)) {
        if (read >= MAX_CATCH_UP_READS)
          throw new Error(`the log of ${this.room} keeps moving under its catch-up`);
        continue;
      }
      // Entries announced by other instances may have been applied while this read was under
      // way (acceptNext, which only ever takes the very next number): what is at or below the
      // position now is in the document already.
      const now = this.lastSeq;
      if (snapshot && snapshot.seq > now) {
        this.lastSeq = snapshot.seq;
        this.sinceSnapshot = 0;
        applyForeign(snapshot.state);
        if (snapshot.seal && snapshot.seal.seq > from) {
          this.lastSeal = snapshot.seal;
          throw new RoomSealedError(snapshot.seal.sealedFor, snapshot.seal.seq);
        }
      }
      for (const entry of above) {
        if (entry.seq <= this.lastSeq) continue;
        this.lastSeq = entry.seq;
        this.sinceSnapshot += 1;
        if (entry.sealedFor) {
          this.lastSeal = { seq: entry.seq, sealedFor: entry.sealedFor };
          throw new RoomSealedError(entry.sealedFor, entry.seq);
        }
        applyForeign(entry.update);
      }
      return;
    }
  }

  /**
   * Seal the log after everything stored so far: catch up (handing new updates to
   * `applyForeign`), then take the next number. Returns the seal's number.
   */
  async seal(
    sealedFor: { meetingId: string; version: number },
    applyForeign: (update: Uint8Array) => void,
  ): Promise<number> {
    for (let race = 0; race < MAX_SEQUENCE_RACES; race++) {
      const seq = this.lastSeq + 1;
      const sealed = await withRetry(
        () => this.repo.seal(this.room, seq, sealedFor),
        this.logger,
        'log seal',
      );
      if (sealed) {
        this.lastSeq = seq;
        this.sinceSnapshot += 1;
        this.lastSeal = { seq, sealedFor };
        return seq;
      }
      try {
        await this.catchUp(applyForeign);
      } catch (error) {
        // An earlier seal for the same version (a retried approval) is as good as ours.
        if (
          error instanceof RoomSealedError &&
          error.sealedFor.meetingId === sealedFor.meetingId &&
          error.sealedFor.version === sealedFor.version
        )
          return error.seq;
        if (!(error instanceof RoomSealedError)) throw error;
      }
    }
    throw new Error(`lost ${MAX_SEQUENCE_RACES} sequence races in a row while sealing`);
  }

  get entriesSinceSnapshot(): number {
    return this.sinceSnapshot;
  }

  /**
   * Replace the log so far by a snapshot of `doc`, which must hold exactly what is stored up to
   * our position. On an instance that lags behind another's compaction this writes an older
   * snapshot that nobody reads and deletes nothing newer: its document holds every entry up to
   * its own position, and snapshots only ever give way to newer ones.
   */
  async compact(doc: Y.Doc): Promise<void> {
    if (this.sinceSnapshot === 0) return;
    const seq = this.lastSeq;
    await this.repo.compact(this.room, seq, Y.encodeStateAsUpdate(doc), this.lastSeal);
    if (this.lastSeq === seq) this.sinceSnapshot = 0;
  }
}
