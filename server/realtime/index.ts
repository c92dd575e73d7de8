// PLACEHOLDER: replaced by the Socket.io implementation.
import type http from 'node:http';
import type { CollabServer } from '../collab';
import type { AppContext } from '../context';

export interface RealtimeServer {
  close(): Promise<void>;
}

export function attachRealtime(
  _server: http.Server,
  _ctx: AppContext,
  _collab: Pick<CollabServer, 'summarize'>,
): RealtimeServer {
  return { close: () => Promise.resolve() };
}
