// InstancePubSub over Redis (node-redis): one connection publishes, a dedicated one subscribes
// (a subscribed Redis connection can do nothing else). Redis pub/sub delivers at most once and
// only to those subscribed at that moment; pubsub.ts says why that is enough.
import { randomBytes } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../logger';
import type { InstancePubSub, Unsubscribe } from './pubsub';

/** A restarted Redis is picked up within this long; retries never pile up faster than 20 a second. */
const MAX_RECONNECT_DELAY_MS = 500;
/** A Redis that accepts no connection within this long counts as down for this attempt. */
const CONNECT_TIMEOUT_MS = 2_000;

export interface RedisPubSub extends InstancePubSub {
  /** Resolves once both connections are ready (they keep trying in the background either way). */
  readonly connected: Promise<void>;
  /** Messages dropped since start because Redis was not reachable when they were published. */
  readonly dropped: number;
}

export interface RedisClientOptions {
  url: string;
  /** Connection name shown by CLIENT LIST, for an operator looking at Redis. */
  name: string;
  /**
   * Fail commands at once while the link is down instead of queueing them without limit until it
   * is back. Subscriber connections queue: they only send (bounded) SUBSCRIBE commands.
   */
  failFastWhileDown: boolean;
}

/** A node-redis client that reconnects quickly and forever, and never crashes on its errors. */
export function createRedisClient(options: RedisClientOptions): RedisClientType {
  return createClient({
    url: options.url,
    name: options.name,
    disableOfflineQueue: options.failFastWhileDown,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries) => Math.min(50 * (retries + 1), MAX_RECONNECT_DELAY_MS),
    },
  });
}

/**
 * The two connections a pub/sub user needs: a publisher that fails fast while Redis is down, and
 * a subscriber (which can do nothing else) that queues its subscriptions until Redis is back.
 */
export function createRedisPair(
  url: string,
  name: string,
): { publisher: RedisClientType; subscriber: RedisClientType } {
  return {
    publisher: createRedisClient({ url, name: `${name}-pub`, failFastWhileDown: true }),
    subscriber: createRedisClient({ url, name: `${name}-sub`, failFastWhileDown: false }),
  };
}

/** Close gracefully what is connected; a client still trying to reach Redis has nothing to finish. */
export async function closeRedisClients(clients: RedisClientType[]): Promise<void> {
  await Promise.all(
    clients.map(async (client) => {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else client.destroy();
    }),
  );
}

/** How long a waiting instance sleeps at most between two tries for a turn. */
const MAX_TURN_POLL_MS = 4;
/** Delete the turn's key only if it still holds our token. */
const RELEASE_TURN =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

/** The id that tags what this process publishes, so that it can drop its own messages. */
function newInstanceId(): Buffer {
  return randomBytes(8);
}

/** `[id length][id][payload]`: binary-safe, and one byte of overhead beyond the id. */
function frame(instanceId: Buffer, payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(instanceId.length), instanceId, payload]);
}

function unframe(message: Buffer): { from: Buffer; payload: Uint8Array } | null {
  const idLength = message[0];
  if (idLength === undefined || message.length < 1 + idLength) return null;
  return {
    from: message.subarray(1, 1 + idLength),
    // A view, not a copy; bounded: the message is often a slice of the reader's larger buffer.
    payload: new Uint8Array(
      message.buffer,
      message.byteOffset + 1 + idLength,
      message.length - 1 - idLength,
    ),
  };
}

