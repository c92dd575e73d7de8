// What a collab room needs from the rest of the server: storage, the bus, the audit log, rights.
import type { AuditRecorder } from '../audit/auditLog';
import type { Logger } from '../logger';
import type { CollabMetrics } from '../metrics';
import type { MeetingEventBus } from '../realtime/bus';
import type { InstancePubSub } from '../realtime/pubsub';
import type { Repositories } from '../repositories';
import type { Connection } from './connection';
import type { CollabQuotaConfig } from './quotas';

export interface RoomDeps {
  repos: Pick<
    Repositories,
    'collabLog' | 'collabClients' | 'meetings' | 'consent' | 'confidentialityChanges' | 'groups'
  >;
  events: MeetingEventBus;
  /** The other instances holding the same rooms (roomLink.ts). */
  pubsub: InstancePubSub;
  /**
   * Lowered confidentiality levels and stance changes go to the group's audit log, and so do
   * refused writes to a statement (an attempt to change words under consent, or to smuggle
   * consent into the document).
   */
  audit: AuditRecorder;
  /**
   * Re-decide these writers' rights from their memberships as stored now (closing those who are
   * no longer negotiators); called before every batch is stored.
   */
  confirmRights: (connections: Iterable<Connection>) => Promise<void>;
  logger: Logger;
  /** Store latency and failed stores, for /metrics. */
  metrics: CollabMetrics;
  /** Compact the log into a snapshot after this many stored entries. */
  compactEvery: number;
  quotas: CollabQuotaConfig;
}
