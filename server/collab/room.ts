// One collab room: the server's Y.Doc of a memo, party or statement room, its connections, and
// the write pipeline that stores every accepted update before anyone else sees it.
import * as Y from 'yjs';
import { isLowering } from '../../shared/confidentiality';
import { roomName, type CollabRoom } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { DISSENTS_MAP, STANCES_MAP } from '../../shared/memo/partyDoc';
import {
  COLLAB_CLOSE,
  COLLAB_CLOSE_REASON,
  type RejectReason,
  type StorageState,
} from '../../shared/memo/protocol';
import { statementFragment } from '../../shared/statements/format';
import type { AuditRecorder } from '../audit/auditLog';
import type { MeetingDoc } from '../db/schema';
import type { TokenBucket } from '../limits/tokenBucket';
import type { Logger } from '../logger';
import type { MeetingEventBus } from '../realtime/bus';
import type { Repositories } from '../repositories';
import { rejectReasonFor, roomAccess, sameAccess } from './access';
import { RoomAwareness, type AwarenessEntry } from './awareness';
import { watchConfidentiality, type DetectedChange } from './confidentialityWatch';
import { ClientOwners } from './clientOwners';
import { CLOSE_INTERNAL_ERROR, Connection, type MessageHandler } from './connection';
import {
  accessMessage,
  awarenessMessage,
  permissionDeniedMessage,
  savedMessage,
  savedMessageFor,
  storageMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
  type RoomMessage,
} from './messages';
import { ProtocolError } from './protocolError';
import { LOG_ORIGIN, RoomLog, RoomSealedError, withRetry } from './roomLog';
import { roomBudget, type CollabQuotaConfig } from './quotas';
import { applyRoomUpdate, createRoomDoc } from './roomDoc';
import { readRoomSubject, type RoomSubject } from './roomSubject';
import { seedAgenda } from './seedAgenda';
import { watchStances, type DetectedStanceChange } from './stanceWatch';
import { addsNothing, validateUpdate, type RoomSchema } from './validateUpdate';

export interface RoomDeps {
  repos: Pick<
    Repositories,
    'collabLog' | 'collabClients' | 'meetings' | 'consent' | 'confidentialityChanges'
  >;
  events: MeetingEventBus;
  /**
   * Lowered confidentiality levels and stance changes go to the group's audit log, and so do
   * refused writes to a statement (an attempt to change words under consent, or to smuggle
   * consent into the document).
   */
  audit: AuditRecorder;
  /**
   * Re-decide these writers' rights from their memberships as stored now (closing those who are
   * no longer negotiators); called before every batch is stored.
   */
  confirmRights: (connections: Iterable<Connection>) => Promise<void>;
  logger: Logger;
  /** Compact the log into a snapshot after this many stored entries. */
  compactEvery: number;
  quotas: CollabQuotaConfig;
}

type Work =
  /** `index`: the connection's number for the message (see Connection.handledThrough). */
  | { kind: 'update'; connection: Connection; update: Uint8Array; index: number }
  | { kind: 'sync'; connection: Connection; stateVector: Uint8Array }
  /** A caret that came while text was being stored: it follows that text (see onMessage). */
  | { kind: 'carets'; connection: Connection; entries: readonly AwarenessEntry[] };

/** Per connection: its first sync answer may still be on the way (see `receiveUpdate`). */
interface InitialSync {
  awaitingStep2: boolean;
  parked: { update: Uint8Array; index: number }[];
  parkedBytes: number;
  /** How far the updates already queued from this connection reach, per Yjs client. */
  queuedUpTo: Map<number, number>;
  timer: NodeJS.Timeout | null;
}

/** How long a connection's early updates wait for its sync step 2 before they count as gaps. */
const INITIAL_SYNC_GRACE_MS = 2_000;
const MAX_PARKED_UPDATES = 256;
const MAX_PARKED_BYTES = 8 * 1024 * 1024;
const MAX_WAITING_CARETS = 256;
/** A store that takes this long is reported to the editors as stalled. */
const STORAGE_STALL_MS = 3_000;

