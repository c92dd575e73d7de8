// One collab room: the server's Y.Doc of a room of any kind, its connections, and the write
// pipeline that stores every accepted update before anyone else sees it. What differs between
// the kinds (memo, party, statement) is declared by their descriptors in kinds/; this core never
// asks which kind it holds.
import * as Y from 'yjs';
import { roomName, type CollabRoom } from '../../shared/memo/format';
import { COLLAB_CLOSE_REASON } from '../../shared/memo/protocol';
import type { TokenBucket } from '../limits/tokenBucket';
import { roomAccess, sameAccess } from './access';
import { RoomAwareness } from './awareness';
import { ClientOwners } from './clientOwners';
import { CLOSE_INTERNAL_ERROR, type Connection, type MessageHandler } from './connection';
import { InitialSyncs } from './initialSync';
import type { SyncedRoom } from './instanceSync';
import { roomKind, type BatchEffects, type RoomKind } from './kinds';
import {
  accessMessage,
  awarenessMessage,
  savedMessage,
  syncStep1Message,
  type RoomMessage,
} from './messages';
import type { InstanceMessage } from './instanceMessages';
import { WritePipeline, type PipelineRoom } from './pipeline';
import { roomBudget } from './quotas';
import { Refusals } from './refusals';
import type { RoomDeps } from './roomDeps';
import { RoomLink } from './roomLink';
import { RoomLog, withRetry } from './roomLog';
import type { RoomSubject } from './roomSubject';
import type { WriterContext } from './kinds/types';
import { addsNothing } from './validateUpdate';

/**
 * An append takes a few milliseconds; a turn left by a dead instance lapses after `holdMs`, and
 * an instance never waits longer than `waitMs` before it appends anyway.
 */
const APPEND_TURN = { holdMs: 2_000, waitMs: 200 };
/**
 * Turns cost two Redis round trips per append, worth it only while another instance writes to
 * the room too: one that starts writing is heard from with its first entry (it announces every
 * one), and from then on both take turns.
 */
const CONTENDED_FOR_MS = 10_000;

/** Transactions the server makes itself (seeding). */
const SERVER_ORIGIN = Symbol('collab server');

export class Room implements MessageHandler, PipelineRoom, SyncedRoom {
  readonly name: string;
  readonly kind: RoomKind;
  readonly connections = new Set<Connection>();
  /** Settles once the stored state is in the document; nothing is answered before. */
  readonly ready: Promise<void>;
  /** Last time a connection left or work ran; idle rooms are unloaded after a while. */
  lastActive = Date.now();
  readonly log: RoomLog;
  readonly owners: ClientOwners;

  private loaded: { doc: Y.Doc; awareness: RoomAwareness; effects: BatchEffects | null } | null =
    null;
  /**
   * The state vector of the last stored state (encoded). While a batch is being stored the
   * document is ahead of the log, so a newcomer is told this, not the document's own vector.
   */
  private storedVector: Uint8Array | null = null;
  /** Messages per second the room takes from all its connections together. */
  private readonly budget: TokenBucket;
  /** The room's subject as last read; `locked` may be newer (bus events, seals). */
  private lastSubject: RoomSubject;
  /** Writes refused for everyone: an approved memo, a statement in consent or released. */
  private locked: boolean;
  readonly refusals = new Refusals(this);
  private readonly pipeline: WritePipeline;
  private readonly initialSync: InitialSyncs;
  /** The other instances holding this room. */
  private readonly link: RoomLink;
  private dropped = false;

