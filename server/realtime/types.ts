import type { RemoteSocket, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/events';
import type { Role } from '../../shared/roles';

/** What the server learned about one connection; never anything the client claimed. */
export interface SocketData {
  userId: string;
  name: string;
  sessionHash: string;
  /** When the session ends by itself (epoch milliseconds): the socket disconnects then. */
  sessionExpiresAt: number;
  /**
   * The caller's membership in each meeting they joined, checked at the join and kept current
   * (liveRights.ts). A plain object rather than a Map: with a cross-instance adapter, socket
   * data travels as JSON.
   */
  meetings: Record<string, { role: Role; partyId: string | null; groupId: string }>;
}

// No server-to-server events: everything between instances goes through the meeting event bus.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};

export type RealtimeIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type RealtimeSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type AnyRealtimeSocket = RealtimeSocket | RemoteSocket<ServerToClientEvents, SocketData>;
