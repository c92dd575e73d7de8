// One room's side of the update log: load, append with the next sequence number, compact.
// The log in the database is the source of truth; a room's Y.Doc is a cache of it.
import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { CollabLogRepository } from '../repositories/collabLog';
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
  constructor(readonly sealedFor: { meetingId: string; version: number }) {
    super(`room sealed for version ${sealedFor.version}`);
  }
}

/** Marks transactions that replay the log, so observers can tell them from people's edits. */
export const LOG_ORIGIN = Symbol('collab log');

export class RoomLog {
  /** The sequence number of the last entry applied to the room's document. */
  private lastSeq = 0;
  /** Entries stored since the newest snapshot. */
  private sinceSnapshot = 0;

  constructor(
    private readonly repo: CollabLogRepository,
    readonly room: string,
    private readonly logger: Logger,
  ) {}

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
      // Structs waiting for missing ones mean the read interleaved with another instance's
      // compaction (snapshot read before it, updates after): read again.
      const complete = doc.store.pendingStructs === null && doc.store.pendingDs === null;
      if (complete || attempt >= MAX_LOAD_ATTEMPTS) {
        if (!complete) this.logger.error({ room: this.room }, 'stored room has missing updates');
        this.lastSeq = stored.lastSeq;
        this.sinceSnapshot = stored.updates.length;
        return doc;
      }
      doc.destroy();
    }
  }

  /**
   * Store `update` as the next entry. When another instance took that number, its entries are
   * handed to `applyForeign` (so this document catches up) and the next number is tried.
   */
  async append(update: Uint8Array, applyForeign: (update: Uint8Array) => void): Promise<void> {
    for (let race = 0; race < MAX_SEQUENCE_RACES; race++) {
      if (await this.appendIfNext(update)) return;
      await this.catchUp(applyForeign);
    }
    throw new Error(`lost ${MAX_SEQUENCE_RACES} sequence races in a row`);
  }

  /** Store `update` under the next number; false when another instance took it first. */
  async appendIfNext(update: Uint8Array): Promise<boolean> {
    const seq = this.lastSeq + 1;
    const stored = await withRetry(
      () => this.repo.append(this.room, seq, update),
      this.logger,
      'update append',
    );
    if (stored) {
      this.lastSeq = seq;
      this.sinceSnapshot += 1;
    }
    return stored;
  }

  /**
   * Apply what others stored after our last entry. A seal among them throws RoomSealedError once
   * the updates before it are applied: the caller's own pending write lost to an approval.
   */
  async catchUp(applyForeign: (update: Uint8Array) => void): Promise<void> {
    const entries = await withRetry(
      () => this.repo.updatesAfter(this.room, this.lastSeq),
      this.logger,
      'update catch-up',
    );
    for (const entry of entries) {
      this.lastSeq = entry.seq;
      this.sinceSnapshot += 1;
      if (entry.sealedFor) throw new RoomSealedError(entry.sealedFor);
      applyForeign(entry.update);
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
          return this.lastSeq;
        if (!(error instanceof RoomSealedError)) throw error;
      }
    }
    throw new Error(`lost ${MAX_SEQUENCE_RACES} sequence races in a row while sealing`);
  }

  /** The sequence number of the last entry in the document. */
  get position(): number {
    return this.lastSeq;
  }

  /**
   * Another instance stored `update` as entry `seq` and said so: apply it when it is the very
   * next entry (false otherwise: the caller reads the gap from the store). It does not count
   * towards compaction, which is the writing instance's job.
   */
  acceptNext(seq: number, update: Uint8Array, apply: (update: Uint8Array) => void): boolean {
    if (seq !== this.lastSeq + 1) return false;
    apply(update);
    this.lastSeq = seq;
    return true;
  }

  get entriesSinceSnapshot(): number {
    return this.sinceSnapshot;
  }

  /** Replace the log so far by a snapshot of `doc`, which must hold exactly what is stored. */
  async compact(doc: Y.Doc): Promise<void> {
    if (this.sinceSnapshot === 0) return;
    const seq = this.lastSeq;
    await this.repo.compact(this.room, seq, Y.encodeStateAsUpdate(doc));
    if (this.lastSeq === seq) this.sinceSnapshot = 0;
  }
}
