// One collab room: the server's Y.Doc of a room of any kind, its connections, and the write
// pipeline that stores every accepted update before anyone else sees it. What differs between
// the kinds (memo, party, statement) is declared by their descriptors in kinds/; this core never
// asks which kind it holds.
import * as Y from 'yjs';
import { roomName, type CollabRoom } from '../../shared/memo/format';
import { COLLAB_CLOSE, COLLAB_CLOSE_REASON } from '../../shared/memo/protocol';
import type { TokenBucket } from '../limits/tokenBucket';
import { roomAccess, sameAccess } from './access';
import { RoomAwareness, type AwarenessEntry } from './awareness';
import { ClientOwners } from './clientOwners';
import { CLOSE_INTERNAL_ERROR, type Connection, type MessageHandler } from './connection';
import { InitialSyncs } from './initialSync';
import { roomKind, type BatchEffects, type RoomKind } from './kinds';
import {
  accessMessage,
  awarenessMessage,
  savedMessage,
  syncStep1Message,
  syncStep2Message,
  type RoomMessage,
} from './messages';
import { ProtocolError } from './protocolError';
import { roomBudget } from './quotas';
import { Refusals } from './refusals';
import { acknowledge, acknowledgeUnchanged, relayStored } from './relay';
import type { RoomDeps } from './roomDeps';
import { RoomLog, withRetry } from './roomLog';
import type { RoomSubject } from './roomSubject';
import { BatchFailure, storeBatch, type BatchRoom, type UpdateWork } from './writeBatch';
import { addsNothing } from './validateUpdate';
import { StorageReport } from './storageState';
import { WorkQueue } from './workQueue';

export type { RoomDeps } from './roomDeps';

type Work =
  | ({ kind: 'update' } & UpdateWork)
  | { kind: 'sync'; connection: Connection; stateVector: Uint8Array }
  /** A caret that came while text was being stored: it follows that text (see onMessage). */
  | { kind: 'carets'; connection: Connection; entries: readonly AwarenessEntry[] };

const MAX_WAITING_CARETS = 256;
/** Transactions the server makes itself (seeding). */
const SERVER_ORIGIN = Symbol('collab server');

export class Room implements MessageHandler, BatchRoom {
  readonly name: string;
  readonly kind: RoomKind;
  readonly connections = new Set<Connection>();
  /** Settles once the stored state is in the document; nothing is answered before. */
  readonly ready: Promise<void>;
  /** Last time a connection left or work ran; idle rooms are unloaded after a while. */
  lastActive = Date.now();
  /** summarize() keeps rooms it read loaded until then. */
  heldUntil = 0;
  readonly log: RoomLog;
  readonly owners: ClientOwners;

  private loaded: { doc: Y.Doc; awareness: RoomAwareness; effects: BatchEffects | null } | null =
    null;
  /**
   * The state vector of the last stored state (encoded). While a batch is being stored the
   * document is ahead of the log, so a newcomer is told this, not the document's own vector.
   */
  private storedVector: Uint8Array | null = null;
  /** Whether stores go through (MESSAGE_STORAGE). */
  private readonly storage: StorageReport;
  /** Messages per second the room takes from all its connections together. */
  private readonly budget: TokenBucket;
  /** The room's subject as last read; `locked` may be newer (bus events, seals). */
  subject: RoomSubject;
  /** Writes refused for everyone: an approved memo, a statement in consent or released. */
  private locked: boolean;
  private readonly refusals = new Refusals(this);
  private readonly work: WorkQueue<Work>;
  private readonly initialSync: InitialSyncs;
  /** Carets queued behind text being stored, per connection (see deferCaret). */
  private readonly waitingCarets = new Map<Connection, number>();
  private gone = false;

