// A hostile-capable collab client: raw y-protocols over `ws`, no provider in between, so a test
// can send exactly the bytes it wants and watch what the server answers.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  COLLAB_PATH,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_STORAGE,
  MESSAGE_SYNC,
  STORAGE_STATES,
  type RoomAccess,
  type StorageState,
} from '../../shared/memo/protocol';
import { isCovered, mergeInto, type StateVector } from '../../shared/memo/savedVector';

export interface RawCollabClient {
  ws: WebSocket;
  /** The room as this client has received it from the server. */
  doc: Y.Doc;
  access: RoomAccess | null;
  rejections: string[];
  saved: Map<number, number> | null;
  /** The size in bytes of each MESSAGE_SAVED vector received, in order. */
  savedSizes: number[];
  /** Every update the server relayed to this client after the initial sync. */
  relayed: Uint8Array[];
  /** How many sync step 2 answers arrived (one per sync step 1 sent). */
  syncAnswers: number;
  /** The kind of every frame received, in order. */
  frames: FrameKind[];
  /** The server's latest MESSAGE_STORAGE; null until it said. */
  storage: StorageState | null;
  /** MESSAGE_SAVED's count: how many update messages the server has stored or refused. */
  handled: number;
  /** The newest awareness state heard per client id (null once removed). */
  carets: Map<number, unknown>;
  /** How many awareness entries were received in all. */
  caretEntries: number;
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once more than `count` sync answers have arrived, or the socket has closed. */
  answerOrClose(count: number): Promise<void>;
  send(bytes: Uint8Array): void;
  /** Send a Yjs update as a sync "update" message. */
  sendUpdate(update: Uint8Array): void;
  close(): Promise<void>;
}

export type FrameKind =
  'step1' | 'step2' | 'update' | 'awareness' | 'saved' | 'access' | 'auth' | 'storage';

export function collabUrl(baseUrl: string, room: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}/${room}`;
}

/** Try to open a collab socket; resolves with the HTTP status when the upgrade is refused. */
export function upgradeStatus(
  baseUrl: string,
  room: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(collabUrl(baseUrl, room), { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}

/** Connect, ask for the full state and wait until it has arrived together with the access mode. */
export async function connectRaw(
  baseUrl: string,
  room: string,
  cookie: string,
  origin = baseUrl,
): Promise<RawCollabClient> {
  const ws = new WebSocket(collabUrl(baseUrl, room), {
    headers: { Cookie: cookie, Origin: origin },
  });
  ws.binaryType = 'nodebuffer';
  const doc = new Y.Doc();
  let synced = false;
  const client: RawCollabClient = {
    ws,
    doc,
    access: null,
    rejections: [],
    saved: null,
    savedSizes: [],
    relayed: [],
    syncAnswers: 0,
    frames: [],
    storage: null,
    handled: 0,
    carets: new Map(),
    caretEntries: 0,
    closed: new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
    answerOrClose(count) {
      return new Promise((resolve) => {
        const check = () => {
          if (client.syncAnswers > count || ws.readyState >= WebSocket.CLOSING) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      });
    },
    send: (bytes) => ws.send(bytes),
    sendUpdate(update) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await client.closed;
    },
  };
  const errors: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  ws.on('close', wake);
  ws.on('message', (data: Buffer) => {
    try {
      receive(data);
    } catch (error) {
      errors.push(`${String(error)} on ${data.toString('hex').slice(0, 200)}`);
    }
    wake();
  });
  const receive = (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder);
      client.frames.push(
        syncType === syncProtocol.messageYjsSyncStep1
          ? 'step1'
          : syncType === syncProtocol.messageYjsSyncStep2
            ? 'step2'
            : 'update',
      );
      if (syncType === syncProtocol.messageYjsSyncStep1) return; // we send nothing the server lacks
      const update = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep2) client.syncAnswers += 1;
      else if (synced) client.relayed.push(update);
      // The server stores before it relays: what it sends counts as saved (shared/memo/protocol.ts).
      client.saved = mergeSaved(client.saved, Y.parseUpdateMeta(update).to);
      Y.applyUpdate(doc, update, 'server');
      if (syncType === syncProtocol.messageYjsSyncStep2) synced = true;
    } else if (type === MESSAGE_AWARENESS) {
      client.frames.push('awareness');
      const entries = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      for (let count = decoding.readVarUint(entries); count > 0; count--) {
        const clientID = decoding.readVarUint(entries);
        decoding.readVarUint(entries); // clock
        client.carets.set(clientID, JSON.parse(decoding.readVarString(entries)) as unknown);
        client.caretEntries += 1;
      }
    } else if (type === MESSAGE_ACCESS) {
      client.frames.push('access');
      client.access = JSON.parse(decoding.readVarString(decoder)) as RoomAccess;
    } else if (type === MESSAGE_AUTH) {
      client.frames.push('auth');
      decoding.readVarUint(decoder);
      client.rejections.push(decoding.readVarString(decoder));
    } else if (type === MESSAGE_SAVED) {
      client.frames.push('saved');
      const vector = decoding.readVarUint8Array(decoder);
      client.savedSizes.push(vector.length);
      client.saved = mergeSaved(client.saved, Y.decodeStateVector(vector));
      if (decoding.hasContent(decoder)) client.handled = decoding.readVarUint(decoder);
    } else if (type === MESSAGE_STORAGE) {
      client.frames.push('storage');
      client.storage = STORAGE_STATES[decoding.readVarUint(decoder)] ?? null;
    }
  };
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade refused: ${res.statusCode}`)),
    );
  });
  ws.send(syncStep1Frame(new Y.Doc()));
  await waitUntil(
    () => synced && client.access !== null,
    10_000,
    `initial sync (synced ${String(synced)}, access ${JSON.stringify(client.access)}, socket state ${ws.readyState}, errors ${errors.join('; ')})`,
  );
  return client;
}

