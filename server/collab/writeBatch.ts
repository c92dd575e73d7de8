// The write pipeline's storing step: validate and apply each update of a batch, then store them as
// one log entry. Nothing is relayed or acknowledged here: the room does that once this returns.
import * as Y from 'yjs';
import type { RejectReason } from '../../shared/memo/protocol';
import type { ClientOwners } from './clientOwners';
import type { Connection } from './connection';
import type { RoomKind } from './kinds';
import type { RoomDeps } from './roomDeps';
import { updateMessage } from './messages';
import { applyCapturing } from './roomDoc';
import { LOG_ORIGIN, RoomSealedError, withRetry, type RoomLog } from './roomLog';
import type { RoomSubject } from './roomSubject';
import { addsNothing, validateUpdate } from './validateUpdate';

/** The store (or the document) failed during a batch: the senders must resend. */
export class BatchFailure extends Error {
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

/** What the pipeline needs of its room. */
export interface BatchRoom {
  readonly kind: RoomKind;
  readonly doc: Y.Doc;
  readonly log: RoomLog;
  /** Who owns which Yjs client id here: only they may add structs under it. */
  readonly owners: ClientOwners;
  readonly deps: Pick<RoomDeps, 'logger' | 'metrics'>;
  refuseReadOnly(connection: Connection): void;
  rejectInvalid(connection: Connection, problem: string): void;
  /** Send a frame to every started connection (another instance's entry). */
  broadcast(frame: Uint8Array): void;
  /** The room was locked while this batch was stored. */
  lock(): void;
  /** Entry `seq` as another instance announced it, if it did (lately). */
  heardEntry(seq: number): Uint8Array | undefined;
  /** This instance's turn to append to the room's log (see InstancePubSub.takeTurn). */
  takeAppendTurn(): Promise<() => void>;
  /** Tell the other instances holding the room that this entry is stored. */
  announceStored(entry: { seq: number; update: Uint8Array }): void;
}

export interface UpdateWork {
  connection: Connection;
  update: Uint8Array;
  /** The connection's number for the message (see Connection.handledThrough). */
  index: number;
}

export interface StoredBatch {
  /** What each accepted update changed; empty when the batch brought nothing new. */
  accepted: { connection: Connection; update: Uint8Array }[];
  /** Each sender and the client ids its updates wrote: what its "saved" must cover. */
  senders: Map<Connection, number[]>;
  /** Messages that count as handled once this batch is stored. */
  storing: UpdateWork[];
}

/** Validate, apply and store `updates` (read-only and invalid ones are refused on the way). */
export async function storeBatch(
  room: BatchRoom,
  updates: readonly UpdateWork[],
  subject: RoomSubject,
): Promise<StoredBatch> {
  const { doc } = room;
  const batch: StoredBatch = { accepted: [], senders: new Map(), storing: [] };
  for (const work of updates) {
    const { connection, update, index } = work;
    if (connection.revoked) continue;
    if (connection.access.mode !== 'write') {
      connection.handled(index);
      if (!safeAddsNothing(doc, update)) room.refuseReadOnly(connection);
      continue;
    }
    const verdict = validateUpdate(doc, update, room.kind.shape);
    if (!verdict.ok) {
      connection.handled(index);
      room.rejectInvalid(connection, verdict.problem);
      continue;
    }
    const owned =
      room.owners.admitKnown(connection.userId, verdict.writers) ??
      (await admitWriters(room, connection, verdict.writers));
    if (!owned.ok) {
      connection.handled(index);
      room.rejectInvalid(connection, owned.problem);
      continue;
    }
    batch.senders.set(connection, [...(batch.senders.get(connection) ?? []), ...verdict.writers]);
    batch.storing.push(work);
    const effective = applyFrom(doc, connection, update);
    if (effective) batch.accepted.push({ connection, update: effective });
  }
  if (batch.accepted.length === 0) return batch;

  const { accepted } = batch;
  const entry =
    accepted.length === 1 ? accepted[0]!.update : Y.mergeUpdates(accepted.map((a) => a.update));
  // Two instances appending to one room at once make one of them lose the race for the number
  // and read the store: they take turns instead, and announce the entry before giving it back.
  const release = await room.takeAppendTurn();
  try {
    const started = performance.now();
    const seq = await appendPastStaleSeals(room, entry, subject);
    room.deps.metrics.stored((performance.now() - started) / 1000);
    room.announceStored({ seq, update: entry });
  } catch (error) {
    if (error instanceof RoomSealedError) {
      room.lock();
      throw new BatchFailure(error, null, 'locked');
    }
    throw new BatchFailure(error);
  } finally {
    release();
  }
  return batch;
}

/**
 * Append `entry` to the log, going on past seals the room's kind says no longer stop anyone;
 * returns the entry's sequence number.
 */
async function appendPastStaleSeals(
  room: BatchRoom,
  entry: Uint8Array,
  subject: RoomSubject,
): Promise<number> {
  for (;;) {
    try {
      return await room.log.append(
        entry,
        (foreign) => applyForeign(room, foreign),
        (seq) => room.heardEntry(seq),
      );
    } catch (error) {
      // Each stale seal met moves the log's position past it, so this ends.
      const stale =
        error instanceof RoomSealedError &&
        room.kind.sealIsStale?.(error.sealedFor, subject) === true;
      if (!stale) throw error;
    }
  }
}

/** Claims the update's new client ids for its sender, refusing anyone else's (stored first). */
async function admitWriters(room: BatchRoom, connection: Connection, clients: number[]) {
  try {
    return await withRetry(
      () => room.owners.admit(connection.userId, clients),
      room.deps.logger,
      'client id claim',
    );
  } catch (error) {
    throw new BatchFailure(error);
  }
}

/** Apply an update in a transaction whose origin is the sender; returns what was new, if any. */
function applyFrom(doc: Y.Doc, connection: Connection, update: Uint8Array): Uint8Array | null {
  // Only pending structs this update leaves behind are its fault (see RoomLog.load).
  const pendingBefore = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  let effective: Uint8Array | null;
  try {
    effective = applyCapturing(doc, update, connection);
  } catch (error) {
    throw new BatchFailure(error, connection);
  }
  if (!pendingBefore && (doc.store.pendingStructs !== null || doc.store.pendingDs !== null))
    throw new BatchFailure(new Error('a validated update left pending structs'), connection);
  return effective;
}

/** Another instance's stored entry: apply it and pass it on to this instance's clients. */
export function applyForeign(room: BatchRoom, update: Uint8Array): void {
  const effective = applyCapturing(room.doc, update, LOG_ORIGIN);
  if (effective) room.broadcast(updateMessage(effective));
}

function safeAddsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return addsNothing(doc, update);
  } catch {
    return false;
  }
}
