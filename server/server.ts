import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COLLAB_PATH } from '../shared/memo/protocol';
import { SOCKET_IO_PATH } from '../shared/realtime/events';
import { createApp, type AppOptions } from './app';
import { AuditLog } from './audit/auditLog';
import { createCollabServer } from './collab';
import { SessionService } from './auth/sessions';
import type { AppContext } from './context';
import type { Database } from './db/collection';
import { openDatabase } from './db/open';
import type { Config } from './env';
import type { Logger } from './logger';
import { startConsentReminders } from './consent/reminders';
import { createMailer } from './mail/mailer';
import { Outbox } from './mail/outbox';
import { startOutboxSender } from './mail/outboxSender';
import { attachRealtime } from './realtime';
import { createLocalEventBus } from './realtime/bus';
import { createLocalPubSub } from './realtime/pubsub';
import { createRepositories } from './repositories';

export interface RunningServer {
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

const HOUSEKEEPING_MS = 10 * 60_000;
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
  let url = '';
  const events = createLocalEventBus((error) =>
    logger.error({ err: error }, 'meeting event listener failed'),
  );
  const ctx: AppContext = {
    config,
    db,
    repos,
    sessions: new SessionService(repos, config.sessionTtlMs, events),
    outbox: new Outbox({
      repo: repos.outbox,
      mailer: createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom }),
      logger,
      policy: config.outbox,
    }),
    logger,
    events,
    pubsub: createLocalPubSub(),
    audit: new AuditLog(repos.auditLog, logger),
    publicUrl: () => config.publicUrl ?? url,
  };
  const app = createApp(ctx, options);
  const server = http.createServer(app);
  const collab = createCollabServer(ctx);
  const realtime = attachRealtime(server, ctx);
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
  // Without SMTP nothing is stored, and mail left pending waits for SMTP to be configured.
  const mail = ctx.outbox.configured
    ? startOutboxSender(ctx.outbox, Math.min(OUTBOX_POLL_MS, config.outbox.retryBaseMs), logger)
    : null;

  return {
    ctx,
    url,
    async close() {
      clearInterval(housekeeping);
      await reminders.stop();
      await mail?.stop();
      await realtime.close();
      await collab.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!options.db) await db.close();
    },
  };
}
