import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

// The only place that reads process.env: everything else takes a Config.

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A host name or address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Names Express's `trust proxy` knows for ranges of private addresses. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or subnet (`10.0.0.0/8`, `fd00::/8`) or one of PROXY_RANGE_NAMES. */
function isProxyAddress(value: string): boolean {
  if (PROXY_RANGE_NAMES.has(value)) return true;
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return (
    bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
  );
}

/**
 * Which proxies may tell us a client's address in X-Forwarded-For: none (`false`), the nearest
 * `n` hops (`true` is one), or the proxies' addresses and subnets. Never "every hop": a client
 * could then name its own address and walk around every per-address limit.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string[] => {
    if (['false', 'no', '0'].includes(value)) return false;
    if (['true', 'yes'].includes(value)) return 1;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const addresses = value.split(',').map((item) => item.trim());
    if (addresses.every(isProxyAddress)) return addresses;
    ctx.addIssue({
      code: 'custom',
      message:
        'must be false, true (one proxy), a number of proxy hops, or proxy addresses/subnets separated by commas',
    });
    return z.NEVER;
  });

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/)
    .default('neuvottelu'),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:.-]{1,80}$/)
    .optional(),
  SEED_DEMO: booleanFlag.optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Neuvottelu <no-reply@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  INVITATION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(168),
  LOGIN_ATTEMPTS_PER_15_MIN: z.coerce.number().int().positive().max(10_000).default(10),
  TRUST_PROXY: trustProxy.default(false),
  RIGHTS_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  COLLAB_IDLE_MS: z.coerce.number().int().min(10).max(86_400_000).default(30_000),
  COLLAB_COMPACT_EVERY: z.coerce.number().int().min(1).max(1_000_000).default(200),
  COLLAB_SESSION_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(60),
  COLLAB_SESSION_ROOMS: z.coerce.number().int().min(1).max(100_000).default(40),
  COLLAB_SESSION_UPGRADES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(240),
  COLLAB_UPDATES_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(40),
  CONSENT_REMINDER_LEAD_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 60)
    .default(1440),
  CONSENT_REMINDER_INTERVAL_MS: z.coerce.number().int().min(10).max(86_400_000).default(60_000),
  OUTBOX_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{24,256}$/, 'must be 24 to 256 printable characters without spaces')
    .optional(),
  DRAIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  DRAIN_NOT_READY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  OUTBOX_GIVE_UP_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Where people reach the app; links in emails point here. Unset: derived from host and port. */
  publicUrl: string | undefined;
  storage: { kind: 'mongodb'; uri: string; dbName: string } | { kind: 'embedded'; dataDir: string };
  /**
   * Redis between server instances; unset means this process is the only instance. Every channel
   * and the Socket.io adapter's keys start with `prefix`: instances of one deployment share it.
   */
  redis: { url: string; prefix: string } | undefined;
  /**
   * Reachable by others: PUBLIC_URL is https:// or HOST is not a loopback address. Such a server
   * never seeds the demo and refuses to start while demo accounts exist (server/seed/firstRun.ts).
   */
  exposed: boolean;
  /** SEED_DEMO asked for: seed the demo group into an empty embedded database, if not exposed. */
  demoRequested: boolean;
  /** Seed the demo group into an empty embedded database: asked for, embedded, not exposed. */
  seedDemo: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  invitationTtlMs: number;
  /** Failed logins allowed per account in 15 minutes (ten times as many per address). */
  loginAttemptsPer15Min: number;
  /** Express's `trust proxy`: no proxy, a number of hops, or the proxies' addresses. */
  trustProxy: false | number | string[];
  /**
   * How often open connections' sessions and memberships are read again from the database: the
   * bound on how late rights follow when an event was missed (Redis down, another instance died).
   */
  rightsSweepMs: number;
  /** A live memo room nobody uses for this long is compacted and unloaded. */
  collabIdleMs: number;
  /** Compact a room's update log into a snapshot after this many stored updates. */
  collabCompactEvery: number;
  /** Live-editing quotas per session, socket and room (server/collab/quotas.ts). */
  collabQuotas: {
    /** Open collab sockets per session. */
    sessionConnections: number;
    /** Distinct rooms a session's sockets may hold open at once. */
    sessionRooms: number;
    /** Socket upgrades per session per minute (a burst of `sessionConnections` is allowed). */
    sessionUpgradesPerMinute: number;
    /** A socket's sustained messages per second; bursts, sessions and rooms are multiples. */
    updatesPerSecond: number;
  };
  /** Remind a party this long before a consent deadline (its own or the request's). */
  consentReminderLeadMs: number;
  /** How often the reminder job looks for deadlines coming up. */
  consentReminderIntervalMs: number;
  /** The bearer token Prometheus scrapes /metrics with; unset, /metrics does not exist (404). */
  metricsToken: string | undefined;
  /**
   * Shutdown (SIGTERM): /readyz answers 503 for `notReadyMs` while requests are still taken, so a
   * load balancer that probes it stops sending new ones; then requests in flight have
   * `timeoutMs` to finish before they are cut off and the process exits 1.
   */
  drain: { notReadyMs: number; timeoutMs: number };
  /** The outbox's wait after a first refusal (doubling, capped at an hour) and when it gives up. */
  outbox: { retryBaseMs: number; giveUpMs: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse and validate the environment once; a bad value names the variable and stops startup. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const exposed = !isLoopbackHost(e.HOST) || e.PUBLIC_URL?.startsWith('https:') === true;
  const demoRequested = e.SEED_DEMO ?? false;
  if (e.REDIS_URL && !e.MONGODB_URI) {
    throw new ConfigError(
      'Invalid configuration:\n  REDIS_URL: several instances need MONGODB_URI: the embedded ' +
        'database serves exactly one process, so a second instance would not see its data. ' +
        'Set MONGODB_URI, or unset REDIS_URL to run one instance.',
    );
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    storage: e.MONGODB_URI
      ? { kind: 'mongodb', uri: e.MONGODB_URI, dbName: e.MONGODB_DB }
      : { kind: 'embedded', dataDir: path.resolve(e.DATA_DIR) },
    // The deployment's instances share the database, so its name keeps two deployments (or two
    // parallel test servers) on one Redis from hearing each other.
    redis: e.REDIS_URL
      ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX ?? `neuvottelu:${e.MONGODB_DB}:` }
      : undefined,
    exposed,
    demoRequested,
    seedDemo: demoRequested && !e.MONGODB_URI && !exposed,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    invitationTtlMs: e.INVITATION_TTL_HOURS * 3_600_000,
    loginAttemptsPer15Min: e.LOGIN_ATTEMPTS_PER_15_MIN,
    trustProxy: e.TRUST_PROXY,
    rightsSweepMs: e.RIGHTS_SWEEP_MS,
    collabIdleMs: e.COLLAB_IDLE_MS,
    collabCompactEvery: e.COLLAB_COMPACT_EVERY,
    collabQuotas: {
      sessionConnections: e.COLLAB_SESSION_CONNECTIONS,
      sessionRooms: e.COLLAB_SESSION_ROOMS,
      sessionUpgradesPerMinute: e.COLLAB_SESSION_UPGRADES_PER_MINUTE,
      updatesPerSecond: e.COLLAB_UPDATES_PER_SECOND,
    },
    consentReminderLeadMs: e.CONSENT_REMINDER_LEAD_MINUTES * 60_000,
    consentReminderIntervalMs: e.CONSENT_REMINDER_INTERVAL_MS,
    metricsToken: e.METRICS_TOKEN,
    drain: { notReadyMs: e.DRAIN_NOT_READY_MS, timeoutMs: e.DRAIN_TIMEOUT_MS },
    outbox: { retryBaseMs: e.OUTBOX_RETRY_MS, giveUpMs: e.OUTBOX_GIVE_UP_HOURS * 3_600_000 },
  };
}