  constructor(
    readonly ref: CollabRoom,
    subject: RoomSubject,
    readonly deps: RoomDeps,
    /** Tells the registry that this room dropped itself after a failure. */
    private readonly onDropped: (room: Room) => void,
  ) {
    this.name = roomName(ref);
    this.kind = roomKind(ref);
    this.lastSubject = subject;
    this.locked = subject.locked;
    this.log = new RoomLog(deps.repos.collabLog, this.name, deps.logger);
    this.owners = new ClientOwners(deps.repos.collabClients, this.name);
    this.budget = roomBudget(deps.quotas);
    this.pipeline = new WritePipeline(this);
    this.link = new RoomLink(deps.pubsub, this.name, deps.logger, (message) =>
      this.fromInstance(message),
    );
    this.initialSync = new InitialSyncs(
      () => this.doc,
      (connection, update, index) => {
        if (!this.gone) this.pipeline.update({ connection, update, index });
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

  get subject(): RoomSubject {
    return this.lastSubject;
  }

  get awareness(): RoomAwareness {
    if (!this.loaded) throw new Error(`room ${this.name} is not loaded`);
    return this.loaded.awareness;
  }

  get effects(): BatchEffects | null {
    return this.loaded?.effects ?? null;
  }

  /** Dropped after a failure or unloaded: nothing more is done here. */
  get gone(): boolean {
    return this.dropped;
  }

  get isBusy(): boolean {
    return this.pipeline.busy;
  }

  /** Updates received and not yet stored or refused. */
  get unsavedUpdates(): number {
    return this.pipeline.unsavedUpdates;
  }

  private async load(subject: RoomSubject): Promise<void> {
    // Listening before reading: whatever another instance stores after the read is heard.
    await this.link.open();
    const doc = await this.log.load(() => this.kind.createDoc());
    // Stored before the document shows it; a locked room takes no writes, the server's neither.
    if (!subject.locked) await this.kind.seed?.(this.log, doc, subject, SERVER_ORIGIN);
    const effects = this.kind.watch?.(doc, this.ref, this.deps) ?? null;
    const awareness = new RoomAwareness(doc, (update, local) => {
      this.broadcast(awarenessMessage(update));
      if (local) this.link.send({ type: 'awareness', update });
    });
    this.loaded = { doc, awareness, effects };
    this.storedVector = Y.encodeStateVector(doc);
    if (this.link.loaded()) this.pipeline.resync();
  }

  /** What another instance holding this room said (only once the room is loaded). */
  private fromInstance(message: InstanceMessage): void {
    if (this.gone || !this.loaded) return;
    try {
      switch (message.type) {
        case 'stored':
          this.pipeline.foreign(message.seq, message.update);
          return;
        case 'awareness':
          this.loaded.awareness.applyFromInstance(message.update);
          return;
        case 'awarenessQuery': {
          const states = this.loaded.awareness.encodeLocal();
          if (states) this.link.send({ type: 'awareness', update: states });
          return;
        }
      }
    } catch (error) {
      this.deps.logger.warn({ err: error, room: this.name }, 'message from an instance ignored');
    }
  }

  heardEntry(seq: number): Uint8Array | undefined {
    return this.link.heard(seq);
  }

  takeAppendTurn(): Promise<() => void> {
    if (!this.link.othersWroteWithin(CONTENDED_FOR_MS)) return Promise.resolve(() => undefined);
    return this.deps.pubsub.takeTurn(`collab:${this.name}`, APPEND_TURN);
  }

  announceStored(entry: { seq: number; update: Uint8Array }): void {
    this.link.send({ type: 'stored', ...entry });
  }

  /**
   * Messages from other instances may have been lost (Redis was down, or is): subscribe again
   * if needed and read what the store holds past this room's position.
   */
  resyncWithInstances(): void {
    if (this.gone || !this.loaded) return;
    void this.link.open().then(() => {
      this.link.takeMissed();
      this.readOtherInstances();
    });
  }

  /** Read what other instances stored past this room's position (nothing may have been heard). */
  readOtherInstances(): void {
    if (!this.gone && this.loaded) this.pipeline.resync();
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
    connection.access = roomAccess(
      this.ref,
      connection.actor,
      this.locked,
      this.writer(connection),
    );
    connection.send(syncStep1Message(doc));
    connection.send(accessMessage(connection.access));
    connection.send(savedMessage(this.storedVector!, connection.handledThrough));
    connection.send(this.pipeline.storage.message());
    const states = awareness.encodeAll();
    if (states) connection.send(awarenessMessage(states));
    this.initialSync.start(connection);
    connection.start(this, this.budget);
  }

  onClose(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.lastActive = Date.now();
    this.initialSync.forget(connection);
    this.pipeline.forget(connection);
    this.loaded?.awareness.release(connection);
  }

  onRightsChanged(connection: Connection): void {
    this.refreshAccess(connection);
  }

  onMessage(connection: Connection, message: RoomMessage): void {
    if (this.gone) return;
    switch (message.type) {
      case 'syncStep1':
        this.pipeline.sync(connection, message.stateVector);
        return;
      case 'update':
        this.receiveUpdate(connection, message.update, message.step2);
        return;
      case 'carets':
        this.pipeline.caret(connection, message.entries);
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

  refuseReadOnly(connection: Connection): void {
    this.refusals.readOnly(connection);
  }

  rejectInvalid(connection: Connection, problem: string): void {
    this.refusals.invalid(connection, problem);
  }

  /**
   * The room was locked (memo approved, statement released) or unlocked (memo reopened): tell
   * every connection whose access changed with it.
   */
  setLocked(locked: boolean): void {
    this.locked = locked;
    for (const connection of this.connections) this.refreshAccess(connection);
  }

  subjectRead(subject: RoomSubject): void {
    this.lastSubject = subject;
    this.setLocked(subject.locked);
  }

  markStored(): void {
    this.storedVector = Y.encodeStateVector(this.doc);
  }

  /** A seal met while storing: locked from now on (the connections hear it on the next read). */
  lock(): void {
    this.locked = true;
  }

  private writer(connection: Connection): WriterContext {
    return { userId: connection.userId, subject: this.lastSubject };
  }

  /**
   * Read the subject again now, outside a batch: attendance or the group's rule on deputies
   * changed (issue 19), so open connections hear their new access at once. A batch reads it
   * again anyway before it stores anything, so a read that loses a race decides nothing.
   */
  async rereadSubject(): Promise<void> {
    if (this.gone) return;
    const subject = await this.kind.readSubject(this.deps.repos, this.ref);
    if (subject && !this.gone) this.subjectRead(subject);
  }

  /** Decide a connection's access again and tell it if it changed. */
  private refreshAccess(connection: Connection): void {
    // Not yet welcomed: welcome() decides and sends the access then.
    if (!connection.started) return;
    const access = roomAccess(this.ref, connection.actor, this.locked, this.writer(connection));
    if (sameAccess(access, connection.access)) return;
    connection.access = access;
    connection.send(accessMessage(access));
  }

  broadcast(frame: Uint8Array): void {
    for (const connection of this.connections) if (connection.started) connection.send(frame);
  }

  /** Send something to connections that have heard nothing for a while (and ping them all). */
  heartbeat(): void {
    if (this.loaded) this.pipeline.storage.heartbeat(this.connections);
  }

  async compact(): Promise<void> {
    if (!this.loaded) return;
    try {
      await withRetry(() => this.log.compact(this.doc), this.deps.logger, 'room compaction');
    } catch (error) {
      // Nothing is lost: the log still holds every entry. The next compaction tries again.
      this.deps.logger.error({ err: error, room: this.name }, 'room compaction failed');
    }
  }

  /** Forget the in-memory room after a failure: clients reconnect and load it from the log. */
  drop(
    closeCode: number,
    reason = closeCode === CLOSE_INTERNAL_ERROR ? 'room reset' : 'closed',
  ): void {
    if (this.gone) return;
    this.dropped = true;
    this.pipeline.clear();
    this.onDropped(this);
    for (const connection of [...this.connections]) connection.close(closeCode, reason);
    this.destroy();
    void this.closeLink();
  }

  /** Idle (or shutting down): finish the work in hand, compact, close everyone, free memory. */
  async unload(closeCode: number): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pipeline.settled();
    if (this.gone) return;
    this.dropped = true;
    await this.compact();
    for (const connection of [...this.connections]) connection.close(closeCode, 'server closing');
    this.destroy();
    await this.closeLink();
  }

  private async closeLink(): Promise<void> {
    await this.link
      .close()
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error, room: this.name }, 'room link close failed'),
      );
  }

  private destroy(): void {
    this.initialSync.clear();
    if (!this.loaded) return;
    this.loaded.awareness.destroy();
    this.loaded.doc.destroy();
  }
}
