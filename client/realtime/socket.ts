import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_IO_PATH,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/realtime/events';

export type MeetingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A Socket.io connection to our own server, not yet connected. The session cookie goes along
 * (same origin), and the server checks it again on every (re)connection.
 */
export function createMeetingSocket(): MeetingSocket {
  return io({
    path: SOCKET_IO_PATH,
    withCredentials: true,
    // WebSocket first; long-polling when a proxy on the way blocks WebSockets.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    autoConnect: false,
  });
}
