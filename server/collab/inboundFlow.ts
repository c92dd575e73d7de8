// The pace at which one socket's frames reach its room. Every frame is charged to the socket's,
// its session's and its room's budgets; a sender over budget is slowed by pausing its TCP socket
// (the kernel's flow control pushes back on the client), and one that keeps flooding through what
// was already buffered is closed. Carets are coalesced: per client id, the newest state replaces
// any still waiting (a provider also echoes the other editors' states on the same socket).
import { takeAll, type Charge, type TokenBucket } from '../limits/tokenBucket';
import { readAwarenessUpdate, type AwarenessEntry } from './awareness';
import type { ClientMessage, RoomMessage } from './messages';
import { ProtocolError } from './protocolError';
import {
  AWARENESS_QUERY_COST,
  CARET_INTERVAL_MS,
  SYNC_REQUEST_COST,
  type FlowBudgets,
} from './quotas';

/** Frames held back (while the room loads, or while the sender is over budget). */
const MAX_WAITING_FRAMES = 256;
const MAX_WAITING_BYTES = 8 * 1024 * 1024;
/** Client ids whose carets wait at once; a connection owns a few, it may echo the room's. */
const MAX_WAITING_CARETS = 256;

export interface FlowTarget {
  /** False while the receiver cannot take messages yet (the room is still loading). */
  isReady(): boolean;
  /** Hand a message on; never throws (the connection closes itself on bad input). */
  deliver(message: RoomMessage): void;
  /** The sender broke the protocol: close it. */
  fail(error: unknown): void;
  /** Stop and resume reading the socket. */
  pause(): void;
  resume(): void;
}

export class InboundFlow {
  private readonly waiting: { message: ClientMessage; bytes: number }[] = [];
  private waitingBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private paused = false;
  /** The newest waiting awareness entry per client id. */
  private readonly carets = new Map<number, AwarenessEntry>();
  private caretTimer: NodeJS.Timeout | null = null;
  private lastCaretAt = 0;
  private room: TokenBucket | null = null;
  private stopped = false;

  constructor(
    private readonly budgets: FlowBudgets,
    private readonly target: FlowTarget,
  ) {}

  /** The room's own budget, once the socket is in a room. */
  joinRoom(budget: TokenBucket): void {
    this.room = budget;
  }

  /** A message from the socket. Throws ProtocolError when the sender floods past every limit. */
  receive(message: ClientMessage, bytes: number): void {
    if (this.stopped) return;
    this.waitingBytes += bytes;
    if (
      this.waiting.push({ message, bytes }) > MAX_WAITING_FRAMES ||
      this.waitingBytes > MAX_WAITING_BYTES
    )
      throw new ProtocolError('too many frames waiting: slow down');
    this.pump();
  }

  /** Deliver what the budgets allow now; pause the socket and come back when they refill. */
  pump(): void {
    if (this.stopped) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    // Not in a room yet: its start() pumps again.
    if (!this.target.isReady()) return;
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      const wait = takeAll(this.charges(next.message, next.bytes));
      if (wait > 0) {
        this.pauseFor(wait);
        return;
      }
      this.waiting.shift();
      this.waitingBytes -= next.bytes;
      if (next.message.type !== 'awareness') this.target.deliver(next.message);
      else if (!this.holdCarets(next.message.update)) return;
      if (this.stopped) return;
    }
    if (this.paused) {
      this.paused = false;
      this.target.resume();
    }
    if (this.carets.size > 0 && !this.caretTimer) this.scheduleCaret();
  }

  /** Keep the newest entry per client id; false (and the connection failed) on garbage. */
  private holdCarets(update: Uint8Array): boolean {
    let entries: AwarenessEntry[];
    try {
      entries = readAwarenessUpdate(update);
    } catch (error) {
      this.target.fail(error);
      return false;
    }
    for (const entry of entries) {
      const waiting = this.carets.get(entry.clientID);
      if (waiting) {
        if (entry.clock >= waiting.clock) this.carets.set(entry.clientID, entry);
      } else if (this.carets.size < MAX_WAITING_CARETS) {
        this.carets.set(entry.clientID, entry);
      }
    }
    return true;
  }

  private pauseFor(ms: number): void {
    if (!this.paused) {
      this.paused = true;
      this.target.pause();
    }
    this.timer = setTimeout(() => this.pump(), ms);
    this.timer.unref();
  }

  private charges(message: ClientMessage, bytes: number): Charge[] {
    const charges: Charge[] = this.budgets.bytes.map((bucket) => ({ bucket, cost: bytes }));
    // Carets count against their own budget when they are passed on (see scheduleCaret).
    if (message.type === 'awareness') return charges;
    const cost = messageCost(message);
    for (const bucket of this.budgets.messages) charges.push({ bucket, cost });
    if (this.room) charges.push({ bucket: this.room, cost });
    return charges;
  }

  /**
   * A caret waits for the text sent before it (it must not overtake it), at least
   * CARET_INTERVAL_MS after the previous caret, and for the session's caret budget.
   */
  private scheduleCaret(): void {
    if (this.caretTimer || this.stopped || this.carets.size === 0 || !this.target.isReady()) return;
    if (this.waiting.length > 0) return; // pump() comes back here once the text is through
    const now = Date.now();
    const wait = Math.max(
      this.lastCaretAt + CARET_INTERVAL_MS - now,
      this.budgets.carets.waitFor(1, now),
    );
    if (wait <= 0) {
      this.flushCaret(now);
      return;
    }
    this.caretTimer = setTimeout(() => {
      this.caretTimer = null;
      this.scheduleCaret();
    }, wait);
    this.caretTimer.unref();
  }

  private flushCaret(now: number): void {
    if (this.carets.size === 0) return;
    const entries = [...this.carets.values()];
    this.carets.clear();
    this.lastCaretAt = now;
    this.budgets.carets.take(1, now);
    this.target.deliver({ type: 'carets', entries });
  }

  stop(): void {
    this.stopped = true;
    this.waiting.length = 0;
    this.carets.clear();
    if (this.timer) clearTimeout(this.timer);
    if (this.caretTimer) clearTimeout(this.caretTimer);
    this.timer = this.caretTimer = null;
  }
}

/** How many messages a frame counts as: answering a sync request encodes the whole document. */
function messageCost(message: ClientMessage): number {
  if (message.type === 'syncStep1') return SYNC_REQUEST_COST;
  if (message.type === 'queryAwareness') return AWARENESS_QUERY_COST;
  return 1;
}
