// Hocuspocus (v3) as its Server class starts it, no authentication hook, and with the SQLite
// extension when persistence is on; plus the bench's IPC commands.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import { notify, serve } from '../lib/ipc';
import { mergedState, PEER_AGENDA, typedMemoUpdates } from '../lib/memoLayout';
import { listenPort, memoryHandlers } from './common';

const UPSERT = `INSERT INTO "documents" ("name", "data") VALUES ($name, $data)
  ON CONFLICT(name) DO UPDATE SET data = $data`;

async function main() {
  const file = process.env.BENCH_SQLITE;
  const sqlite = file ? new SQLite({ database: file }) : null;
  const server = new Server({
    port: listenPort(),
    address: '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    extensions: sqlite ? [sqlite] : [],
  });
  await server.listen();

  serve({
    ...memoryHandlers,
    docs: () => Promise.resolve({ loaded: server.hocuspocus.getDocumentsCount() }),
    async seed(raw) {
      const { docName, count } = raw as { docName: string; count: number };
      const db = sqlite?.db;
      if (!db) throw new Error('Hocuspocus runs without persistence');
      // The SQLite extension stores one state per document, never single updates: the memo
      // typed as `count` updates is stored as what Hocuspocus itself would have stored.
      const updates = typedMemoUpdates(PEER_AGENDA, count);
      const started = performance.now();
      const state = Buffer.from(mergedState(updates));
      await new Promise<void>((resolve, reject) =>
        db.run(UPSERT, { $name: docName, $data: state }, (error: Error | null) =>
          error ? reject(error) : resolve(),
        ),
      );
      return { updates: updates.length, seedMs: performance.now() - started };
    },
  });
  notify('listening', { port: server.address.port });
}

main().catch((error: unknown) => {
  console.error('bench server (hocuspocus) failed:', error);
  process.exit(1);
});