/** Transactions the server makes itself (seeding the agenda). */
const SERVER_ORIGIN = Symbol('collab server');

/** The store (or the document) failed during a batch: the senders must resend. */
class BatchFailure extends Error {
  override name = 'BatchFailure';
  constructor(
    cause: unknown,
    readonly culprit: Connection | null = null,
    /** What the other senders are told: `locked` when an approval sealed the log first. */
    readonly reason: RejectReason = 'store_failed',
  ) {
    super('collab batch failed', { cause });
  }
}

export class Room implements MessageHandler {
  readonly name: string;
  readonly schema: RoomSchema;
  readonly connections = new Set<Connection>();
  /** Settles once the stored state is in the document; nothing is answered before. */
  readonly ready: Promise<void>;
  /** Last time a connection left or work ran; idle rooms are unloaded after a while. */
  lastActive = Date.now();
  /** summarize() keeps rooms it read loaded until then. */
  heldUntil = 0;

  private loaded: { doc: Y.Doc; awareness: RoomAwareness } | null = null;
  /**
   * The state vector of the last stored state (encoded). While a batch is being stored the
   * document is ahead of the log, so a newcomer is told this, not the document's own vector.
   */
  private storedVector: Uint8Array | null = null;
  /** Whether stores go through (MESSAGE_STORAGE); `stalled` while one waits for the database. */
  private storage: StorageState = 'ok';
  private readonly log: RoomLog;
  /** Who owns which Yjs client id here: only they may add structs under it. */
  private readonly owners: ClientOwners;
  /** Messages per second the room takes from all its connections together. */
  private readonly budget: TokenBucket;
  /** The meeting or statement as last read; `locked` may be newer (bus events, seals). */
  private subject: RoomSubject;
  /** Writes refused for everyone: an approved memo, a statement in consent or released. */
  private locked: boolean;
  /** Connections whose refused writes to a statement were already audited (once is enough). */
  private readonly auditedRefusals = new WeakSet<Connection>();
  private queue: Work[] = [];
  private running: Promise<void> | null = null;
  private readonly initialSync = new Map<Connection, InitialSync>();
  /** Carets queued behind text being stored, per connection (see deferCaret). */
  private readonly waitingCarets = new Map<Connection, number>();
  private pendingChanges: { connection: Connection; change: DetectedChange }[] = [];
  private pendingStances: { connection: Connection; change: DetectedStanceChange }[] = [];
  private gone = false;

  constructor(
    readonly ref: CollabRoom,
    subject: RoomSubject,
    private readonly deps: RoomDeps,
    /** Tells the registry that this room dropped itself after a failure. */
    private readonly onDropped: (room: Room) => void,
  ) {
    this.name = roomName(ref);
    this.schema = ref.kind;
    this.subject = subject;
    this.locked = subject.locked;
    this.log = new RoomLog(deps.repos.collabLog, this.name, deps.logger);
    this.owners = new ClientOwners(deps.repos.collabClients, this.name);
    this.budget = roomBudget(deps.quotas);
    this.ready = this.load(subject);
    this.ready.catch((error: unknown) => {
      this.deps.logger.error({ err: error, room: this.name }, 'collab room failed to load');
      // Out of the registry, so that the next connection (or summary) tries a fresh load.
      this.drop(CLOSE_INTERNAL_ERROR, COLLAB_CLOSE_REASON.storageUnavailable);
    });
  }

  /** The meeting of a memo or party room; null for a statement room. */
  get meetingId(): string | null {
    return this.ref.kind === 'statement' ? null : this.ref.meetingId;
  }

  /** The statement of a statement room; null for memo and party rooms. */
  get statementId(): string | null {
    return this.ref.kind === 'statement' ? this.ref.statementId : null;
  }

  /** The room's document; only valid once `ready` has settled successfully. */
  get doc(): Y.Doc {
    if (!this.loaded) throw new Error(`room ${this.name} is not loaded`);
    return this.loaded.doc;
  }

  get isBusy(): boolean {
    return this.running !== null || this.queue.length > 0;
  }

