// One collab room in the browser: its Y.Doc, the y-websocket connection, the offline copy in
// IndexedDB, and what the server said about access and saving.
import * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  COLLAB_PATH,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  REJECT_REASONS,
  type RejectReason,
  type RoomAccess,
} from '../../shared/memo/protocol';
import { offlineStoreName } from './offlineStore';
import { isCovered, mergeInto, type StateVector } from '../../shared/memo/savedVector';
import type { RoomSaveStatus } from './saveStatus';

export interface RoomRejection {
  reason: RejectReason;
  /** Increases with every rejection, so the same reason twice is still news. */
  seq: number;
}

export interface RoomSnapshot {
  status: RoomSaveStatus;
  connected: boolean;
  /** The document has content to show: from the server or from the offline copy. */
  loaded: boolean;
  /** What the server allows on this connection; null until it said so. */
  access: RoomAccess | null;
  rejection: RoomRejection | null;
  /** Set when the server closed the connection for good (e.g. the session ended). */
  closedCode: number | null;
  /** The server's reason for that (COLLAB_CLOSE_REASON), if it gave one. */
  closedReason: string | null;
}

type Handler = WebsocketProvider['messageHandlers'][number];

/** ws(s)://host of the page: the collab endpoint lives on the same server as the API. */
export function collabServerUrl(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${COLLAB_PATH}`;
}

function parseAccess(json: string): RoomAccess | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { mode, reason } = value as Record<string, unknown>;
  const valid =
    (mode === 'write' || mode === 'read') &&
    (reason === null || reason === 'locked' || reason === 'not_allowed');
  return valid ? (value as RoomAccess) : null;
}

function isRejectReason(value: string): value is RejectReason {
  return (REJECT_REASONS as readonly string[]).includes(value);
}

export class RoomSync {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence;
  private readonly listeners = new Set<() => void>();
  /** Everything at or below this vector is durably stored on the server. */
  private readonly saved: StateVector = new Map();
  /**
   * A deletion does not move the state vector, so a local update made only of deletions is
   * counted as unsaved until the server's next acknowledgement.
   */
  private deletionPending = false;
  private access: RoomAccess | null = null;
  private rejection: RoomRejection | null = null;
  private closedCode: number | null = null;
  private closedReason: string | null = null;
  private localLoaded = false;
  private hasSynced = false;
  private connectionLost = false;
  private destroyed = false;
  private snapshotCache: RoomSnapshot;

  constructor(
    readonly room: string,
    userId: string,
    serverUrl: string = collabServerUrl(),
  ) {
    this.persistence = new IndexeddbPersistence(offlineStoreName(userId, room), this.doc);
    this.provider = new WebsocketProvider(serverUrl, room, this.doc, {
      disableBc: true,
      connect: false,
    });
    this.installHandlers();
    this.snapshotCache = this.compute();

    void this.persistence.whenSynced.then(() => {
      this.localLoaded = true;
      this.changed();
    });
    this.doc.on('update', this.onUpdate);
    this.provider.on('status', this.changed);
    this.provider.on('sync', this.onSync);
    this.provider.on('closed', this.onClosed);
    this.provider.on('connection-close', this.onConnectionClose);
    window.addEventListener('offline', this.goOffline);
    window.addEventListener('online', this.goOnline);
    if (navigator.onLine) this.provider.connect();
    else this.connectionLost = true;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomSnapshot => this.snapshotCache;

  destroy(): void {
    this.destroyed = true;
    this.listeners.clear();
    this.doc.off('update', this.onUpdate);
    this.provider.off('status', this.changed);
    this.provider.off('sync', this.onSync);
    this.provider.off('closed', this.onClosed);
    this.provider.off('connection-close', this.onConnectionClose);
    window.removeEventListener('offline', this.goOffline);
    window.removeEventListener('online', this.goOnline);
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }

  private installHandlers(): void {
    const handlers = this.provider.messageHandlers;
    const sync = handlers[MESSAGE_SYNC];
    if (!sync) throw new Error('y-websocket has no sync handler');
    handlers[MESSAGE_SYNC] = this.onSyncMessage(sync);
    handlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.onRejected(reason));
    };
    handlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      mergeInto(this.saved, Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
      this.deletionPending = false;
      this.changed();
    };
    handlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
      const access = parseAccess(decoding.readVarString(decoder));
      if (access) {
        this.access = access;
        this.changed();
      }
    };
  }

  /**
   * The server persists before it relays, so its own state vector (sent as sync step 1 on
   * every connect) is stored state too: with it a reconnect that changes nothing reads "saved".
   */
  private onSyncMessage(original: Handler): Handler {
    return (encoder: encoding.Encoder, decoder: decoding.Decoder, ...rest) => {
      const peek = decoding.createDecoder(decoder.arr.subarray(decoder.pos));
      if (decoding.readVarUint(peek) === syncProtocol.messageYjsSyncStep1) {
        mergeInto(this.saved, Y.decodeStateVector(decoding.readVarUint8Array(peek)));
      }
      original(encoder, decoder, ...rest);
    };
  }

  private onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider) {
      // Whatever the server sends us, it has stored already.
      mergeInto(this.saved, Y.parseUpdateMeta(update).to);
    } else if (origin !== this.persistence && Y.parseUpdateMeta(update).to.size === 0) {
      this.deletionPending = true;
    }
    this.changed();
  };

  private onRejected(reason: string): void {
    if (!isRejectReason(reason)) return;
    this.rejection = { reason, seq: (this.rejection?.seq ?? 0) + 1 };
    this.changed();
    // A store failure is temporary: reconnecting makes the sync handshake resend what is missing.
    if (reason === 'store_failed') {
      setTimeout(() => {
        if (this.destroyed) return;
        this.provider.disconnect();
        this.provider.connect();
      }, 0);
    }
  }

  private onSync = (synced: boolean): void => {
    if (synced) this.hasSynced = true;
    this.changed();
  };

  // A dead network can leave a socket looking open for half a minute; the browser knows sooner.
  private goOffline = (): void => {
    this.provider.disconnect();
    this.connectionLost = true;
    this.changed();
  };

  private goOnline = (): void => {
    if (this.closedCode === null) this.provider.connect();
  };

  // A connection that closes (or never opens) means offline, even before the first sync.
  private onConnectionClose = (): void => {
    this.connectionLost = true;
    this.changed();
  };

  private onClosed = (event: { code: number; reason: string }): void => {
    this.closedCode = event.code;
    this.closedReason = event.reason || null;
    this.changed();
  };

  private changed = (): void => {
    const next = this.compute();
    const current = this.snapshotCache;
    if (
      next.status === current.status &&
      next.connected === current.connected &&
      next.loaded === current.loaded &&
      next.access === current.access &&
      next.rejection === current.rejection &&
      next.closedCode === current.closedCode &&
      next.closedReason === current.closedReason
    ) {
      return;
    }
    this.snapshotCache = next;
    this.listeners.forEach((listener) => listener());
  };

  private compute(): RoomSnapshot {
    const connected = this.provider.wsconnected;
    const synced = connected && this.provider.synced;
    return {
      status: this.status(connected, synced),
      connected,
      loaded: synced || (this.localLoaded && !isEmptyDoc(this.doc)),
      access: this.access,
      rejection: this.rejection,
      closedCode: this.closedCode,
      closedReason: this.closedReason,
    };
  }

  private status(connected: boolean, synced: boolean): RoomSaveStatus {
    if (!connected) return this.hasSynced || this.connectionLost ? 'offline' : 'connecting';
    if (!synced) return 'connecting';
    if (!this.deletionPending && isCovered(localStateVector(this.doc), this.saved)) return 'saved';
    return this.access?.mode === 'read' || this.rejection?.reason === 'invalid_update'
      ? 'unsaved'
      : 'saving';
  }
}

function localStateVector(doc: Y.Doc): StateVector {
  const vector: StateVector = new Map();
  for (const client of doc.store.clients.keys()) vector.set(client, Y.getState(doc.store, client));
  return vector;
}

function isEmptyDoc(doc: Y.Doc): boolean {
  return doc.store.clients.size === 0;
}
