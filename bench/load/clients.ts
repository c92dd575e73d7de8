// One simulated user per client, speaking each server's own protocol: y-websocket's
// WebsocketProvider (ours and the reference server) or Hocuspocus' provider, over `ws`.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { messageAwareness, messageSync } from 'y-websocket';
import WebSocket from 'ws';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  COLLAB_PATH,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_SAVED,
} from '../../shared/memo/protocol';
import { isCovered, mergeInto, type StateVector } from '../../shared/memo/savedVector';
import type { Target } from '../lib/targets';

export interface BenchClient {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  synced(): boolean;
  /** The server has taken every local change: ours stored it (MESSAGE_SAVED), Hocuspocus applied it. */
  acknowledged(): boolean;
  disconnect(): void;
  connect(): void;
  destroy(): void;
  /** Permission-denied reasons (ours). */
  readonly rejections: string[];
  /**
   * From now on, take incoming document updates without applying them: each goes to `onUpdate`
   * as it arrives; awareness (and our MESSAGE_SAVED) is read and dropped. The client keeps typing into its own text
   * (which needs nothing from the others). One core cannot apply every update in 100 full
   * clients; the typing workload keeps a few full clients and lightens the rest.
   */
  lighten(onUpdate: (update: Uint8Array) => void): void;
}

export interface ClientOptions {
  /** Publish an awareness state (a caret). Watchers, idle and storm clients have none. */
  presence: boolean;
}

/** A `WebSocket` that sends what a browser would to our server: its session cookie and Origin. */
function browserLike(cookie: string, origin: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie, Origin: origin } });
      this.on('error', () => undefined);
    }
  };
}

/**
 * `ws` with an error listener of its own: Hocuspocus' provider closes a socket that is still
 * connecting after removing its listeners, and `ws` then emits an 'error' nobody handles,
 * which would take the whole load generator down (a browser's WebSocket has no such problem).
 */
class QuietWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.on('error', () => undefined);
  }
}

function yWebsocketClient(
  target: Target,
  room: string,
  index: number,
  options: ClientOptions,
): BenchClient {
  const doc = new Y.Doc();
  const ours = target.kind === 'ours';
  const base = target.httpUrl.replace(/^http/, 'ws');
  const cookie = target.cookies.length > 0 ? target.cookies[index % target.cookies.length]! : '';
  const provider = new WebsocketProvider(ours ? `${base}${COLLAB_PATH}` : base, room, doc, {
    disableBc: true,
    connect: false,
    maxBackoffTime: 2500,
    WebSocketPolyfill: (ours ? browserLike(cookie, target.httpUrl) : QuietWebSocket) as never,
  });
  if (!options.presence) provider.awareness.setLocalState(null);
  const saved: StateVector = new Map();
  let heardSaved = false;
  const rejections: string[] = [];
  if (ours) {
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      mergeInto(saved, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
      heardSaved = true;
    };
    // Ours stores before it relays: what it sends counts as saved, as in our client.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === provider) mergeInto(saved, Y.parseUpdateMeta(update).to);
    });
    provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
      decoding.readVarString(decoder);
    };
    provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      decoding.readVarUint(decoder);
      rejections.push(decoding.readVarString(decoder));
    };
  }
  provider.connect();
  return {
    doc,
    awareness: provider.awareness,
    rejections,
    synced: () => provider.synced,
    acknowledged: () =>
      provider.synced &&
      (!ours || (heardSaved && isCovered(Y.decodeStateVector(Y.encodeStateVector(doc)), saved))),
    disconnect: () => provider.disconnect(),
    connect: () => provider.connect(),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
    lighten(onUpdate) {
      provider.messageHandlers[messageSync] = (_encoder, decoder) => {
        const type = decoding.readVarUint(decoder);
        const update = decoding.readVarUint8Array(decoder);
        if (type === SYNC_UPDATE) onUpdate(update);
      };
      provider.messageHandlers[messageAwareness] = (_encoder, decoder) => {
        decoding.readVarUint8Array(decoder);
      };
      if (ours)
        provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
          decoding.readVarUint8Array(decoder);
        };
    },
  };
}

/** y-protocols sync message types. */
const SYNC_UPDATE = 2;
/** Hocuspocus message types (its MessageType enum). */
const HOCUSPOCUS_SYNC = 0;

function hocuspocusClient(target: Target, room: string, options: ClientOptions): BenchClient {
  const doc = new Y.Doc();
  // One socket per client, as one browser tab would have.
  const socket = new HocuspocusProviderWebsocket({
    url: target.httpUrl.replace(/^http/, 'ws'),
    WebSocketPolyfill: QuietWebSocket,
    // Reconnect like y-websocket (100 ms doubling to 2.5 s) rather than after 1–30 s.
    delay: 100,
    minDelay: 100,
    maxDelay: 2500,
    factor: 2,
    // Clients without presence receive nothing while nobody types; no reconnects for that.
    messageReconnectTimeout: 600_000,
  });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: room, document: doc });
  provider.attach();
  const awareness = provider.awareness;
  if (!awareness) throw new Error('Hocuspocus provider without awareness');
  if (!options.presence) awareness.setLocalState(null);
  let held = false;
  return {
    doc,
    awareness,
    rejections: [],
    synced: () => provider.isSynced,
    acknowledged: () => provider.isSynced && provider.unsyncedChanges === 0,
    disconnect() {
      held = true;
      socket.disconnect();
      // A closed socket schedules connect() after `delay`, which turns reconnecting back on
      // whatever disconnect() said in between: say it again once that timer has run.
      setTimeout(() => {
        if (held) socket.disconnect();
      }, 300);
    },
    connect() {
      held = false;
      socket.connect().catch(() => undefined);
    },
    destroy() {
      provider.destroy();
      socket.destroy();
      doc.destroy();
    },
    lighten(onUpdate) {
      // The socket hands each message to `provider.onMessage` of the document it names.
      (provider as unknown as { onMessage: (event: { data: ArrayBuffer }) => void }).onMessage = (
        event,
      ) => {
        const decoder = decoding.createDecoder(new Uint8Array(event.data));
        decoding.readVarString(decoder);
        if (decoding.readVarUint(decoder) !== HOCUSPOCUS_SYNC) return;
        if (decoding.readVarUint(decoder) !== SYNC_UPDATE) return;
        onUpdate(decoding.readVarUint8Array(decoder));
      };
    },
  };
}

export function openClient(
  target: Target,
  room: string,
  index: number,
  options: ClientOptions,
): BenchClient {
  return target.kind === 'hocuspocus'
    ? hocuspocusClient(target, room, options)
    : yWebsocketClient(target, room, index, options);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Poll until `condition` holds; throws with `what` after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  timeoutMs = 60_000,
  intervalMs = 20,
): Promise<number> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
  return performance.now() - started;
}

/** Open `count` clients, `parallel` handshakes at a time, each synced before it counts. */
export async function openMany(
  count: number,
  open: (index: number) => BenchClient,
  parallel = 25,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch: BenchClient[] = [];
    for (let i = start; i < Math.min(count, start + parallel); i++) batch.push(open(i));
    clients.push(...batch);
    await waitUntil(() => batch.every((client) => client.synced()), `clients ${start}+ to sync`);
  }
  return clients;
}