  constructor(
    readonly ref: CollabRoom,
    subject: RoomSubject,
    readonly deps: RoomDeps,
    /** Tells the registry that this room dropped itself after a failure. */
    private readonly onDropped: (room: Room) => void,
  ) {
    this.name = roomName(ref);
    this.kind = roomKind(ref);
    this.subject = subject;
    this.locked = subject.locked;
    this.log = new RoomLog(deps.repos.collabLog, this.name, deps.logger);
    this.owners = new ClientOwners(deps.repos.collabClients, this.name);
    this.budget = roomBudget(deps.quotas);
    this.storage = new StorageReport(this.name, deps.logger, (frame) => this.broadcast(frame));
    this.work = new WorkQueue(
      (batch) => this.runBatch(batch),
      (error: unknown) => {
        this.deps.logger.error({ err: error, room: this.name }, 'collab write pipeline failed');
        this.drop(CLOSE_INTERNAL_ERROR);
      },
      () => this.gone,
    );
    this.initialSync = new InitialSyncs(
      () => this.doc,
      (connection, update, index) => {
        if (!this.gone) this.enqueue({ kind: 'update', connection, update, index });
      },
    );
    this.ready = this.load(subject);
    this.ready.catch((error: unknown) => {
      this.deps.logger.error({ err: error, room: this.name }, 'collab room failed to load');
      // Out of the registry, so that the next connection tries a fresh load.
      this.drop(CLOSE_INTERNAL_ERROR, COLLAB_CLOSE_REASON.storageUnavailable);
    });
  }

  /** The meeting whose Socket.io room hears about this room; null for a statement room. */
  get meetingId(): string | null {
    return this.kind.meetingOf(this.ref);
  }

  /** The room's document; only valid once `ready` has settled successfully. */
  get doc(): Y.Doc {
    if (!this.loaded) throw new Error(`room ${this.name} is not loaded`);
    return this.loaded.doc;
  }

  get isBusy(): boolean {
    return this.work.busy;
  }

  private async load(subject: RoomSubject): Promise<void> {
    const doc = await this.log.load(() => this.kind.createDoc());
    // Stored before the document shows it; a locked room takes no writes, the server's neither.
    if (!subject.locked) await this.kind.seed?.(this.log, doc, subject, SERVER_ORIGIN);
    const effects = this.kind.watch?.(doc, this.ref, this.deps) ?? null;
    const awareness = new RoomAwareness(doc, (update) => this.broadcast(awarenessMessage(update)));
    this.loaded = { doc, awareness, effects };
    this.storedVector = Y.encodeStateVector(doc);
  }

  /** Add a connection; once the room is loaded it gets the room's state and its access. */
  join(connection: Connection): void {
    if (this.gone) {
      // Dropped between lookup and join: the client reconnects into a fresh room.
      connection.close(CLOSE_INTERNAL_ERROR, 'room reset');
      return;
    }
    this.connections.add(connection);
    this.lastActive = Date.now();
    // A failed load closes the connection through drop() (see the constructor).
    this.ready.then(
      () => {
        try {
          this.welcome(connection);
        } catch (error) {
          this.deps.logger.error({ err: error, room: this.name }, 'collab welcome failed');
          connection.close(CLOSE_INTERNAL_ERROR, 'room unavailable');
        }
      },
      () => undefined,
    );
  }

  /**
   * What a connection hears first, in this order: sync step 1 (the server's state vector),
   * MESSAGE_ACCESS, MESSAGE_SAVED (what is stored), MESSAGE_STORAGE, then the awareness states.
   */
  private welcome(connection: Connection): void {
    if (this.gone || connection.closed) {
      this.onClose(connection);
      connection.close(CLOSE_INTERNAL_ERROR, 'room reset');
      return;
    }
    const { doc, awareness } = this.loaded!;
    // The connection's access was decided from a fresher read of the subject than the room's.
    if (connection.access.reason === 'locked') this.setLocked(true);
    connection.access = roomAccess(this.ref, connection.actor, this.locked);
    connection.send(syncStep1Message(doc));
    connection.send(accessMessage(connection.access));
    connection.send(savedMessage(this.storedVector!, connection.handledThrough));
    connection.send(this.storage.message());
    const states = awareness.encodeAll();
    if (states) connection.send(awarenessMessage(states));
    this.initialSync.start(connection);
    connection.start(this, this.budget);
  }

  onClose(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.lastActive = Date.now();
    this.initialSync.forget(connection);
    this.waitingCarets.delete(connection);
    this.loaded?.awareness.release(connection);
  }

  onRightsChanged(connection: Connection): void {
    this.refreshAccess(connection);
  }

