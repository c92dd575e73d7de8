// One WebSocket of one editor in one room: reads frames at the pace its budgets allow, holds who
// it is and what it may do (both can change while it is open: rights follow the member).
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import type { RoomAccess } from '../../shared/memo/protocol';
import { COLLAB_CLOSE } from '../../shared/memo/protocol';
import type { Actor } from '../../shared/permissions';
import type { TokenBucket } from '../limits/tokenBucket';
import type { Logger } from '../logger';
import type { AwarenessIdentity } from './awareness';
import { InboundFlow } from './inboundFlow';
import { readClientMessage, type RoomMessage } from './messages';
import { ProtocolError } from './protocolError';
import type { FlowBudgets } from './quotas';

/** The server is shutting down; the client should come back later. */
export const CLOSE_GOING_AWAY = 1001;
/** The room could not store or load; the client reconnects, resyncs and resends. */
export const CLOSE_INTERNAL_ERROR = 1011;

/** A client that reads this slowly is gone in all but name. */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;
/** How long a closing socket may take to answer the closing handshake. */
const CLOSE_HANDSHAKE_MS = 2_000;
/** y-websocket drops a connection that hears nothing for 30 s. */
const KEEPALIVE_MS = 15_000;

export interface ConnectionIdentity extends AwarenessIdentity {
  sessionHash: string;
  /** When the session ends by itself. */
  sessionExpiresAt: Date;
}

export interface MessageHandler {
  onMessage(connection: Connection, message: RoomMessage): void;
  onClose(connection: Connection): void;
  /** The connection's actor changed: decide its access again. */
  onRightsChanged(connection: Connection): void;
}