/** An awareness frame with one client's state at `clock` (states only move forward in clock). */
export function caretFrame(clientID: number, clock: number, state: unknown): Uint8Array {
  const entry = encoding.createEncoder();
  encoding.writeVarUint(entry, 1);
  encoding.writeVarUint(entry, clientID);
  encoding.writeVarUint(entry, clock);
  encoding.writeVarString(entry, JSON.stringify(state));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(entry));
  return encoding.toUint8Array(encoder);
}

/** A sync step 1 frame: "send me what I lack compared to `doc`". */
export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/**
 * The update that `change` makes to a copy of what `client` has received, written under the
 * copy's own client id or under `clientID`.
 */
export function updateFrom(
  client: RawCollabClient,
  change: (doc: Y.Doc) => void,
  clientID?: number,
): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
  // Set after the state arrives: Yjs picks a new id when it receives items under its own.
  if (clientID !== undefined) copy.clientID = clientID;
  const before = Y.encodeStateVector(copy);
  change(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

/**
 * An update of no structs that deletes the items with these ids (Yjs's update encoding), made
 * by hand: deleting a deeply nested type with Yjs would overflow the test's own stack.
 */
export function deletionOf(ids: readonly Y.ID[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, ids.length);
  for (const id of ids) {
    for (const n of [id.client, 1, id.clock, 1]) encoding.writeVarUint(encoder, n);
  }
  return encoding.toUint8Array(encoder);
}

/** Poll `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The room's full state as the server holds it, read by a fresh connection. */
export async function serverState(baseUrl: string, room: string, cookie: string) {
  const reader = await connectRaw(baseUrl, room, cookie);
  const state = Y.encodeStateAsUpdate(reader.doc);
  await reader.close();
  return state;
}

/** A "saved" vector raised to cover `more` as well. */
export function mergeSaved(saved: StateVector | null, more: StateVector): StateVector {
  const merged = new Map(saved ?? []);
  mergeInto(merged, more);
  return merged;
}

/** Whether a "saved" vector covers everything in `doc`. */
export function covers(saved: StateVector | null, doc: Y.Doc): boolean {
  return saved !== null && isCovered(Y.decodeStateVector(Y.encodeStateVector(doc)), saved);
}

/** Whether the server's last "saved" vector covers everything in `doc`. */
export function savedCovers(client: RawCollabClient, doc: Y.Doc = client.doc): boolean {
  return covers(client.saved, doc);
}
