// One collab room in the browser: its Y.Doc, the y-websocket connection, the offline copy in
// IndexedDB, and what the server said about access and saving.
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  COLLAB_CLOSE_REASON,
  COLLAB_PATH,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_SAVED,
  MESSAGE_STORAGE,
  REJECT_REASONS,
  STORAGE_STATES,
  type RejectReason,
  type RoomAccess,
} from '../../shared/memo/protocol';
import { SaveTracker } from '../../shared/memo/saveTracker';
import { offlineStoreName } from './offlineStore';
import type { RoomSaveStatus } from './saveStatus';

/** The close code of a room that could not store or load (see COLLAB_CLOSE_REASON). */
const CLOSE_INTERNAL_ERROR = 1011;

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
  /** How many times edits made without a connection have since been stored in full. */
  offlineEditsMerged: number;
}

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
  /** What the server has told us is stored (shared/memo/saveTracker.ts). */
  private readonly tracker = new SaveTracker();
  /** The server cannot store now: it said so, or closed the room for that reason. */
  private storageTrouble = false;
  private access: RoomAccess | null = null;
  private rejection: RoomRejection | null = null;
  private closedCode: number | null = null;
  private closedReason: string | null = null;
  private localLoaded = false;
  private hasSynced = false;
  private connectionLost = false;
  /** Edits made without a connection that the server has not yet stored. */
  private offlineEdits = false;
  private offlineEditsMerged = 0;
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
      WebSocketPolyfill: countingWebSocket(this.tracker),
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
    handlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, this.doc, (_doc, reason) => this.onRejected(reason));
    };
    handlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      this.tracker.savedMessage(decoder);
      this.changed();
    };
    handlers[MESSAGE_STORAGE] = (_encoder, decoder) => {
      this.storageTrouble = STORAGE_STATES[decoding.readVarUint(decoder)] === 'stalled';
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

  private onUpdate = (update: Uint8Array, origin: unknown): void => {
    // Whatever the server sends us, it has stored already.
    if (origin === this.provider) this.tracker.serverUpdate(update);
    else if (origin !== this.persistence) {
      // The provider's own update handler ran first: an open socket has sent it already.
      const ws = this.provider.ws;
      const sent = this.provider.wsconnected && ws !== null && ws.readyState === WebSocket.OPEN;
      this.tracker.localUpdate(update, sent);
      if (!sent) this.offlineEdits = true;
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
  private onConnectionClose = (event: CloseEvent | null): void => {
    this.connectionLost = true;
    if (event?.code === CLOSE_INTERNAL_ERROR)
      this.storageTrouble = event.reason === COLLAB_CLOSE_REASON.storageUnavailable;
    this.changed();
  };

  private onClosed = (event: { code: number; reason: string }): void => {
    this.closedCode = event.code;
    this.closedReason = event.reason || null;
    this.changed();
  };

  private changed = (): void => {
    let next = this.compute();
    if (next.status === 'saved' && this.offlineEdits) {
      this.offlineEdits = false;
      this.offlineEditsMerged += 1;
      next = this.compute();
    }
    const current = this.snapshotCache;
    if (
      next.status === current.status &&
      next.connected === current.connected &&
      next.loaded === current.loaded &&
      next.access === current.access &&
      next.rejection === current.rejection &&
      next.closedCode === current.closedCode &&
      next.closedReason === current.closedReason &&
      next.offlineEditsMerged === current.offlineEditsMerged
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
      offlineEditsMerged: this.offlineEditsMerged,
    };
  }

  private status(connected: boolean, synced: boolean): RoomSaveStatus {
    const allSaved = this.tracker.allSaved(this.doc);
    if (!allSaved && this.storageTrouble && this.hasSynced) return 'notStoring';
    if (!connected) return this.hasSynced || this.connectionLost ? 'offline' : 'connecting';
    if (!synced) return 'connecting';
    if (allSaved) return 'saved';
    return this.access?.mode === 'read' || this.rejection?.reason === 'invalid_update'
      ? 'unsaved'
      : 'saving';
  }
}

/** A WebSocket that tells the tracker what it sends (y-websocket takes the class to use). */
function countingWebSocket(tracker: SaveTracker): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      tracker.socketOpened();
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (data instanceof Uint8Array) tracker.frameSent(data);
      else if (data instanceof ArrayBuffer) tracker.frameSent(new Uint8Array(data));
      super.send(data);
    }
  };
}

function isEmptyDoc(doc: Y.Doc): boolean {
  return doc.store.clients.size === 0;
}
