// The seam between server instances: everything that one part of the server tells another about
// a meeting goes through here. Today it is in-process; with several instances it becomes Redis
// pub/sub, so no listener may rely on living in the same process as the publisher.
import type { MeetingStatus } from '../../shared/meetings';
import type { ConfidentialityChange } from '../../shared/confidentiality';
import type {
  EditRejected,
  FollowUpReminder,
  MeetingInvited,
  MemoDelivered,
} from '../../shared/realtime/events';
import type { ConsentNotice } from '../../shared/api/consent';
import type { Role } from '../../shared/roles';
import type { InstancePubSub } from './pubsub';

export type MeetingEvent =
  /** A meeting's status changed (through the API, or the chair's approval). */
  | { type: 'meetingStatus'; meetingId: string; status: MeetingStatus }
  /** The server recorded a confidentiality change in the memo. */
  | { type: 'confidentialityChanged'; change: ConfidentialityChange }
  /** The collab server dropped one user's edit. */
  | { type: 'editRejected'; userId: string; notice: EditRejected }
  /** A memo version was approved: tell these members (ids only cross instances, plus the notice). */
  | { type: 'memoDelivered'; userIds: string[]; notice: MemoDelivered }
  /** A meeting's invitation, update or cancellation went out: tell these members. */
  | { type: 'meetingInvited'; userIds: string[]; notice: MeetingInvited }
  | { type: 'followUpReminder'; userIds: string[]; notice: FollowUpReminder }
  /** Something awaits (or happened to) a consent request: tell these negotiators. */
  | { type: 'consentNotice'; userIds: string[]; notice: ConsentNotice }
  /** A request's consent state changed (answer, new round, release): these negotiators refetch. */
  | { type: 'consentChanged'; userIds: string[]; requestId: string }
  /** Every party consented: a statement's live room locks. */
  | { type: 'consentReleased'; requestId: string; kind: 'statement' }
  /** A statement was put to consent (its text locks) or taken back for editing (it unlocks). */
  | { type: 'statementLock'; statementId: string; locked: boolean }
  /**
   * A delegation of the approval to a vice-chair was made or ended (issue 19): these members'
   * pages re-read who may approve (the server checks it again at the approval anyway).
   */
  | { type: 'approvalDelegationChanged'; userIds: string[]; groupId: string }
  /** A session ended (logout, new login): close its live connections. */
  | { type: 'sessionEnded'; userId: string; sessionHash: string }
  /** All but one of a user's sessions ended (password change): close their live connections. */
  | { type: 'otherSessionsEnded'; userId: string; keptSessionHash: string }
  /**
   * Who speaks for a party may have changed (issue 19): a meeting's attendance was recorded, or
   * (`meetingId` null) the group's rule on deputies changed. Open party rooms re-read it.
   */
  | { type: 'speakingChanged'; groupId: string; meetingId: string | null }
  /**
   * A member's role or party changed, or they left the group (`role` null). Open connections act
   * on these facts at once and then re-read the stored membership, which wins if events raced.
   */
  | {
      type: 'membershipChanged';
      groupId: string;
      userId: string;
      role: Role | null;
      partyId: string | null;
    };

/** A member's new standing in a group, as published by the member routes. */
export type MembershipChange = Extract<MeetingEvent, { type: 'membershipChanged' }>;

export type MeetingEventListener = (event: MeetingEvent) => void;

export interface MeetingEventBus {
  publish(event: MeetingEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: MeetingEventListener): () => void;
}

/** One process: listeners run on the next tick, as they would behind a real broker. */
export function createLocalEventBus(onListenerError: (error: unknown) => void): MeetingEventBus {
  const listeners = new Set<MeetingEventListener>();
  return {
    publish(event) {
      for (const listener of listeners) {
        queueMicrotask(() => {
          try {
            listener(event);
          } catch (error) {
            onListenerError(error);
          }
        });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The channel (under the deployment's prefix) that carries meeting events between instances. */
export const EVENTS_CHANNEL = 'events';

const EVENT_TYPES = new Set<string>([
  'meetingStatus',
  'confidentialityChanged',
  'editRejected',
  'memoDelivered',
  'meetingInvited',
  'followUpReminder',
  'consentNotice',
  'consentChanged',
  'consentReleased',
  'statementLock',
  'approvalDelegationChanged',
  'sessionEnded',
  'otherSessionsEnded',
  'membershipChanged',
] satisfies MeetingEvent['type'][]);

function parseEvent(payload: Uint8Array): MeetingEvent | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload).toString('utf8'));
    if (typeof value !== 'object' || value === null || !('type' in value)) return null;
    return typeof value.type === 'string' && EVENT_TYPES.has(value.type)
      ? (value as MeetingEvent)
      : null;
  } catch {
    return null;
  }
}

/**
 * Several instances: listeners here hear every event at once (also while Redis is down), and the
 * other instances hear it through `pubsub`. Events say what changed; every listener that acts on
 * one re-reads the database (or is swept against it every few seconds), so an event lost while
 * Redis was down delays a change and never decides it. Resolves once it hears the others.
 */
export async function createInstanceEventBus(
  pubsub: InstancePubSub,
  onListenerError: (error: unknown) => void,
  onMalformed: (payload: Uint8Array) => void,
): Promise<MeetingEventBus & { close(): Promise<void> }> {
  const local = createLocalEventBus(onListenerError);
  const unsubscribe = await pubsub.subscribe(EVENTS_CHANNEL, (payload) => {
    const event = parseEvent(payload);
    if (event) local.publish(event);
    else onMalformed(payload);
  });
  return {
    publish(event) {
      local.publish(event);
      pubsub.publish(EVENTS_CHANNEL, Buffer.from(JSON.stringify(event), 'utf8'));
    },
    subscribe: (listener) => local.subscribe(listener),
    close: unsubscribe,
  };
}