  onMessage(connection: Connection, message: RoomMessage): void {
    if (this.gone) return;
    switch (message.type) {
      case 'syncStep1':
        this.enqueue({ kind: 'sync', connection, stateVector: message.stateVector });
        return;
      case 'update':
        this.receiveUpdate(connection, message.update, message.step2);
        return;
      case 'carets':
        // A caret sent after a keystroke must not overtake it: while text waits for the store,
        // carets wait in the same queue and are relayed after the text before them.
        if (this.isBusy) this.deferCaret(connection, message.entries);
        else this.loaded!.awareness.apply(connection, connection.identity, message.entries);
        return;
      case 'queryAwareness': {
        const states = this.loaded!.awareness.encodeAll();
        if (states) connection.send(awarenessMessage(states));
        return;
      }
    }
  }

  /**
   * Read-only connections are refused at once (unless the update brings nothing new, as a
   * provider's first sync answer often does). Writers' updates go to the write pipeline, once
   * their first sync answer is in (see initialSync.ts).
   */
  private receiveUpdate(connection: Connection, update: Uint8Array, step2: boolean): void {
    const index = connection.receivedUpdate();
    if (connection.access.mode === 'write') {
      this.initialSync.receive(connection, update, index, step2);
      return;
    }
    connection.handled(index);
    let nothingNew: boolean;
    try {
      nothingNew = addsNothing(this.doc, update);
    } catch {
      this.rejectInvalid(connection, 'undecodable');
      return;
    }
    if (!nothingNew) this.refuseReadOnly(connection);
  }

