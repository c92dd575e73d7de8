// Socket.io clients of the meeting room and notices, opened from Node the way a browser page of
// ours opens them: the page's Origin and the user's session cookie, no reconnection.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/realtime/events';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A new connection to the server at `url` as `cookie`'s session (not yet connected). */
export function openSocket(url: string, cookie: string): ClientSocket {
  return io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { Cookie: cookie, Origin: url },
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves once `socket` is connected; rejects when the server refuses it. */
export function socketConnected(socket: ClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Appends every packet `socket` receives to `traffic`, as it arrives (`type:data`). */
export function recordTraffic(socket: ClientSocket, traffic: string[]): void {
  socket.io.on('open', () => {
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) =>
      traffic.push(`${packet.type}:${String(packet.data)}`),
    );
  });
}
