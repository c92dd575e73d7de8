// The server's metrics in Prometheus's format: a registry of this process's own (several servers
// in one test process must not share one). Invariant 3: metrics leave the trust boundary, so no
// label value is ever content, a name, an email or an id — routes are patterns, reasons are
// fixed words.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the collab rooms count (RoomDeps.metrics). */
export interface CollabMetrics {
  /** One append of a batch to a room's update log took `seconds`. */
  stored(seconds: number): void;
  /** A batch could not be stored: nothing of it was acknowledged. */
  storeFailed(): void;
}

export type LoginFailure = 'wrong_credentials' | 'throttled';

/** Readings taken when Prometheus scrapes, from the parts that hold the state. */
export interface MetricSources {
  roomsLoaded(): number;
  collabConnections(): number;
  /** Updates received and not yet stored, in every room's write pipeline. */
  unsavedUpdates(): number;
  socketIoConnections(): number;
  /** Mail waiting to be sent (a database read: bounded by OUTBOX_READ_TIMEOUT_MS). */
  outboxPending(): Promise<number>;
}

/** A scrape must answer in time even when the database does not. */
const OUTBOX_READ_TIMEOUT_MS = 1_000;

export class Metrics implements CollabMetrics {
  readonly registry = new Registry();
  private sources: MetricSources | undefined;
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly storeDuration: Histogram;
  private readonly storeFailures: Counter;
  private readonly loginFailures: Counter<'reason'>;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'neuvottelu_http_request_duration_seconds',
      help: 'HTTP request durations by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.storeDuration = new Histogram({
      name: 'neuvottelu_collab_store_duration_seconds',
      help: 'Time to append one batch of live edits to a room’s update log',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.storeFailures = new Counter({
      name: 'neuvottelu_collab_store_failures_total',
      help: 'Batches of live edits that could not be stored (none of them acknowledged)',
      registers,
    });
    this.loginFailures = new Counter({
      name: 'neuvottelu_login_failures_total',
      help: 'Refused logins: wrong email or password, or too many attempts',
      labelNames: ['reason'],
      registers,
    });
    for (const reason of ['wrong_credentials', 'throttled'] as const)
      this.loginFailures.inc({ reason }, 0);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client binds `this` in collect
    const metrics = this;
    const reading = (name: string, help: string, read: (sources: MetricSources) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          // Before the server has wired its sources there is nothing to read.
          if (metrics.sources) this.set(read(metrics.sources));
        },
      });
    reading('neuvottelu_collab_rooms_loaded', 'Live memo rooms held in memory', (s) =>
      s.roomsLoaded(),
    );
    reading('neuvottelu_collab_connections', 'Open live-editing WebSocket connections', (s) =>
      s.collabConnections(),
    );
    reading(
      'neuvottelu_collab_unsaved_updates',
      'Live edits received and not yet stored (queued in the rooms’ write pipelines)',
      (s) => s.unsavedUpdates(),
    );
    reading('neuvottelu_socketio_connections', 'Open Socket.io connections', (s) =>
      s.socketIoConnections(),
    );
    new Gauge({
      name: 'neuvottelu_outbox_pending',
      help: 'Emails waiting in the outbox to be sent (NaN when the database did not answer in time)',
      registers,
      async collect() {
        if (!metrics.sources) return;
        const pending = await withTimeout(metrics.sources.outboxPending(), OUTBOX_READ_TIMEOUT_MS);
        // Unknown is not zero: NaN lets a dashboard and an alert tell the two apart.
        this.set(pending ?? NaN);
      },
    });
  }

  /** Wired once the parts the gauges read exist (server.ts). */
  watch(sources: MetricSources): void {
    this.sources = sources;
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  stored(seconds: number): void {
    this.storeDuration.observe(seconds);
  }

  storeFailed(): void {
    this.storeFailures.inc();
  }

  loginFailed(reason: LoginFailure): void {
    this.loginFailures.inc({ reason });
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), ms)),
  );
  try {
    return await Promise.race([promise.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