  private enqueue(work: Work): void {
    this.lastActive = Date.now();
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
      const updates = batch.filter((work) => work.kind === 'update');
      if (updates.length > 0) await this.writeUpdates(updates);
      if (this.gone) return;
      for (const work of batch) {
        if (work.kind === 'sync') this.answerSync(work.connection, work.stateVector);
        else if (work.kind === 'carets') this.applyCarets(work.connection, work.entries);
      }
      if (this.log.entriesSinceSnapshot >= this.deps.compactEvery) await this.compact();
      this.storage.set('ok');
    } catch (error) {
      this.failBatch(error, batch);
    } finally {
      stored();
      this.lastActive = Date.now();
    }
  }

  private answerSync(connection: Connection, stateVector: Uint8Array): void {
    let answer: Uint8Array;
    try {
      answer = syncStep2Message(this.doc, stateVector);
    } catch (error) {
      // A state vector Yjs cannot answer is that client's problem, not the room's.
      connection.failProtocol(error);
      return;
    }
    connection.send(answer);
  }

  private deferCaret(connection: Connection, entries: readonly AwarenessEntry[]): void {
    const waiting = (this.waitingCarets.get(connection) ?? 0) + 1;
    // An editor sends a caret per keystroke; hundreds while one batch is stored is a flood.
    if (waiting > MAX_WAITING_CARETS)
      throw new ProtocolError('too many carets while text is being stored');
    this.waitingCarets.set(connection, waiting);
    this.enqueue({ kind: 'carets', connection, entries });
  }

  private applyCarets(connection: Connection, entries: readonly AwarenessEntry[]): void {
    const waiting = (this.waitingCarets.get(connection) ?? 1) - 1;
    if (waiting > 0) this.waitingCarets.set(connection, waiting);
    else this.waitingCarets.delete(connection);
    // A connection that closed meanwhile has had its carets removed; none may come back.
    if (connection.closed || !this.connections.has(connection)) return;
    try {
      this.loaded!.awareness.apply(connection, connection.identity, entries);
    } catch (error) {
      connection.failProtocol(error);
    }
  }

  private async writeUpdates(updates: UpdateWork[]): Promise<void> {
    const { logger } = this.deps;
    // Read once per batch: a meeting approved or a statement released behind our back (even
    // directly in the database) locks the room on the next write.
    // So are the writers' rights: a member demoted or removed a moment ago writes nothing more.
    let subject: RoomSubject | null;
    try {
      [subject] = await Promise.all([
        withRetry(() => this.kind.readSubject(this.deps.repos, this.ref), logger, 'subject read'),
        withRetry(
          () => this.deps.confirmRights(updates.map((work) => work.connection)),
          logger,
          'rights check',
        ),
      ]);
    } catch (error) {
      throw new BatchFailure(error);
    }
    if (!subject) {
      logger.warn({ room: this.name }, 'subject of a live room vanished; closing the room');
      this.drop(COLLAB_CLOSE.unauthorized);
      return;
    }
    this.subject = subject;
    this.setLocked(subject.locked);

    const effects = this.loaded!.effects;
    effects?.reset();
    const { accepted, senders, storing } = await storeBatch(this, updates, subject);
    if (accepted.length === 0) {
      for (const { connection, index } of storing) connection.handled(index);
      acknowledgeUnchanged(this.doc, senders);
      return;
    }
    if (this.gone) return;
    // Stored: now, and only now, the others may see it.
    relayStored(this.connections, accepted);
    this.storedVector = Y.encodeStateVector(this.doc);
    for (const { connection, index } of storing) connection.handled(index);
    acknowledge(this.connections, this.doc, senders);
    await effects?.afterStore(subject);
  }

  refuseReadOnly(connection: Connection): void {
    this.refusals.readOnly(connection);
  }

  rejectInvalid(connection: Connection, problem: string): void {
    this.refusals.invalid(connection, problem);
  }

  private failBatch(error: unknown, batch: Work[]): void {
    const failure = error instanceof BatchFailure ? error : new BatchFailure(error);
    if (failure.reason === 'locked') {
      this.deps.logger.info(
        { room: this.name },
        'an approval sealed the room before this batch was stored; refusing it',
      );
    } else {
      this.deps.logger.error(
        { err: failure.cause, room: this.name },
        'collab batch failed; dropping the room so that clients resync and resend',
      );
    }
    const senders = batch.filter((work) => work.kind === 'update').map((work) => work.connection);
    this.refusals.failedBatch(failure, senders);
    this.drop(
      CLOSE_INTERNAL_ERROR,
      failure.reason === 'store_failed' ? COLLAB_CLOSE_REASON.storageUnavailable : 'room reset',
    );
  }

  /**
   * The room was locked (memo approved, statement released) or unlocked (memo reopened): tell
   * every connection whose access changed with it.
   */
  setLocked(locked: boolean): void {
    this.locked = locked;
    for (const connection of this.connections) this.refreshAccess(connection);
  }

  /** A seal met while storing: locked from now on (the connections hear it on the next read). */
  lock(): void {
    this.locked = true;
  }

  /** Decide a connection's access again and tell it if it changed. */
  private refreshAccess(connection: Connection): void {
    // Not yet welcomed: welcome() decides and sends the access then.
    if (!connection.started) return;
    const access = roomAccess(this.ref, connection.actor, this.locked);
    if (sameAccess(access, connection.access)) return;
    connection.access = access;
    connection.send(accessMessage(access));
  }

  broadcast(frame: Uint8Array): void {
    for (const connection of this.connections) if (connection.started) connection.send(frame);
  }

  /** Send something to connections that have heard nothing for a while (and ping them all). */
  heartbeat(): void {
    if (this.loaded) this.storage.heartbeat(this.connections);
  }

  private async compact(): Promise<void> {
    if (!this.loaded) return;
    try {
      await withRetry(() => this.log.compact(this.doc), this.deps.logger, 'room compaction');
    } catch (error) {
      // Nothing is lost: the log still holds every entry. The next compaction tries again.
      this.deps.logger.error({ err: error, room: this.name }, 'room compaction failed');
    }
  }

  /** Forget the in-memory room after a failure: clients reconnect and load it from the log. */
  private drop(
    closeCode: number,
    reason = closeCode === CLOSE_INTERNAL_ERROR ? 'room reset' : 'closed',
  ): void {
    if (this.gone) return;
    this.gone = true;
    this.work.clear();
    this.waitingCarets.clear();
    this.onDropped(this);
    for (const connection of [...this.connections]) connection.close(closeCode, reason);
    this.destroy();
  }

  /** Idle (or shutting down): finish the work in hand, compact, close everyone, free memory. */
  async unload(closeCode: number): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.work.settled();
    if (this.gone) return;
    this.gone = true;
    await this.compact();
    for (const connection of [...this.connections]) connection.close(closeCode, 'server closing');
    this.destroy();
  }

  private destroy(): void {
    this.initialSync.clear();
    if (!this.loaded) return;
    this.loaded.awareness.destroy();
    this.loaded.doc.destroy();
  }
}
