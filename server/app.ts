import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './context';
import { notFound } from './errors';
import type { ApiRouter } from './http/api';
import { csrfGuard } from './http/csrf';
import { errorHandler } from './http/errorHandler';
import { buildOpenApi } from './http/openapi';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { consentRoutes } from './routes/consent';
import { continuityRoutes } from './routes/continuity';
import { declassificationRoutes } from './routes/declassification';
import { documentRoutes } from './routes/documents';
import { publicationRoutes } from './routes/publication';
import { exportRoutes } from './routes/export';
import { groupRoutes } from './routes/groups';
import { invitationRoutes } from './routes/invitations';
import { mailRoutes } from './routes/mail';
import { approvalRoutes } from './routes/approval';
import { meetingRoutes } from './routes/meetings';
import { memberRoutes } from './routes/members';
import { profileRoutes } from './routes/profile';
import { publicApiRoutes } from './routes/public';
import { metricsEndpoint, requestTimer } from './metrics/endpoint';
import { publicPages } from './routes/public/pages';
import { calendarFeedRoutes } from './calendar/feed';
import { statementRoutes } from './routes/statements';
import { versionRoutes } from './routes/versions';

/** /readyz answers within this long, 503 when the database has not answered. */
const READY_TIMEOUT_MS = 1_500;

/** Requests a probe or a scraper makes every few seconds: not worth a log line each. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** Largest JSON body we accept; a meeting with a full agenda is far below it. */
export const MAX_JSON_BODY = '256kb';

export interface AppOptions {
  /** Built client assets; when absent the API still works and `/` explains how to build. */
  clientDir?: string;
  /** Set while the server shuts down: /readyz answers 503 and no connection is kept alive. */
  lifecycle?: { readonly draining: boolean };
}

export function createApp(ctx: AppContext, options: AppOptions = {}): Express {
  const app = express();
  const secure = ctx.publicUrl().startsWith('https://');
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(requestTimer(ctx.metrics));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Plain http on localhost must not be told to upgrade every request to https.
          upgradeInsecureRequests: secure ? [] : null,
          connectSrc: ["'self'"],
        },
      },
      strictTransportSecurity: secure,
    }),
  );
  app.use(
    pinoHttp({
      logger: ctx.logger,
      // Paths only: query strings and bodies can carry tokens or memo text.
      serializers: {
        req: (req: { method: string; url: string; id: unknown }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => PROBES.has((req.url ?? '').split('?')[0] ?? '') },
    }),
  );

  app.use((_req, res, next) => {
    // A connection kept alive would outlive the drain; the client opens a new one elsewhere.
    if (options.lifecycle?.draining) res.setHeader('Connection', 'close');
    next();
  });
  app.get('/metrics', metricsEndpoint(ctx.metrics, ctx.config.metricsToken));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (options.lifecycle?.draining) {
      res.status(503).json({ error: { code: 'unavailable', message: 'Shutting down.' } });
      return;
    }
    // A hung database must not hang the probe: a load balancer needs an answer in time.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([ctx.db.ping(), late]);
      // Several instances: one that cannot reach Redis neither hears nor tells the others, so a
      // load balancer should send people to another instance while it lasts.
      if (!ctx.pubsub.linked) {
        res.status(503).json({ error: { code: 'unavailable', message: 'Redis not reachable.' } });
        return;
      }
      res.json({ status: 'ready', engine: ctx.db.engine });
    } catch {
      res.status(503).json({ error: { code: 'unavailable', message: 'Database not reachable.' } });
    } finally {
      clearTimeout(timer);
    }
  });

  const routers: ApiRouter[] = [
    authRoutes(ctx),
    profileRoutes(ctx),
    groupRoutes(ctx),
    memberRoutes(ctx),
    invitationRoutes(ctx),
    mailRoutes(ctx),
    meetingRoutes(ctx),
    documentRoutes(ctx),
    continuityRoutes(ctx),
    approvalRoutes(ctx),
    versionRoutes(ctx),
    exportRoutes(ctx),
    auditRoutes(ctx),
    statementRoutes(ctx),
    consentRoutes(ctx),
    declassificationRoutes(ctx),
    publicationRoutes(ctx),
    publicApiRoutes(ctx),
  ];
  // Built on first request: converting every schema takes tens of milliseconds, which a server
  // start need not wait for.
  let openapi: ReturnType<typeof buildOpenApi> | undefined;

  const api = express.Router();
  api.use((_req, res, next) => {
    // API answers can hold confidential memo content: no browser or proxy cache keeps a copy.
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(express.json({ limit: MAX_JSON_BODY, strict: true }));
  api.use(csrfGuard(() => [ctx.publicUrl()]));
  api.use(async (req, _res, next) => {
    req.auth = await ctx.sessions.authenticate(req.headers.cookie);
    next();
  });
  api.get('/openapi.json', (_req, res) => {
    openapi ??= buildOpenApi(routers.flatMap((r) => r.routes));
    res.json(openapi);
  });
  for (const router of routers) api.use(router.router);
  api.use((_req, _res, next) => next(notFound('API route')));
  app.use('/api', api);
  // The public page (no login), server-rendered: before the client's app shell claims the path.
  app.use(publicPages(ctx));
  // A user's private calendar feed: its token is the key, so no login (issue 19).
  app.use(calendarFeedRoutes(ctx));

  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    const index = path.join(options.clientDir, 'index.html');
    app.use(express.static(options.clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET gets the app shell.
    app.get(/^\/(?!api\/|socket\.io\/|collab\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text').send('The client is not built: run `npm run build`, or use `npm start`.');
    });
  }

  app.use((_req, _res, next) => next(notFound('Page')));
  app.use(errorHandler(ctx.logger));
  return app;
}
