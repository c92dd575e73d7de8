// PLACEHOLDER: replaced by the collab server implementation.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MemoSummary } from '../../shared/memo/summary';
import type { AppContext } from '../context';

export interface CollabServer {
  /** Answer an HTTP upgrade on /collab/<room>: authenticate, authorise, then speak y-websocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The memo's running summary for a meeting, loading its rooms if needed. */
  summarize(meetingId: string): Promise<MemoSummary>;
  /** Store what is pending, compact, and close every connection. */
  close(): Promise<void>;
}

export function createCollabServer(_ctx: AppContext): CollabServer {
  return {
    handleUpgrade(_req, socket) {
      socket.end('HTTP/1.1 501 Not Implemented\r\nConnection: close\r\n\r\n');
    },
    summarize() {
      return Promise.resolve({ sections: [] });
    },
    close() {
      return Promise.resolve();
    },
  };
}
