import type { AuditRecorder } from './audit/auditLog';
import type { SessionService } from './auth/sessions';
import type { Database } from './db/collection';
import type { DocumentStore } from './documents/store';
import type { Config } from './env';
import type { Logger } from './logger';
import type { Outbox } from './mail/outbox';
import type { Metrics } from './metrics';
import type { MeetingEventBus } from './realtime/bus';
import type { InstancePubSub } from './realtime/pubsub';
import type { Repositories } from './repositories';

/** Everything a route needs, built once in main.ts (or a test) and passed down. */
export interface AppContext {
  config: Config;
  db: Database;
  repos: Repositories;
  /** The bytes of agenda documents: GridFS on MongoDB, DATA_DIR/documents when embedded. */
  documents: DocumentStore;
  sessions: SessionService;
  /** Every email is stored here first and sent by the outbox job (`server/mail/`). */
  outbox: Outbox;
  logger: Logger;
  /** Meeting events between the API, the collab server and Socket.io (a pub/sub seam). */
  events: MeetingEventBus;
  /** Messages to the other server instances (Redis), for what the bus does not carry. */
  pubsub: InstancePubSub;
  /** The groups' append-only, hash-chained audit log (`record` never throws). */
  audit: AuditRecorder;
  /** Where the app is reached; links in emails point here. */
  publicUrl: () => string;
  /** This process's Prometheus metrics (/metrics). */
  metrics: Metrics;
}
