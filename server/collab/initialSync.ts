// A new connection's first sync answer may still be on the way when its first edits arrive.
// A provider answers the server's sync step 1 with everything it has that the server lacks,
// but edits typed in the meantime may overtake that answer and arrive with a gap; those wait
// for the answer (briefly) instead of being refused as invalid.
import * as Y from 'yjs';
import type { Connection } from './connection';
import { ProtocolError } from './protocolError';

/** How long a connection's early updates wait for its sync step 2 before they count as gaps. */
const INITIAL_SYNC_GRACE_MS = 2_000;
const MAX_PARKED_UPDATES = 256;
const MAX_PARKED_BYTES = 8 * 1024 * 1024;

/** Per connection: its first sync answer may still be on the way. */
interface InitialSync {
  awaitingStep2: boolean;
  parked: { update: Uint8Array; index: number }[];
  parkedBytes: number;
  /** How far the updates already queued from this connection reach, per Yjs client. */
  queuedUpTo: Map<number, number>;
  timer: NodeJS.Timeout | null;
}

/** `index`: the connection's number for the message (see Connection.handledThrough). */
export type QueueUpdate = (connection: Connection, update: Uint8Array, index: number) => void;

export class InitialSyncs {
  private readonly syncs = new Map<Connection, InitialSync>();

  constructor(
    /** The room's document, as far as it is applied. */
    private readonly doc: () => Y.Doc,
    /** Into the room's write pipeline; ignored once the room is gone. */
    private readonly queue: QueueUpdate,
  ) {}

  /** The connection was just sent sync step 1: its answer is awaited for a grace period. */
  start(connection: Connection): void {
    const sync: InitialSync = {
      awaitingStep2: true,
      parked: [],
      parkedBytes: 0,
      queuedUpTo: new Map(),
      timer: null,
    };
    sync.timer = setTimeout(() => {
      try {
        this.end(connection);
      } catch (error) {
        connection.failProtocol(error);
      }
    }, INITIAL_SYNC_GRACE_MS);
    sync.timer.unref();
    this.syncs.set(connection, sync);
  }

  /** A writer's update: queued, or parked while it leaves a gap its sync answer may fill. */
  receive(connection: Connection, update: Uint8Array, index: number, step2: boolean): void {
    const sync = this.syncs.get(connection);
    if (sync?.awaitingStep2) {
      if (step2) {
        this.enqueue(connection, update, index, sync);
        this.end(connection);
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
    this.enqueue(connection, update, index, sync);
  }

  forget(connection: Connection): void {
    const sync = this.syncs.get(connection);
    if (sync?.timer) clearTimeout(sync.timer);
    this.syncs.delete(connection);
  }

  clear(): void {
    for (const sync of this.syncs.values()) if (sync.timer) clearTimeout(sync.timer);
    this.syncs.clear();
  }

  private leavesGap(update: Uint8Array, sync: InitialSync): boolean {
    try {
      const { from } = Y.parseUpdateMeta(update);
      const store = this.doc().store;
      for (const [client, clock] of from) {
        const known = Math.max(Y.getState(store, client), sync.queuedUpTo.get(client) ?? 0);
        if (clock > known) return true;
      }
      return false;
    } catch {
      return false; // the validator will say what is wrong with it
    }
  }

  private enqueue(
    connection: Connection,
    update: Uint8Array,
    index: number,
    sync: InitialSync | undefined,
  ): void {
    if (sync?.awaitingStep2) {
      try {
        for (const [client, clock] of Y.parseUpdateMeta(update).to) {
          sync.queuedUpTo.set(client, Math.max(clock, sync.queuedUpTo.get(client) ?? 0));
        }
      } catch {
        // Undecodable: the validator rejects it in the pipeline.
      }
    }
    this.queue(connection, update, index);
  }

  /** The answer came (or the grace period ended): parked updates go into the pipeline. */
  private end(connection: Connection): void {
    const sync = this.syncs.get(connection);
    if (!sync?.awaitingStep2) return;
    sync.awaitingStep2 = false;
    if (sync.timer) clearTimeout(sync.timer);
    sync.timer = null;
    const parked = sync.parked;
    sync.parked = [];
    sync.parkedBytes = 0;
    sync.queuedUpTo.clear();
    if (connection.closed) return;
    for (const { update, index } of parked) this.queue(connection, update, index);
  }
}
