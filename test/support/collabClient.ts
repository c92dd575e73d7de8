// A real y-websocket editor in Node: the browser's WebsocketProvider, speaking to the server over
// `ws` with the session cookie and our Origin, plus the two extra messages our server sends.
// For raw, byte-exact y-protocols see rawCollab.ts.
import * as decoding from 'lib0/decoding';
import * as authProtocol from 'y-protocols/auth';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  COLLAB_PATH,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_SAVED,
  MESSAGE_STORAGE,
  STORAGE_STATES,
  type RoomAccess,
  type StorageState,
} from '../../shared/memo/protocol';
import { SaveTracker } from '../../shared/memo/saveTracker';
import { mergeSaved, waitUntil } from './rawCollab';

/**
 * A `WebSocket` class for y-websocket that sends what a browser would: cookie and Origin; and,
 * like the editor's, tells a save tracker what it sends.
 */
export function browserLikeWebSocket(cookie: string, origin: string, tracker?: SaveTracker) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { Cookie: cookie, Origin: origin } });
      tracker?.socketOpened();
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      if (data instanceof Uint8Array) tracker?.frameSent(data);
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  };
}

export interface CollabEditor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The MESSAGE_SAVED vectors merged: everything at or below it is stored. */
  saved: Map<number, number> | null;
  /** The server's latest MESSAGE_STORAGE. */
  storage: StorageState;
  access: RoomAccess | null;
  /** Permission-denied reasons the server sent. */
  rejections: string[];
  /** How the server closed this editor's connections, oldest first. */
  closes: { code: number; reason: string }[];
  /** Whether every change of this editor's document is stored, by the editor's own rule. */
  allSaved(): boolean;
  /** Until synced, told its access, and all of its changes are saved. */
  settled(timeoutMs?: number): Promise<void>;
  destroy(): void;
}

/** Open `room` as a logged-in editor (the cookie of an ApiClient) with y-websocket. */
export function connectEditor(
  baseUrl: string,
  room: string,
  cookie: string,
  options: { doc?: Y.Doc } = {},
): CollabEditor {
  const doc = options.doc ?? new Y.Doc();
  const tracker = new SaveTracker();
  const provider = new WebsocketProvider(
    `${baseUrl.replace(/^http/, 'ws')}${COLLAB_PATH}`,
    room,
    doc,
    {
      disableBc: true,
      WebSocketPolyfill: browserLikeWebSocket(cookie, baseUrl, tracker) as never,
      maxBackoffTime: 500,
    },
  );
  const editor: CollabEditor = {
    doc,
    provider,
    saved: null,
    storage: 'ok',
    access: null,
    rejections: [],
    closes: [],
    allSaved: () => tracker.allSaved(doc),
    async settled(timeoutMs = 10_000) {
      await waitUntil(
        () => provider.synced && editor.access !== null && editor.allSaved(),
        timeoutMs,
        `editor of ${room} to settle`,
      );
    },
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  provider.on('connection-close', (event) => {
    if (event) editor.closes.push({ code: event.code, reason: event.reason });
  });
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    editor.saved = mergeSaved(editor.saved, tracker.savedMessage(decoder));
  };
  provider.messageHandlers[MESSAGE_STORAGE] = (_encoder, decoder) => {
    editor.storage = STORAGE_STATES[decoding.readVarUint(decoder)] ?? 'ok';
  };
  // The server stores before it relays: what it sends counts as saved (shared/memo/protocol.ts).
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === provider) {
      editor.saved = mergeSaved(editor.saved, Y.parseUpdateMeta(update).to);
      tracker.serverUpdate(update);
    } else {
      const ws = provider.ws;
      tracker.localUpdate(update, provider.wsconnected && ws?.readyState === WebSocket.OPEN);
    }
  });
  provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
    editor.access = JSON.parse(decoding.readVarString(decoder)) as RoomAccess;
  };
  provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => editor.rejections.push(reason));
  };
  return editor;
}
