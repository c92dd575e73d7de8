// Presence and carets of a room. Clients say where their caret is; the server says who they are.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Role } from '../../shared/roles';
import { ProtocolError } from './protocolError';

/** The `user` field of every awareness state, taken from the session. */
export interface AwarenessIdentity {
  id: string;
  name: string;
  partyId: string | null;
  role: Role;
  colour: string;
}

/** Marks awareness changes that another instance sent. */
const FROM_INSTANCE = Symbol('another instance');

/** Chair, vice-chair and secretary speak for no party: their carets get a neutral colour. */
export const NEUTRAL_COLOUR = '#5b6770';

/** One connection is one editor; a handful of ids covers reloads without letting it hoard. */
const MAX_CLIENT_IDS_PER_CONNECTION = 8;
/** An editor's state is its caret and selection, a few hundred bytes. */
const MAX_STATE_JSON = 8 * 1024;

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: unknown;
}

/** Parse a y-protocols awareness update by hand, so nothing unchecked reaches the Awareness. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientID = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (decoder.pos > update.length || json.length > MAX_STATE_JSON)
        throw new ProtocolError('bad awareness entry');
      entries.push({ clientID, clock, state: JSON.parse(json) as unknown });
    }
    if (decoder.pos !== update.length) throw new ProtocolError('awareness length mismatch');
    return entries;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('undecodable awareness update');
  }
}

export function writeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientID, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientID);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

function userIdOf(state: unknown): string | null {
  const user = (state as { user?: { id?: unknown } } | null)?.user;
  return typeof user?.id === 'string' ? user.id : null;
}

function withIdentity(state: unknown, identity: AwarenessIdentity): unknown {
  if (state === null) return null;
  const fields =
    typeof state === 'object' && !Array.isArray(state) ? (state as Record<string, unknown>) : {};
  // Built field by field: the caller's object may carry more than belongs on the wire.
  const { id, name, partyId, role, colour } = identity;
  return { ...fields, user: { id, name, partyId, role, colour } };
}

/**
 * The room's awareness. Each client id belongs to the first connection that used it; states
 * from anyone else for that id are ignored, and a connection's states vanish when it closes.
 */
export class RoomAwareness {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly owners = new Map<number, object>();
  private readonly owned = new Map<object, Set<number>>();
  /**
   * Ids whose states another instance sent, with the user its server stamped on them. Editors
   * echo every state they hear, so an id is claimed here only by that same user (an editor that
   * moved to this instance), never by whoever echoed it first.
   */
  private readonly fromInstances = new Map<number, string | null>();

  constructor(
    doc: Y.Doc,
    /** `local`: the change came from this instance's connections (the others hear of it). */
    broadcast: (update: Uint8Array, local: boolean) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no caret of its own.
    this.awareness.setLocalState(null);
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        for (const id of removed) this.fromInstances.delete(id);
        // Each instance times out stale states itself ('timeout'); telling the others would
        // remove states their own editors keep alive.
        const local = origin !== FROM_INSTANCE && origin !== 'timeout';
        broadcast(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed), local);
      },
    );
  }

  /**
   * States another instance's connections set (with their identity already stamped there).
   * Ids one of this instance's connections owns stay theirs.
   */
  applyFromInstance(update: Uint8Array): void {
    const entries = readAwarenessUpdate(update).filter((entry) => !this.owners.has(entry.clientID));
    for (const { clientID, state } of entries)
      if (state !== null) this.fromInstances.set(clientID, userIdOf(state));
    if (entries.length > 0)
      awarenessProtocol.applyAwarenessUpdate(
        this.awareness,
        writeAwarenessUpdate(entries),
        FROM_INSTANCE,
      );
  }

  /** The states of this instance's own connections (for an instance that just loaded the room). */
  encodeLocal(): Uint8Array | null {
    const states = this.awareness.getStates();
    const ids = [...this.owners.keys()].filter((id) => states.has(id));
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  /** Apply a connection's entries with its claimed ids only and the session's identity. */
  apply(owner: object, identity: AwarenessIdentity, entries: readonly AwarenessEntry[]): void {
    const accepted = entries.filter((entry) => this.claim(owner, identity.id, entry.clientID));
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      writeAwarenessUpdate(
        accepted.map((entry) => ({ ...entry, state: withIdentity(entry.state, identity) })),
      ),
      owner,
    );
  }

  private claim(owner: object, userId: string, clientID: number): boolean {
    if (clientID === this.awareness.clientID) return false;
    const current = this.owners.get(clientID);
    if (current) return current === owner;
    const remoteUser = this.fromInstances.get(clientID);
    if (remoteUser !== undefined && remoteUser !== userId) return false;
    this.fromInstances.delete(clientID);
    let ids = this.owned.get(owner);
    if (!ids) {
      ids = new Set();
      this.owned.set(owner, ids);
    }
    if (ids.size >= MAX_CLIENT_IDS_PER_CONNECTION) return false;
    ids.add(clientID);
    this.owners.set(clientID, owner);
    return true;
  }

  /** Forget a closed connection: its carets disappear for everyone else. */
  release(owner: object): void {
    const ids = this.owned.get(owner);
    if (!ids) return;
    this.owned.delete(owner);
    for (const id of ids) this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], owner);
  }

  /** Everyone's current state, for a client that asks (or has just connected); null if none. */
  encodeAll(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()];
    return ids.length > 0 ? awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids) : null;
  }

  destroy(): void {
    this.awareness.destroy();
  }
}