  private async load(subject: RoomSubject): Promise<void> {
    const doc = await this.log.load(() => {
      const fresh = createRoomDoc();
      // Declare the room's root types before anything refers to them by name.
      if (this.schema === 'memo') memoFragment(fresh);
      else if (this.schema === 'statement') statementFragment(fresh);
      else {
        fresh.getMap(STANCES_MAP);
        fresh.getMap(DISSENTS_MAP);
      }
      return fresh;
    });
    if (this.schema === 'memo' && subject.kind === 'meeting' && !subject.locked)
      await this.seed(doc, subject.meeting);
    if (this.schema !== 'statement') {
      watchConfidentiality(doc, this.schema, (origin, change) => {
        if (origin instanceof Connection) this.pendingChanges.push({ connection: origin, change });
      });
    }
    if (this.schema === 'party')
      watchStances(doc, (origin, change) => {
        if (origin instanceof Connection) this.pendingStances.push({ connection: origin, change });
      });
    const awareness = new RoomAwareness(doc, (update) => this.broadcast(awarenessMessage(update)));
    this.loaded = { doc, awareness };
    this.storedVector = Y.encodeStateVector(doc);
  }

  /** One section per agenda item that has none yet, stored before the document shows it. */
  private async seed(doc: Y.Doc, meeting: MeetingDoc): Promise<void> {
    await seedAgenda(this.log, doc, meeting.agenda, SERVER_ORIGIN);
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
    connection.send(storageMessage(this.storage));
    const states = awareness.encodeAll();
    if (states) connection.send(awarenessMessage(states));
    const sync: InitialSync = {
      awaitingStep2: true,
      parked: [],
      parkedBytes: 0,
      queuedUpTo: new Map(),
      timer: null,
    };
    sync.timer = setTimeout(() => {
      try {
        this.endInitialSync(connection);
      } catch (error) {
        connection.failProtocol(error);
      }
    }, INITIAL_SYNC_GRACE_MS);
    sync.timer.unref();
    this.initialSync.set(connection, sync);
    connection.start(this, this.budget);
  }

