// A room's write pipeline, one batch at a time: whatever arrived while a batch was being stored
// forms the next batch. Sync requests and carets queue behind the text before them, so that
// nobody is answered with, or shown a caret in, text that is not stored yet.
import type { CollabRoom } from '../../shared/memo/format';
import { COLLAB_CLOSE, COLLAB_CLOSE_REASON } from '../../shared/memo/protocol';
import type { RoomAwareness, AwarenessEntry } from './awareness';
import { CLOSE_INTERNAL_ERROR, type Connection } from './connection';
import type { BatchEffects } from './kinds';
import { syncStep2Message } from './messages';
import { ProtocolError } from './protocolError';
import type { Refusals, RefusingRoom } from './refusals';
import { acknowledge, acknowledgeUnchanged, relayStored } from './relay';
import { RoomSealedError, withRetry } from './roomLog';
import type { RoomDeps } from './roomDeps';
import type { RoomSubject } from './roomSubject';
import { StorageReport } from './storageState';
import { WorkQueue } from './workQueue';
import {
  applyForeign,
  BatchFailure,
  storeBatch,
  type BatchRoom,
  type UpdateWork,
} from './writeBatch';

type Work =
  | ({ kind: 'update' } & UpdateWork)
  | { kind: 'sync'; connection: Connection; stateVector: Uint8Array }
  /** A caret that came while text was being stored: it follows that text (see `caret`). */
  | { kind: 'carets'; connection: Connection; entries: readonly AwarenessEntry[] }
  /** Another instance stored entry `seq` (the entry itself, or null: read it from the store). */
  | { kind: 'foreign'; seq: number; update: Uint8Array | null }
  /** Messages from other instances may have been missed: read what the store holds past ours. */
  | { kind: 'resync' };

const MAX_WAITING_CARETS = 256;
/** Seals a single catch-up may pass (each is an approval, or a reopening after one). */
const MAX_SEALS_PER_CATCH_UP = 100;

/** What the pipeline needs of its room (room.ts). */
export interface PipelineRoom extends BatchRoom, RefusingRoom {
  readonly ref: CollabRoom;
  readonly deps: RoomDeps;
  readonly connections: ReadonlySet<Connection>;
  readonly awareness: RoomAwareness;
  readonly effects: BatchEffects | null;
  readonly refusals: Refusals;
  readonly gone: boolean;
  lastActive: number;
  /** The subject as read for a batch: the room locks or unlocks with it. */
  subjectRead(subject: RoomSubject): void;
  /** The document is stored as it is: newcomers are told its state vector. */
  markStored(): void;
  compact(): Promise<void>;
  drop(closeCode: number, reason?: string): void;
}

/** After a failed read of what other instances stored, try again this much later. */
const RESYNC_RETRY_MS = 1_000;

export class WritePipeline {
  /** Whether stores go through (MESSAGE_STORAGE). */
  readonly storage: StorageReport;
  private readonly work: WorkQueue<Work>;
  /** Carets queued behind text being stored, per connection (see `caret`). */
  private readonly waitingCarets = new Map<Connection, number>();
  /** Updates received and not yet stored or refused (/metrics: the unsaved backlog). */
  private unsaved = 0;

  constructor(private readonly room: PipelineRoom) {
    this.storage = new StorageReport(room.name, room.deps.logger, (frame) => room.broadcast(frame));
    this.work = new WorkQueue(
      (batch) => this.runBatch(batch),
      (error: unknown) => {
        room.deps.logger.error({ err: error, room: room.name }, 'collab write pipeline failed');
        room.drop(CLOSE_INTERNAL_ERROR);
      },
      () => room.gone,
    );
  }

  get busy(): boolean {
    return this.work.busy;
  }

  get unsavedUpdates(): number {
    return this.unsaved;
  }

  update(work: UpdateWork): void {
    this.unsaved += 1;
    this.enqueue({ kind: 'update', ...work });
  }

  /** A sync step 1: answered once the text queued before it is stored. */
  sync(connection: Connection, stateVector: Uint8Array): void {
    this.enqueue({ kind: 'sync', connection, stateVector });
  }