export function createRedisPubSub(options: {
  url: string;
  /** Namespace of this deployment: every channel name starts with it. */
  prefix: string;
  logger: Logger;
}): RedisPubSub {
  const { logger } = options;
  const instanceId = newInstanceId();
  const { publisher, subscriber } = createRedisPair(options.url, 'neuvottelu');
  const channels = new Map<
    string,
    { listeners: Set<(payload: Uint8Array) => void>; subscribed: Promise<unknown> }
  >();
  const linkListeners = new Set<(linked: boolean) => void>();
  let linked = false;
  let dropped = 0;
  let droppedWhileDown = 0;
  let closed = false;

  // node-redis emits `ready` only after it has re-subscribed every channel, so `true` reaches
  // the listeners once messages flow again.
  function updateLink() {
    const now = !closed && publisher.isReady && subscriber.isReady;
    if (now === linked) return;
    linked = now;
    if (now) {
      logger.info({ dropped: droppedWhileDown }, 'redis link up: messages reach other instances');
      droppedWhileDown = 0;
    } else if (!closed) {
      logger.warn('redis link down: other instances do not hear this one until it is back');
    }
    for (const listener of linkListeners) {
      try {
        listener(now);
      } catch (error) {
        logger.error({ err: error }, 'redis link listener failed');
      }
    }
  }
  for (const client of [publisher, subscriber]) {
    // Every attempt while Redis is down fails once more: the link change says it once.
    client.on('error', (error: unknown) => {
      logger.debug({ err: error }, 'redis connection error');
      updateLink();
    });
    for (const event of ['ready', 'end', 'reconnecting'])
      client.on(event, () => {
        updateLink();
      });
  }

  function onMessage(name: string, message: Buffer) {
    const entry = channels.get(name);
    const unframed = unframe(message);
    if (!entry || !unframed) return;
    if (unframed.from.equals(instanceId)) return;
    for (const listener of entry.listeners) {
      try {
        listener(unframed.payload);
      } catch (error) {
        logger.error({ err: error, channel: name }, 'pub/sub listener failed');
      }
    }
  }

  const connected = Promise.all([publisher.connect(), subscriber.connect()]).then(() => undefined);
  // Rejects only when closed before ever connecting; the clients retry on their own otherwise.
  connected.catch(() => undefined);

  return {
    shared: true,
    get linked() {
      return linked;
    },
    get dropped() {
      return dropped;
    },
    connected,
    publish(channel, payload) {
      if (closed || !publisher.isReady) {
        dropped += 1;
        droppedWhileDown += 1;
        return;
      }
      publisher.publish(options.prefix + channel, frame(instanceId, payload)).catch(() => {
        // The link dropped while the message was on its way.
        dropped += 1;
        droppedWhileDown += 1;
      });
    },
    async subscribe(channel, listener): Promise<Unsubscribe> {
      const name = options.prefix + channel;
      let entry = channels.get(name);
      if (!entry) {
        const subscribed = subscriber.subscribe(
          name,
          (message: Buffer) => onMessage(name, message),
          true,
        );
        subscribed.catch(() => undefined);
        entry = { listeners: new Set(), subscribed };
        channels.set(name, entry);
      }
      const listeners = entry.listeners;
      listeners.add(listener);
      // While the link is down the subscription waits for it; the caller need not: the link's
      // `true` tells it to catch up from the store once messages flow again.
      if (subscriber.isReady) await entry.subscribed.catch(() => undefined);
      return async () => {
        listeners.delete(listener);
        if (listeners.size > 0 || channels.get(name)?.listeners !== listeners) return;
        channels.delete(name);
        if (closed) return;
        const unsubscribed = subscriber.unsubscribe(name).catch(() => undefined);
        // While Redis is down there is nothing to wait for: the channel is no longer re-subscribed.
        if (subscriber.isReady) await unsubscribed;
      };
    },
    async takeTurn(name, { holdMs, waitMs }) {
      const key = `${options.prefix}turn:${name}`;
      const token = randomBytes(8).toString('hex');
      const deadline = Date.now() + waitMs;
      for (let pause = 1; ; pause = Math.min(pause * 2, MAX_TURN_POLL_MS)) {
        if (closed || !publisher.isReady || Date.now() >= deadline) return () => undefined;
        const taken = await publisher
          .set(key, token, { condition: 'NX', expiration: { type: 'PX', value: holdMs } })
          .catch(() => null);
        if (taken === 'OK')
          return () => {
            // Only our own turn is given back: one that lapsed may be someone else's by now.
            publisher
              .eval(RELEASE_TURN, { keys: [key], arguments: [token] })
              .catch(() => undefined);
          };
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    },
    onLinkChange(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      linkListeners.clear();
      channels.clear();
      await closeRedisClients([publisher, subscriber]);
    },
  };
}
