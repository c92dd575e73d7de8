// The collab WebSocket protocol: y-websocket's messages plus our own, on the same socket.
// Every message is a lib0 varUint message type followed by its payload.

/** y-protocols sync (step 1, step 2, update). */
export const MESSAGE_SYNC = 0;
/** y-protocols awareness (presence and carets). */
export const MESSAGE_AWARENESS = 1;
/** y-protocols auth: the server sends a permission-denied reason (a `RejectReason`). */
export const MESSAGE_AUTH = 2;
/** y-websocket's "send me everyone's awareness". */
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Ours, server → client: a Yjs state vector (varUint8Array), then how many of the update messages
 * this connection sent the server has handled (varUint; absent means 0). Everything at or below
 * the vector is durably stored, and every update message up to that count is stored or was
 * refused (with MESSAGE_AUTH). Sent on connect (the whole stored vector) and, after each stored
 * batch, to the connections of its writers (their client ids only). The server stores before it
 * relays, so a client also counts every update it receives from the server as stored. Only
 * stored state is ever sent: never the state of updates that are applied but not yet stored.
 * See shared/memo/saveTracker.ts for the client's rule.
 */
export const MESSAGE_SAVED = 100;
/** Ours, server → client: a JSON `RoomAccess` (varString), on connect and whenever it changes. */
export const MESSAGE_ACCESS = 101;
/**
 * Ours, server → client: whether the server is storing (varUint, a `StorageState` index). Sent
 * when it changes and, as a keepalive, to connections that have heard nothing for a while. It
 * never says anything is stored.
 */
export const MESSAGE_STORAGE = 102;

/**
 * `ok`: stores as usual. `stalled`: a store has waited for the database for a few seconds;
 * nothing more is acknowledged until it answers, and edits wait on the client.
 */
export const STORAGE_STATES = ['ok', 'stalled'] as const;
export type StorageState = (typeof STORAGE_STATES)[number];

/** What the connection may do in its room. */
export interface RoomAccess {
  mode: 'write' | 'read';
  /** Why the connection is read-only. */
  reason: 'locked' | 'not_allowed' | null;
}

/** Why the server dropped an update; sent with MESSAGE_AUTH. */
export const REJECT_REASONS = [
  /** The connection may only read this room (e.g. another party's room). */
  'read_only',
  /** The memo is approved and locked. */
  'locked',
  /** The update did not decode, referenced unknown content or broke the memo's schema. */
  'invalid_update',
  /** The database could not store the update; the client should resend by reconnecting. */
  'store_failed',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Largest WebSocket message the collab endpoint accepts, in bytes. */
export const MAX_COLLAB_MESSAGE_BYTES = 2 * 1024 * 1024;

/** The collab endpoint's path prefix; the room name follows it. */
export const COLLAB_PATH = '/collab';

/** WebSocket close codes the server uses. */
export const COLLAB_CLOSE = {
  /** A frame did not decode or broke the protocol. */
  protocolError: 1002,
  /** The frame was larger than MAX_COLLAB_MESSAGE_BYTES. */
  tooLarge: 1009,
  /** The session ended or expired, or the membership changed (the reason says which). */
  unauthorized: 4401,
} as const;

/** Close reasons (with 4401, or 1011 for storage), so the client can say what happened. */
export const COLLAB_CLOSE_REASON = {
  /** With 1011: the room could not store or load; the client reconnects and resends. */
  storageUnavailable: 'storage unavailable',
  /** The member's role or party changed, or they left the group. */
  membership: 'membership changed',
  sessionEnded: 'session ended',
  sessionExpired: 'session expired',
} as const;