  /**
   * A caret sent after a keystroke must not overtake it: while text waits for the store, carets
   * wait in the same queue and are relayed after the text before them.
   */
  caret(connection: Connection, entries: readonly AwarenessEntry[]): void {
    if (!this.busy) {
      this.room.awareness.apply(connection, connection.identity, entries);
      return;
    }
    const waiting = (this.waitingCarets.get(connection) ?? 0) + 1;
    // An editor sends a caret per keystroke; hundreds while one batch is stored is a flood.
    if (waiting > MAX_WAITING_CARETS)
      throw new ProtocolError('too many carets while text is being stored');
    this.waitingCarets.set(connection, waiting);
    this.enqueue({ kind: 'carets', connection, entries });
  }

  /**
   * Another instance stored entry `seq`. The very next entry is applied and relayed at once, even
   * while a batch of this instance is being stored (it is stored already, and an append that
   * finds its number taken reads on from there); anything else waits for the next batch, which
   * reads any gap from the store.
   */
  foreign(seq: number, update: Uint8Array | null): void {
    const { room } = this;
    if (seq <= room.log.position) return;
    let applied = false;
    if (update) {
      try {
        applied = room.log.acceptNext(seq, update, null, (next) => applyForeign(room, next));
      } catch (error) {
        room.deps.logger.error({ err: error, room: room.name }, 'announced entry failed to apply');
        room.drop(CLOSE_INTERNAL_ERROR);
        return;
      }
    }
    if (!applied) this.enqueue({ kind: 'foreign', seq, update });
    // Between batches the document is exactly what is stored; during one, its end says so.
    else if (!this.busy) room.markStored();
  }

  /** Read whatever other instances stored that this room has not heard of. */
  resync(): void {
    this.enqueue({ kind: 'resync' });
  }

  forget(connection: Connection): void {
    this.waitingCarets.delete(connection);
  }

  /** Drop the work not yet started. */
  clear(): void {
    this.unsaved -= this.work.clear().filter((work) => work.kind === 'update').length;
    this.waitingCarets.clear();
  }

  /** Resolves once no batch is running. */
  settled(): Promise<void> {
    return this.work.settled();
  }

  private enqueue(work: Work): void {
    this.room.lastActive = Date.now();
    this.work.push(work);
  }

  /**
   * The write pipeline, one batch at a time: check the subject is still open, validate and
   * apply each update, store them as one log entry, and only then relay them and acknowledge
   * them with MESSAGE_SAVED; then answer the sync requests and relay the carets that queued up
   * meanwhile.
   */
  private async runBatch(batch: Work[]): Promise<void> {
    // A database that does not answer holds the batch here; the editors hear why nothing is
    // acknowledged meanwhile, and hear again when it answers.
    const stored = this.storage.storing();
    try {
      // Before this batch's own updates: they are stored after what the others stored.
      const fromInstances = batch.filter(
        (work) => work.kind === 'foreign' || work.kind === 'resync',
      );
      if (fromInstances.length > 0) await this.applyFromInstances(fromInstances);
      const updates = batch.filter((work) => work.kind === 'update');
      if (updates.length > 0) await this.writeUpdates(updates);
      if (this.room.gone) return;
      for (const work of batch) {
        if (work.kind === 'sync') this.answerSync(work.connection, work.stateVector);
        else if (work.kind === 'carets') this.applyCarets(work.connection, work.entries);
      }
      if (this.room.log.entriesSinceSnapshot >= this.room.deps.compactEvery)
        await this.room.compact();
      this.storage.set('ok');
      if (!this.room.gone) this.room.markStored();
    } catch (error) {
      this.failBatch(error, batch);
    } finally {
      stored();
      this.unsaved -= batch.filter((work) => work.kind === 'update').length;
      this.room.lastActive = Date.now();
    }
  }

  /**
   * Entries other instances stored: applied in sequence order and relayed to this instance's
   * connections; a gap (a missed message, or an entry sent by reference) is read from the store.
   * A failed read is tried again shortly: the room's own writes do not depend on it (an append
   * that finds its number taken reads the entries before it anyway).
   */
  private async applyFromInstances(works: readonly Work[]): Promise<void> {
    const { room } = this;
    let readStore = works.some((work) => work.kind === 'resync');
    const entries = works
      .flatMap((work) => (work.kind === 'foreign' ? [work] : []))
      .sort((a, b) => a.seq - b.seq);
    for (const { seq, update } of entries) {
      if (readStore || seq <= room.log.position) continue;
      if (!update || !room.log.acceptNext(seq, update, null, (next) => applyForeign(room, next)))
        readStore = true;
    }
    try {
      if (readStore) await this.catchUpPastSeals();
    } catch (error) {
      room.deps.logger.warn(
        { err: error, room: room.name },
        "reading other instances' entries failed",
      );
      const retry = setTimeout(() => {
        if (!room.gone) this.resync();
      }, RESYNC_RETRY_MS);
      retry.unref();
    }
    room.markStored();
  }