export interface ConnectionOptions {
  ws: WebSocket;
  /** The TCP socket under `ws` (the one handed to the upgrade). */
  transport: Duplex;
  identity: ConnectionIdentity;
  actor: Actor;
  /** The group whose meeting or statement the room belongs to. */
  groupId: string;
  access: RoomAccess;
  budgets: FlowBudgets;
  logger: Logger;
  /** Called once when the connection is gone, whatever closed it. */
  onGone: (connection: Connection) => void;
}

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  readonly groupId: string;
  identity: ConnectionIdentity;
  actor: Actor;
  access: RoomAccess;
  private readonly ws: WebSocket;
  private readonly transport: Duplex;
  private readonly logger: Logger;
  private readonly onGone: (connection: Connection) => void;
  private readonly flow: InboundFlow;
  private handler: MessageHandler | null = null;
  /** onGone has run. */
  private gone = false;
  private alive = true;
  private lastSentAt = Date.now();
  /** Frames sent in this tick are held back and leave together (see `send`). */
  private corked = false;
  closed = false;
  /** Update messages received, numbered from 1 (see `handledThrough`). */
  private updatesReceived = 0;
  /** Received update messages not yet stored or refused. */
  private readonly unhandled = new Set<number>();
  /**
   * Closed because the member lost the right to this room: what they sent and is still queued
   * is dropped. (A socket closed for other reasons still has its queued edits stored.)
   */
  revoked = false;

  constructor(options: ConnectionOptions) {
    const { ws } = options;
    this.ws = ws;
    this.transport = options.transport;
    this.identity = options.identity;
    this.actor = options.actor;
    this.groupId = options.groupId;
    this.access = options.access;
    this.logger = options.logger;
    this.onGone = options.onGone;
    this.flow = new InboundFlow(options.budgets, {
      isReady: () => this.handler !== null && !this.closed,
      deliver: (message) => this.dispatch(message),
      fail: (error) => this.failProtocol(error),
      pause: () => ws.pause(),
      resume: () => ws.resume(),
    });
    ws.on('message', (data, isBinary) => this.onFrame(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    // ws reports bad frames (and frames over maxPayload, closing with 1009) as errors.
    ws.on('error', (error) => this.logger.debug({ err: error }, 'collab socket error'));
    ws.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.notifyClosed();
    });
  }

  /** The member's role or party changed (or the colour of their party): the room re-decides. */
  changeRights(actor: Actor, identity: ConnectionIdentity): void {
    // Also when closed: edits it sent are still queued, and they are judged by its rights now.
    this.actor = actor;
    this.identity = identity;
    try {
      this.handler?.onRightsChanged(this);
    } catch (error) {
      this.failProtocol(error);
    }
  }

  /** Number a newly received update message; it stays unhandled until `handled`. */
  receivedUpdate(): number {
    this.updatesReceived += 1;
    this.unhandled.add(this.updatesReceived);
    return this.updatesReceived;
  }

  /** The update message numbered `index` is stored, or was refused and the client told. */
  handled(index: number): void {
    this.unhandled.delete(index);
  }

  /** Every update message up to this number is stored or refused (MESSAGE_SAVED's count). */
  get handledThrough(): number {
    let lowest = this.updatesReceived + 1;
    for (const index of this.unhandled) if (index < lowest) lowest = index;
    return lowest - 1;
  }

  /** Whether the room has welcomed it (sent its state); before that it hears nothing else. */
  get started(): boolean {
    return this.handler !== null;
  }

  get userId(): string {
    return this.identity.id;
  }

  /** Start handing frames to the room (the ones that came early first, in order). */
  start(handler: MessageHandler, roomBudget: TokenBucket): void {
    this.handler = handler;
    this.flow.joinRoom(roomBudget);
    this.flow.pump();
    if (this.closed) this.notifyClosed();
  }

  private onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.closed) return;
    try {
      if (!isBinary) throw new ProtocolError('text frame');
      const bytes = toBytes(data);
      this.flow.receive(readClientMessage(bytes), bytes.length);
    } catch (error) {
      this.failProtocol(error);
    }
  }

  private dispatch(message: RoomMessage): void {
    try {
      this.handler?.onMessage(this, message);
    } catch (error) {
      this.failProtocol(error);
    }
  }

  /** Garbage or a handler that choked on it: this connection goes, the room stays as it was. */
  failProtocol(error: unknown): void {
    if (error instanceof ProtocolError)
      this.logger.warn({ problem: error.message }, 'collab protocol error');
    else this.logger.error({ err: error }, 'collab message handler failed');
    this.close(COLLAB_CLOSE.protocolError, 'protocol error');
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.logger.warn('collab client too slow; dropping it');
      this.ws.terminate();
      return;
    }
    this.lastSentAt = Date.now();
    // A keystroke usually reaches a receiver as two frames in the same tick, the text and then
    // the caret. Corking the socket until the tick ends sends them in one write(2) instead of
    // one each: the fan-out to every editor is most of the server's CPU while people type.
    if (!this.corked) {
      this.corked = true;
      this.transport.cork();
      process.nextTick(this.uncork);
    }
    this.ws.send(frame);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.transport.uncork();
  };

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
    // The client's half of the closing handshake must be read, even from a socket paused for
    // flooding; a client that never sends it is cut off soon after.
    if (this.ws.isPaused) this.ws.resume();
    const cutOff = setTimeout(() => this.ws.terminate(), CLOSE_HANDSHAKE_MS);
    cutOff.unref();
    this.ws.once('close', () => clearTimeout(cutOff));
    // The room forgets the connection now; the socket's own close event may come much later.
    this.notifyClosed();
  }

  private notifyClosed(): void {
    this.flow.stop();
    try {
      this.handler?.onClose(this);
    } catch (error) {
      this.logger.error({ err: error }, 'collab close handler failed');
    }
    if (this.gone) return;
    this.gone = true;
    try {
      this.onGone(this);
    } catch (error) {
      this.logger.error({ err: error }, 'collab connection bookkeeping failed');
    }
  }

  /**
   * Called every few seconds: drops a socket whose pong never came, pings the rest, and returns
   * true when the client has heard nothing for a while and should be sent something.
   */
  heartbeat(): boolean {
    if (this.closed) return false;
    if (!this.alive) {
      this.ws.terminate();
      return false;
    }
    this.alive = false;
    this.ws.ping();
    return Date.now() - this.lastSentAt >= KEEPALIVE_MS;
  }
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
