// Messages between server instances. With one instance (no REDIS_URL) there is nobody to tell;
// with several, Redis pub/sub carries them (redisPubSub.ts). Pub/sub delivers at most once:
// whatever must not be lost is stored in the database first, and a message only says what
// changed and where to read it, so that an instance that missed one can catch up from the store.

export type Unsubscribe = () => Promise<void>;

export interface InstancePubSub {
  /** Several instances may run (Redis is configured); false means this process is alone. */
  readonly shared: boolean;
  /** Whether messages reach the other instances now (always true when alone). */
  readonly linked: boolean;
  /** Send to every other instance subscribed to `channel`; never to this one. Never throws. */
  publish(channel: string, payload: Uint8Array): void;
  /**
   * Hear what other instances publish on `channel`. Resolves once the subscription is active,
   * so that a caller who subscribes before reading the store misses nothing in between.
   */
  subscribe(channel: string, listener: (payload: Uint8Array) => void): Promise<Unsubscribe>;
  /**
   * The link went down (`false`) or came back (`true`). After it comes back, messages sent in
   * between are gone: listeners catch up from the store.
   */
  onLinkChange(listener: (linked: boolean) => void): () => void;
  /**
   * Take turns with the other instances at something they would otherwise race for (appending
   * to one room's log): resolves with `release` once this instance has the turn, or once
   * `waitMs` passed or Redis is down, going ahead anyway. Only an optimisation — unique keys in
   * the database decide every race — so it never throws, and a turn lapses after `holdMs`.
   */
  takeTurn(name: string, options: { holdMs: number; waitMs: number }): Promise<() => void>;
  close(): Promise<void>;
}

/** One process: nobody else to tell. */
export function createLocalPubSub(): InstancePubSub {
  return {
    shared: false,
    linked: true,
    publish() {},
    subscribe: () => Promise.resolve(() => Promise.resolve()),
    onLinkChange: () => () => undefined,
    takeTurn: () => Promise.resolve(() => undefined),
    close: () => Promise.resolve(),
  };
}