  /** Catch up with the store; a seal on the way is an approval: the room takes its subject anew. */
  private async catchUpPastSeals(): Promise<void> {
    const { room } = this;
    for (let seals = 0; ; seals++) {
      try {
        await room.log.catchUp((update) => applyForeign(room, update));
        return;
      } catch (error) {
        if (!(error instanceof RoomSealedError) || seals >= MAX_SEALS_PER_CATCH_UP) throw error;
        const subject = await room.kind.readSubject(room.deps.repos, room.ref);
        if (subject) room.subjectRead(subject);
      }
    }
  }

  private answerSync(connection: Connection, stateVector: Uint8Array): void {
    let answer: Uint8Array;
    try {
      answer = syncStep2Message(this.room.doc, stateVector);
    } catch (error) {
      // A state vector Yjs cannot answer is that client's problem, not the room's.
      connection.failProtocol(error);
      return;
    }
    connection.send(answer);
  }

  private applyCarets(connection: Connection, entries: readonly AwarenessEntry[]): void {
    const waiting = (this.waitingCarets.get(connection) ?? 1) - 1;
    if (waiting > 0) this.waitingCarets.set(connection, waiting);
    else this.waitingCarets.delete(connection);
    // A connection that closed meanwhile has had its carets removed; none may come back.
    if (connection.closed || !this.room.connections.has(connection)) return;
    try {
      this.room.awareness.apply(connection, connection.identity, entries);
    } catch (error) {
      connection.failProtocol(error);
    }
  }

  private async writeUpdates(updates: UpdateWork[]): Promise<void> {
    const { room } = this;
    const { logger } = room.deps;
    // Read once per batch: a meeting approved or a statement released behind our back (even
    // directly in the database) locks the room on the next write.
    // So are the writers' rights: a member demoted or removed a moment ago writes nothing more.
    let subject: RoomSubject | null;
    try {
      [subject] = await Promise.all([
        withRetry(() => room.kind.readSubject(room.deps.repos, room.ref), logger, 'subject read'),
        withRetry(
          () => room.deps.confirmRights(updates.map((work) => work.connection)),
          logger,
          'rights check',
        ),
      ]);
    } catch (error) {
      throw new BatchFailure(error);
    }
    if (!subject) {
      logger.warn({ room: room.name }, 'subject of a live room vanished; closing the room');
      room.drop(COLLAB_CLOSE.unauthorized);
      return;
    }
    room.subjectRead(subject);

    const effects = room.effects;
    effects?.reset();
    const { accepted, senders, storing } = await storeBatch(room, updates, subject);
    if (accepted.length === 0) {
      for (const { connection, index } of storing) connection.handled(index);
      acknowledgeUnchanged(room.doc, senders);
      return;
    }
    if (room.gone) return;
    // Stored: now, and only now, the others may see it.
    relayStored(room.connections, accepted);
    room.markStored();
    for (const { connection, index } of storing) connection.handled(index);
    acknowledge(room.connections, room.doc, senders);
    await effects?.afterStore(subject);
  }

  private failBatch(error: unknown, batch: Work[]): void {
    const { room } = this;
    const failure = error instanceof BatchFailure ? error : new BatchFailure(error);
    if (failure.reason === 'locked') {
      room.deps.logger.info(
        { room: room.name },
        'an approval sealed the room before this batch was stored; refusing it',
      );
    } else {
      if (failure.reason === 'store_failed') room.deps.metrics.storeFailed();
      room.deps.logger.error(
        { err: failure.cause, room: room.name },
        'collab batch failed; dropping the room so that clients resync and resend',
      );
    }
    const senders = batch.filter((work) => work.kind === 'update').map((work) => work.connection);
    room.refusals.failedBatch(failure, senders);
    room.drop(
      CLOSE_INTERNAL_ERROR,
      failure.reason === 'store_failed' ? COLLAB_CLOSE_REASON.storageUnavailable : 'room reset',
    );
  }
}
