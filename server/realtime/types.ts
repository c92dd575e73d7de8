import type { RemoteSocket, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/events';
import type { Role } from '../../shared/roles';

/** What the server learned about one connection; never anything the client claimed. */
export interface SocketData {
  userId: string;
  name: string;
  sessionHash: string;
  /**
   * The caller's membership in each meeting they joined, checked at the join. A plain object
   * rather than a Map: with a cross-instance adapter, socket data travels as JSON.
   */
  meetings: Record<string, { role: Role; partyId: string | null }>;
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
