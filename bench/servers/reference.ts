// The reference y-websocket server (@y/websocket-server), started as its bin/server.js does,
// plus the bench's IPC commands. Persistence: its own YPERSISTENCE switch (y-leveldb).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { docs, getPersistence, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { notify, serve } from '../lib/ipc';
import { mergedState, PEER_AGENDA, typedMemoUpdates } from '../lib/memoLayout';
import { listenPort, memoryHandlers } from './common';

interface LeveldbProvider {
  storeUpdate(docName: string, update: Uint8Array): Promise<number>;
}

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  // No-op auth: the reference server takes anyone.
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});

serve({
  ...memoryHandlers,
  docs: () => Promise.resolve({ loaded: docs.size }),
  async seed(raw) {
    const { docName, count, snapshot } = raw as {
      docName: string;
      count: number;
      snapshot: boolean;
    };
    const persistence = getPersistence() as { provider?: LeveldbProvider } | null;
    const provider = persistence?.provider;
    if (!provider) throw new Error('the reference server runs without persistence');
    const updates = typedMemoUpdates(PEER_AGENDA, count);
    const started = performance.now();
    if (snapshot) await provider.storeUpdate(docName, mergedState(updates));
    else for (const update of updates) await provider.storeUpdate(docName, update);
    return { updates: updates.length, seedMs: performance.now() - started };
  },
});

server.listen(listenPort(), '127.0.0.1', () => {
  notify('listening', { port: (server.address() as AddressInfo).port });
});
