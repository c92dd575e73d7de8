import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { COLLAB_PATH } from '../shared/memo/protocol';
import { SOCKET_IO_PATH } from '../shared/realtime/events';
import { createApp, type AppOptions } from './app';
import { AuditLog } from './audit/auditLog';
import { createCollabServer } from './collab';
import { SessionService } from './auth/sessions';
import type { AppContext } from './context';
import type { Database } from './db/collection';
import { openDatabase } from './db/open';
import { openDocumentStore } from './documents/open';
import type { Config } from './env';
import type { Logger } from './logger';
import { startConsentReminders } from './consent/reminders';
import { startFollowUpReminders } from './continuity/reminders';
import { createMailer } from './mail/mailer';
import { Metrics } from './metrics';
import { Outbox } from './mail/outbox';
import { startOutboxSender } from './mail/outboxSender';
import { attachRealtime } from './realtime';
import { createInstanceEventBus, createLocalEventBus, type MeetingEventBus } from './realtime/bus';
import { createLocalPubSub, type InstancePubSub } from './realtime/pubsub';
import type { SocketIoRedis } from './realtime/redisAdapter';
import { createRepositories } from './repositories';

export interface RunningServer {
  ctx: AppContext;
  url: string;
  /**
   * Drain and stop: not ready first, then no new connections, requests in flight finish (cut
   * off after the drain limit), live rooms are stored and their sockets closed with 1001.
   */
  close(): Promise<ShutdownReport>;
}

export interface ShutdownReport {
  /** Connections still busy at the drain limit, closed with whatever they were doing. */
  abortedConnections: number;
}

const HOUSEKEEPING_MS = 10 * 60_000;
/**
 * Start-up waits this long for Redis, then serves anyway (reporting not ready until Redis
 * answers): instances restart in any order, and one must not wait for Redis to come first.
 */
const REDIS_STARTUP_WAIT_MS = 5_000;

/** Resolves when `promise` does or after `ms`, whichever comes first; true if it did. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true).catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

interface InstanceLinks {
  pubsub: InstancePubSub;
  events: MeetingEventBus;
  socketIo: SocketIoRedis | undefined;
  close(): Promise<void>;
}

/** The event bus and the links to other instances: Redis when configured, else this process. */
async function linkInstances(config: Config, logger: Logger): Promise<InstanceLinks> {
  const onListenerError = (error: unknown) =>
    logger.error({ err: error }, 'meeting event listener failed');
  if (!config.redis) {
    return {
      pubsub: createLocalPubSub(),
      events: createLocalEventBus(onListenerError),
      socketIo: undefined,
      close: () => Promise.resolve(),
    };
  }
  // Loaded only when configured: one instance never pays the Redis client's memory.
  const [{ createRedisPubSub }, { createSocketIoRedis }] = await Promise.all([
    import('./realtime/redisPubSub'),
    import('./realtime/redisAdapter'),
  ]);
  const pubsub = createRedisPubSub({ ...config.redis, logger });
  const socketIo = createSocketIoRedis({ ...config.redis, logger });
  if (!(await within(Promise.all([pubsub.connected, socketIo.connected]), REDIS_STARTUP_WAIT_MS)))
    logger.warn('redis not reachable yet: serving, and not ready until it answers');
  const events = await createInstanceEventBus(pubsub, onListenerError, (payload) =>
    logger.warn({ bytes: payload.byteLength }, 'malformed meeting event from redis dropped'),
  );
  return {
    pubsub,
    events,
    socketIo,
    async close() {
      await events.close();
      await pubsub.close();
    },
  };
}

/** How often the outbox looks for mail due again (stored mail is sent at once). */
const OUTBOX_POLL_MS = 5_000;

/** Open the database, build the app and listen. Used by main.ts and by the tests alike. */
export async function startServer(
  config: Config,
  logger: Logger,
  options: AppOptions & { db?: Database } = {},
): Promise<RunningServer> {
  const db = options.db ?? (await openDatabase(config.storage, { logger, owner: 'server' }));
  const repos = createRepositories(db);
  const documents = await openDocumentStore(config.storage, db);
  let url = '';
  const links = await linkInstances(config, logger);
  const { events } = links;
  const ctx: AppContext = {
    config,
    db,
    repos,
    documents,
    sessions: new SessionService(repos, config.sessionTtlMs, events),
    outbox: new Outbox({
      repo: repos.outbox,
      mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
      logger,
      policy: config.outbox,
    }),
    logger,
    events,
    pubsub: links.pubsub,
    audit: new AuditLog(repos.auditLog, logger),
    publicUrl: () => config.publicUrl ?? url,
    metrics: new Metrics(),
  };
  const lifecycle = { draining: false };
  const app = createApp(ctx, { ...options, lifecycle });
  const server = http.createServer(app);
  const collab = createCollabServer(ctx);
  const realtime = attachRealtime(server, ctx, links.socketIo);
  ctx.metrics.watch({
    roomsLoaded: () => collab.stats().rooms,
    collabConnections: () => collab.stats().connections,
    unsavedUpdates: () => collab.stats().unsavedUpdates,
    socketIoConnections: () => realtime.connections(),
    outboxPending: () => repos.outbox.countPending(),
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // Socket.io's engine answers its own upgrades from a listener of its own.
    if (path.startsWith(`${SOCKET_IO_PATH}/`)) return;
    if (path.startsWith(`${COLLAB_PATH}/`)) return collab.handleUpgrade(req, socket, head);
    // No other WebSocket endpoint exists: refuse the upgrade outright.
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  }).catch(async (error: unknown) => {
    // Open Redis connections would keep a process that cannot serve from exiting.
    await realtime.close();
    await links.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  const housekeeping = setInterval(() => {
    Promise.all([repos.sessions.deleteExpired(), repos.rateLimits.deleteExpired()]).catch(
      (error: unknown) => logger.warn({ err: error }, 'housekeeping failed'),
    );
  }, HOUSEKEEPING_MS);
  housekeeping.unref();
  const reminders = startConsentReminders(ctx);
  const followUpReminders = startFollowUpReminders(ctx);
  // Without SMTP nothing is stored, and mail left pending waits for SMTP to be configured.
  const mail = ctx.outbox.configured
    ? startOutboxSender(ctx.outbox, Math.min(OUTBOX_POLL_MS, config.outbox.retryBaseMs), logger)
    : null;

  return {
    ctx,
    url,
    async close() {
      lifecycle.draining = true;
      if (config.drain.notReadyMs > 0) await sleep(config.drain.notReadyMs);
      const deadline = Date.now() + config.drain.timeoutMs;
      clearInterval(housekeeping);
      // Stops accepting and closes idle keep-alive connections; requests in flight go on, and
      // their responses close their connections (app.ts) so that the server can finish.
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await reminders.stop();
      await followUpReminders.stop();
      await mail?.stop();
      await Promise.all([realtime.close(), collab.close()]);
      server.closeIdleConnections();
      let abortedConnections = 0;
      if (!(await within(httpClosed, deadline - Date.now()))) {
        abortedConnections = await new Promise<number>((resolve) =>
          server.getConnections((_error, count) => resolve(count)),
        );
        logger.warn(
          { connections: abortedConnections, drainMs: config.drain.timeoutMs },
          'drain limit reached: closing connections still busy',
        );
        server.closeAllConnections();
        await httpClosed;
      }
      // After Socket.io and collab: what they stored while closing may still be announced.
      await links.close();
      if (!options.db) await db.close();
      return { abortedConnections };
    },
  };
}
