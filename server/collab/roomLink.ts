// A loaded room's line to the other instances that hold the same room: what this instance
// stored goes out with its log sequence number, and what they stored comes in (see
// instanceMessages.ts). The log in the database stays the truth; a message only saves the
// others a read, and one that is missed shows up as a gap in the sequence, read from the store.
import type { Logger } from '../logger';
import type { InstancePubSub, Unsubscribe } from '../realtime/pubsub';
import {
  decodeInstanceMessage,
  encodeInstanceMessage,
  type InstanceMessage,
} from './instanceMessages';

/** Messages kept while the room loads; more means a busy room, read from the store instead. */
const MAX_EARLY_MESSAGES = 1_000;
/** Announced entries kept for a writer that loses a race for their numbers (roomLog.ts). */
const MAX_HEARD_ENTRIES = 512;
const MAX_HEARD_BYTES = 4 * 1024 * 1024;
/** A subscription that takes longer (Redis down) is left to finish, or to be made on relink. */
const SUBSCRIBE_WAIT_MS = 2_000;

export class RoomLink {
  private unsubscribe: Unsubscribe | null = null;
  private subscribing: Promise<void> | null = null;
  /** Messages that came before the room was loaded; null once it is. */
  private early: InstanceMessage[] | null = [];
  /** Messages were dropped (before the load, or while unsubscribed): read the store. */
  private missed = false;
  private closed = false;
  /** The latest entries other instances announced, by sequence number. */
  private readonly heardEntries = new Map<number, Uint8Array>();
  private heardBytes = 0;
  /** When another instance last said it stored an entry of this room. */
  private lastHeardStoredAt = -Infinity;

  constructor(
    private readonly pubsub: InstancePubSub,
    private readonly room: string,
    private readonly logger: Logger,
    private readonly receive: (message: InstanceMessage) => void,
  ) {}

  private get channel(): string {
    return `collab:${this.room}`;
  }

  /**
   * Subscribe, waiting a little for it: done before the room reads the store, so that nothing
   * stored after that read goes unheard. Never throws; without Redis the room still loads, and
   * the instance reads the store for its rooms until Redis is back (instanceSync.ts).
   */
  async open(): Promise<void> {
    if (!this.pubsub.shared || this.unsubscribe || this.closed) return;
    this.subscribing ??= this.pubsub
      .subscribe(this.channel, (payload) => this.hear(payload))
      .then(
        async (unsubscribe) => {
          if (this.closed) await unsubscribe();
          else this.unsubscribe = unsubscribe;
        },
        (error: unknown) => {
          this.missed = true;
          this.logger.warn(
            { err: error, room: this.room },
            'room could not subscribe to instances',
          );
        },
      )
      .finally(() => {
        this.subscribing = null;
      });
    const subscribed = this.subscribing;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      subscribed,
      new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          this.missed = true;
          resolve();
        }, SUBSCRIBE_WAIT_MS);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }

  /**
   * The room is loaded: hand over what came meanwhile and ask the others for their editors'
   * carets. Returns whether something may have been missed (the room then reads the store).
   */
  loaded(): boolean {
    const early = this.early ?? [];
    this.early = null;
    for (const message of early) this.receive(message);
    this.send({ type: 'awarenessQuery' });
    return this.takeMissed();
  }

  /** Whether messages may have been lost since last asked (and forget it). */
  takeMissed(): boolean {
    const missed = this.missed;
    this.missed = false;
    return missed;
  }

  send(message: InstanceMessage): void {
    if (this.pubsub.shared && !this.closed)
      this.pubsub.publish(this.channel, encodeInstanceMessage(message));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.early = null;
    await this.subscribing;
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = null;
    await unsubscribe?.().catch((error: unknown) =>
      this.logger.warn({ err: error, room: this.room }, 'room unsubscribe failed'),
    );
  }

  private remember(seq: number, update: Uint8Array): void {
    if (this.heardEntries.has(seq)) return;
    this.heardEntries.set(seq, update);
    this.heardBytes += update.length;
    // Oldest first in insertion order: announcements come roughly in sequence.
    for (const [oldSeq, old] of this.heardEntries) {
      if (this.heardEntries.size <= MAX_HEARD_ENTRIES && this.heardBytes <= MAX_HEARD_BYTES) break;
      this.heardEntries.delete(oldSeq);
      this.heardBytes -= old.length;
    }
  }

  /** Whether another instance stored an entry of this room within the last `ms`. */
  othersWroteWithin(ms: number): boolean {
    return Date.now() - this.lastHeardStoredAt <= ms;
  }

  /** Entry `seq`, if another instance announced it lately with its content. */
  heard(seq: number): Uint8Array | undefined {
    return this.heardEntries.get(seq);
  }

  private hear(payload: Uint8Array): void {
    if (this.closed) return;
    const message = decodeInstanceMessage(payload);
    if (!message) {
      this.logger.warn({ room: this.room }, 'dropped an unreadable message from another instance');
      return;
    }
    if (message.type === 'stored') {
      this.lastHeardStoredAt = Date.now();
      if (message.update) this.remember(message.seq, message.update);
    }
    if (!this.early) {
      this.receive(message);
      return;
    }
    if (this.early.length < MAX_EARLY_MESSAGES) this.early.push(message);
    else this.missed = true;
  }
}
