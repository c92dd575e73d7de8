// Socket.io's official Redis adapter: room broadcasts and fetchSockets (presence) reach the
// sockets of every instance. It gets connections of its own, under the deployment's prefix.
import { createAdapter } from '@socket.io/redis-adapter';
import type { RedisClientType } from 'redis';
import type { Logger } from '../logger';
import { closeRedisClients, createRedisPair } from './redisPubSub';

/** fetchSockets waits this long for the other instances before it fails (presence falls back). */
const REQUESTS_TIMEOUT_MS = 3_000;

/** Commands the adapter sends without awaiting them; with Redis down each one rejects. */
const FIRE_AND_FORGET = [
  'publish',
  'sendCommand',
  'subscribe',
  'pSubscribe',
  'unsubscribe',
  'pUnsubscribe',
] as const;

/**
 * The adapter calls `publish` and friends without handling a rejection, and a rejection nobody
 * handles stops the process. Each command's promise gets a handler (the caller still sees it fail).
 */
function handleRejections(client: RedisClientType, logger: Logger): void {
  const methods = client as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of FIRE_AND_FORGET) {
    const original = methods[name];
    if (typeof original !== 'function') continue;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      if (result instanceof Promise)
        result.catch((error: unknown) =>
          logger.debug({ err: error, command: name }, 'socket.io redis command failed'),
        );
      return result;
    };
  }
}

export interface SocketIoRedis {
  adapter: ReturnType<typeof createAdapter>;
  /** Resolves once both connections are ready (they keep trying in the background either way). */
  connected: Promise<void>;
  close(): Promise<void>;
}

export function createSocketIoRedis(options: {
  url: string;
  prefix: string;
  logger: Logger;
}): SocketIoRedis {
  // While Redis is down a broadcast reaches this instance's sockets only.
  const { publisher: pub, subscriber: sub } = createRedisPair(options.url, 'neuvottelu-io');
  for (const client of [pub, sub]) {
    client.on('error', (error: unknown) =>
      options.logger.debug({ err: error }, 'socket.io redis connection error'),
    );
    handleRejections(client, options.logger);
  }
  const connected = Promise.all([pub.connect(), sub.connect()]).then(() => undefined);
  connected.catch(() => undefined);
  return {
    adapter: createAdapter(pub, sub, {
      key: `${options.prefix}socket.io`,
      requestsTimeout: REQUESTS_TIMEOUT_MS,
    }),
    connected,
    async close() {
      await closeRedisClients([pub, sub]);
    },
  };
}