  onClose(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.lastActive = Date.now();
    const sync = this.initialSync.get(connection);
    if (sync?.timer) clearTimeout(sync.timer);
    this.initialSync.delete(connection);
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
   * provider's first sync answer often does). Writers' updates go to the write pipeline.
   *
   * A provider answers the server's sync step 1 with everything it has that the server lacks,
   * but edits typed in the meantime may overtake that answer and arrive with a gap; those wait
   * for the answer (briefly) instead of being refused as invalid.
   */
  private receiveUpdate(connection: Connection, update: Uint8Array, step2: boolean): void {
    const doc = this.loaded!.doc;
    const index = connection.receivedUpdate();
    if (connection.access.mode !== 'write') {
      connection.handled(index);
      let nothingNew: boolean;
      try {
        nothingNew = addsNothing(doc, update);
      } catch {
        this.rejectInvalid(connection, 'undecodable');
        return;
      }
      if (!nothingNew) this.refuseReadOnly(connection);
      return;
    }
    const sync = this.initialSync.get(connection);
    if (sync?.awaitingStep2) {
      if (step2) {
        this.queueUpdate(connection, update, index, sync);
        this.endInitialSync(connection);
        return;
      }
      if (this.leavesGap(update, sync)) {
        sync.parkedBytes += update.length;
        if (
          sync.parked.push({ update, index }) > MAX_PARKED_UPDATES ||
          sync.parkedBytes > MAX_PARKED_BYTES
        )
          throw new ProtocolError('too many updates before the first sync answer');
        return;
      }
    }
    this.queueUpdate(connection, update, index, sync);
  }

  private leavesGap(update: Uint8Array, sync: InitialSync): boolean {
    try {
      const { from } = Y.parseUpdateMeta(update);
      for (const [client, clock] of from) {
        const known = Math.max(
          Y.getState(this.doc.store, client),
          sync.queuedUpTo.get(client) ?? 0,
        );
        if (clock > known) return true;
      }
      return false;
    } catch {
      return false; // the validator will say what is wrong with it
    }
  }

  private queueUpdate(
    connection: Connection,
    update: Uint8Array,
    index: number,
    sync: InitialSync | undefined,
  ) {
    if (sync?.awaitingStep2) {
      try {
        for (const [client, clock] of Y.parseUpdateMeta(update).to) {
          sync.queuedUpTo.set(client, Math.max(clock, sync.queuedUpTo.get(client) ?? 0));
        }
      } catch {
        // Undecodable: the validator rejects it in the pipeline.
      }
    }
    this.enqueue({ kind: 'update', connection, update, index });
  }

  private endInitialSync(connection: Connection): void {
    const sync = this.initialSync.get(connection);
    if (!sync?.awaitingStep2) return;
    sync.awaitingStep2 = false;
    if (sync.timer) clearTimeout(sync.timer);
    sync.timer = null;
    const parked = sync.parked;
    sync.parked = [];
    sync.parkedBytes = 0;
    sync.queuedUpTo.clear();
    if (connection.closed || this.gone) return;
    for (const { update, index } of parked)
      this.enqueue({ kind: 'update', connection, update, index });
  }

  private enqueue(work: Work): void {
    this.queue.push(work);
    this.lastActive = Date.now();
    this.kick();
  }

  private kick(): void {
    if (this.running || this.gone) return;
    this.running = this.drainQueue()
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, room: this.name }, 'collab write pipeline failed');
        this.drop(CLOSE_INTERNAL_ERROR);
      })
      .finally(() => {
        this.running = null;
        if (this.queue.length > 0) this.kick();
      });
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length > 0 && !this.gone) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.runBatch(batch);
      } catch (error) {
        this.failBatch(error, batch);
      }
      this.lastActive = Date.now();
    }
  }

  /**
   * The write pipeline, one batch at a time: check the meeting is still open, validate and
   * apply each update, store them as one log entry, and only then relay them and acknowledge
   * them with MESSAGE_SAVED; then answer the sync requests and relay the carets that queued up
   * meanwhile.
   */
  private async runBatch(batch: Work[]): Promise<void> {
    // A database that does not answer holds the batch here; the editors hear why nothing is
    // acknowledged meanwhile, and hear again when it answers.
    const stall = setTimeout(() => this.setStorage('stalled'), STORAGE_STALL_MS);
    stall.unref();
    try {
      const updates = batch.filter((work) => work.kind === 'update');
      if (updates.length > 0) await this.writeUpdates(updates);
      if (this.gone) return;
      for (const work of batch) {
        if (work.kind === 'sync') this.answerSync(work.connection, work.stateVector);
        else if (work.kind === 'carets') this.applyCarets(work.connection, work.entries);
      }
      if (this.log.entriesSinceSnapshot >= this.deps.compactEvery) await this.compact();
    } finally {
      clearTimeout(stall);
    }
    this.setStorage('ok');
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

  private async writeUpdates(updates: Extract<Work, { kind: 'update' }>[]) {
    const { logger, repos, events } = this.deps;
    // Read once per batch: a meeting approved or a statement released behind our back (even
    // directly in the database) locks the room on the next write.
    // So are the writers' rights: a member demoted or removed a moment ago writes nothing more.
    let subject: RoomSubject | null;
    try {
      [subject] = await Promise.all([
        withRetry(() => readRoomSubject(repos, this.ref), logger, 'subject read'),
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

    const doc = this.doc;
    this.pendingChanges = [];
    this.pendingStances = [];
    const accepted: { connection: Connection; update: Uint8Array }[] = [];
    /** Each sender and the client ids its updates wrote: what its "saved" must cover. */
    const senders = new Map<Connection, number[]>();
    /** Messages that count as handled once this batch is stored. */
    const storing: { connection: Connection; index: number }[] = [];
    for (const { connection, update, index } of updates) {
      if (connection.revoked) continue;
      if (connection.access.mode !== 'write') {
        connection.handled(index);
        if (!safeAddsNothing(doc, update)) this.refuseReadOnly(connection);
        continue;
      }
      const verdict = validateUpdate(doc, update, this.schema);
      if (!verdict.ok) {
        connection.handled(index);
        this.rejectInvalid(connection, verdict.problem);
        continue;
      }
      const owned =
        this.owners.admitKnown(connection.userId, verdict.writers) ??
        (await this.admitWriters(connection, verdict.writers));
      if (!owned.ok) {
        connection.handled(index);
        this.rejectInvalid(connection, owned.problem);
        continue;
      }
      senders.set(connection, [...(senders.get(connection) ?? []), ...verdict.writers]);
      storing.push({ connection, index });
      const effective = this.applyFrom(connection, update);
      if (effective) accepted.push({ connection, update: effective });
    }
    if (accepted.length === 0) {
      // Nothing new: the senders' state is already covered by what is stored (every batch
      // before this one was stored before it began).
      for (const { connection, index } of storing) connection.handled(index);
      for (const [connection, clients] of senders)
        connection.send(savedMessageFor(doc, clients, connection.handledThrough));
      return;
    }

    const entry =
      accepted.length === 1 ? accepted[0]!.update : Y.mergeUpdates(accepted.map((a) => a.update));
    try {
      await this.appendPastStaleSeals(entry, subject);
    } catch (error) {
      if (error instanceof RoomSealedError) {
        this.locked = true;
        throw new BatchFailure(error, null, 'locked');
      }
      throw new BatchFailure(error);
    }
    if (this.gone) return;

    // Stored: now, and only now, the others may see it.
    // MULTI-INSTANCE SEAM: with several server instances this is where the stored sequence
    // number goes onto the bus (ctx.events); an instance holding the same room then reads
    // collabLog.updatesAfter(its lastSeq) and relays those entries like applyForeign does.
    for (const { connection, update } of accepted) {
      const frame = updateMessage(update);
      for (const other of this.connections)
        if (other !== connection && other.started) other.send(frame);
    }
    this.storedVector = Y.encodeStateVector(doc);
    for (const { connection, index } of storing) connection.handled(index);
    this.acknowledge(senders);
    if (subject.kind === 'meeting') {
      events.publish({ type: 'memoChanged', meetingId: subject.meeting._id, room: this.name });
      await this.recordConfidentialityChanges(subject.meeting);
      await this.recordStanceChanges(subject.meeting);
    }
  }

  /**
   * MESSAGE_SAVED after a stored batch, to the connections of its writers. Whatever the server
   * relays it has stored already, so the others count what they receive as saved; and only of
   * the writers' own client ids, since a client merges every "saved" it hears. Every connection
   * of a writer hears it, not just the sender: a reconnected editor whose edits were stored after
   * its old socket closed learns it here.
   */
  private acknowledge(senders: ReadonlyMap<Connection, readonly number[]>): void {
    const clientsByUser = new Map<string, Set<number>>();
    for (const [connection, clients] of senders) {
      const own = clientsByUser.get(connection.userId) ?? new Set<number>();
      for (const client of clients) own.add(client);
      clientsByUser.set(connection.userId, own);
    }
    for (const connection of this.connections) {
      const clients = clientsByUser.get(connection.userId);
      if (!clients || !connection.started) continue;
      connection.send(savedMessageFor(this.doc, clients, connection.handledThrough));
    }
  }

  /**
   * Append `entry` to the log. A statement's log holds a seal per round it was put to consent in
   * (server/statements/putToConsent.ts); a seal of a round since taken back for editing, as read
   * for this batch, no longer stops anyone: the write goes on after it.
   */
  private async appendPastStaleSeals(entry: Uint8Array, subject: RoomSubject): Promise<void> {
    for (;;) {
      try {
        return await this.log.append(entry, (foreign) => this.applyForeign(foreign));
      } catch (error) {
        // Each stale seal met moves the log's position past it, so this ends.
        const stale =
          error instanceof RoomSealedError &&
          subject.kind === 'statement' &&
          error.sealedFor.version <= subject.editedRound;
        if (!stale) throw error;
      }
    }
  }

  /** Claims the update's new client ids for its sender, refusing anyone else's (stored first). */
  private async admitWriters(connection: Connection, clients: number[]) {
    try {
      return await withRetry(
        () => this.owners.admit(connection.userId, clients),
        this.deps.logger,
        'client id claim',
      );
    } catch (error) {
      throw new BatchFailure(error);
    }
  }

  /** Apply an update in a transaction whose origin is the sender; returns what was new, if any. */
  private applyFrom(connection: Connection, update: Uint8Array): Uint8Array | null {
    const doc = this.doc;
    let effective: Uint8Array | null = null;
    const capture = (change: Uint8Array, origin: unknown) => {
      if (origin === connection) effective = change;
    };
    doc.on('update', capture);
    // Only pending structs this update leaves behind are its fault (see RoomLog.load).
    const pendingBefore = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
    try {
      applyRoomUpdate(doc, update, connection);
    } catch (error) {
      throw new BatchFailure(error, connection);
    } finally {
      doc.off('update', capture);
    }
    if (!pendingBefore && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null))
      throw new BatchFailure(new Error('a validated update left pending structs'), connection);
    return effective;
  }

  /** Another instance's stored entry: apply it and pass it on to this instance's clients. */
  private applyForeign(update: Uint8Array): void {
    const doc = this.doc;
    let effective: Uint8Array | null = null;
    const capture = (change: Uint8Array, origin: unknown) => {
      if (origin === LOG_ORIGIN) effective = change;
    };
    doc.on('update', capture);
    try {
      applyRoomUpdate(doc, update, LOG_ORIGIN);
    } finally {
      doc.off('update', capture);
    }
    if (effective) this.broadcast(updateMessage(effective));
  }

  private async recordConfidentialityChanges(meeting: MeetingDoc): Promise<void> {
    const changes = this.pendingChanges;
    this.pendingChanges = [];
    const { repos, events, logger, audit } = this.deps;
    const meetingId = meeting._id;
    for (const { connection, change } of changes) {
      // Opening content to a wider audience is audited; the entry names the block, never its text.
      if (isLowering(change.from, change.to))
        await audit.record({
          groupId: meeting.groupId,
          actor: { userId: connection.identity.id, name: connection.identity.name },
          action: 'confidentiality.lower',
          target: { type: 'memoBlock', id: change.targetId },
          details: {
            from: change.from,
            to: change.to,
            kind: change.targetKind,
            meetingId,
            meetingTitle: meeting.title,
          },
        });
      try {
        const recorded = await withRetry(
          () =>
            repos.confidentialityChanges.record({
              meetingId,
              ...change,
              userId: connection.identity.id,
              userName: connection.identity.name,
              partyId: connection.identity.partyId,
              at: new Date(),
            }),
          logger,
          'confidentiality change record',
        );
        events.publish({ type: 'confidentialityChanged', change: recorded });
      } catch (error) {
        // The edit itself is stored; only its history entry is missing, and that is loud.
        logger.error(
          { err: error, room: this.name, targetId: change.targetId },
          'could not record a confidentiality change',
        );
      }
    }
  }

  /** Each stance a stored batch changed goes to the audit log: the stance word, not the reason. */
  private async recordStanceChanges(meeting: MeetingDoc): Promise<void> {
    const changes = this.pendingStances;
    this.pendingStances = [];
    if (this.ref.kind !== 'party') return;
    for (const { connection, change } of changes) {
      await this.deps.audit.record({
        groupId: meeting.groupId,
        actor: { userId: connection.identity.id, name: connection.identity.name },
        action: 'stance.change',
        target: { type: 'agreedPoint', id: change.agreedPointId },
        details: {
          partyId: this.ref.partyId,
          stance: change.to,
          previous: change.from,
          meetingId: meeting._id,
          meetingTitle: meeting.title,
        },
      });
    }
  }

  /** Tell the sender its update was dropped, here and (through the bus) in the meeting room. */
  private refuse(connection: Connection, reason: RejectReason): void {
    connection.send(permissionDeniedMessage(reason));
    const meetingId = this.meetingId;
    if (meetingId === null) return;
    this.deps.events.publish({
      type: 'editRejected',
      userId: connection.userId,
      notice: { meetingId, room: this.name, reason },
    });
  }

  /** A write from a connection that may only read (or into a locked room). */
  private refuseReadOnly(connection: Connection): void {
    const reason = rejectReasonFor(connection.access);
    this.refuse(connection, reason);
    // Once per connection: an editor typing into a statement released under it would otherwise
    // write an entry per keystroke.
    if (!this.auditedRefusals.has(connection)) {
      this.auditedRefusals.add(connection);
      this.auditStatementRefusal(connection, reason);
    }
  }

  private rejectInvalid(connection: Connection, problem: string): void {
    // The problem only, never content: memo text can be confidential.
    this.deps.logger.warn(
      { room: this.name, userId: connection.userId, problem },
      'invalid collab update refused',
    );
    this.refuse(connection, 'invalid_update');
    this.auditStatementRefusal(connection, problem);
    connection.close(COLLAB_CLOSE.protocolError, 'invalid update');
  }

  /**
   * Statement rooms: a refused write is audited as `consent.refused`. Consent never lives in
   * Yjs, so bytes outside the statement's layout (say, a root map saying another party agrees)
   * are an attempt on the unanimity gate. The entry names the problem, never any words.
   */
  private auditStatementRefusal(connection: Connection, problem: string): void {
    const statementId = this.statementId;
    if (statementId === null) return;
    void this.deps.audit.record({
      groupId: this.subject.groupId,
      actor: { userId: connection.identity.id, name: connection.identity.name },
      action: 'consent.refused',
      target: { type: 'statement', id: statementId },
      details: { channel: 'collab', problem, partyId: connection.identity.partyId },
    });
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
    const told = new Set<Connection>();
    if (failure.culprit) {
      this.rejectInvalid(failure.culprit, 'failed to apply');
      told.add(failure.culprit);
    }
    for (const work of batch) {
      if (work.kind !== 'update' || told.has(work.connection)) continue;
      told.add(work.connection);
      this.refuse(work.connection, failure.reason);
    }
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

  /** Decide a connection's access again and tell it if it changed. */
  private refreshAccess(connection: Connection): void {
    // Not yet welcomed: welcome() decides and sends the access then.
    if (!connection.started) return;
    const access = roomAccess(this.ref, connection.actor, this.locked);
    if (sameAccess(access, connection.access)) return;
    connection.access = access;
    connection.send(accessMessage(access));
  }

  private broadcast(frame: Uint8Array): void {
    for (const connection of this.connections) if (connection.started) connection.send(frame);
  }

  /** Send something to connections that have heard nothing for a while (and ping them all). */
  heartbeat(): void {
    if (!this.loaded) return;
    // The keepalive says whether stores go through, never that anything is stored.
    for (const connection of this.connections) {
      if (connection.heartbeat()) connection.send(storageMessage(this.storage));
    }
  }

  /** Tell every connection when stores stall (the database does not answer) and resume. */
  private setStorage(state: StorageState): void {
    if (this.storage === state) return;
    this.storage = state;
    this.deps.logger[state === 'ok' ? 'info' : 'warn'](
      { room: this.name },
      state === 'ok' ? 'collab room stores again' : 'collab room cannot store: waiting',
    );
    this.broadcast(storageMessage(state));
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
    this.queue = [];
    this.waitingCarets.clear();
    this.onDropped(this);
    for (const connection of [...this.connections]) connection.close(closeCode, reason);
    this.destroy();
  }

  /** Idle (or shutting down): finish the work in hand, compact, close everyone, free memory. */
  async unload(closeCode: number): Promise<void> {
    await this.ready.catch(() => undefined);
    while (this.running) await this.running;
    if (this.gone) return;
    this.gone = true;
    await this.compact();
    for (const connection of [...this.connections]) connection.close(closeCode, 'server closing');
    this.destroy();
  }

  private destroy(): void {
    for (const sync of this.initialSync.values()) if (sync.timer) clearTimeout(sync.timer);
    this.initialSync.clear();
    if (!this.loaded) return;
    this.loaded.awareness.destroy();
    this.loaded.doc.destroy();
  }
}

function safeAddsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return addsNothing(doc, update);
  } catch {
    return false;
  }
}
