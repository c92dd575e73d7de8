// Our server under test: exactly what server/main.ts starts, plus the bench's IPC commands. The
// orchestrator bundles this file like the production build (lib/builtServer.ts) and starts it
// with plain node in the project's root.
import path from 'node:path';
import * as Y from 'yjs';
import type { CollabUpdateDoc } from '../../server/db/schema';
import { COLLECTIONS } from '../../server/db/schema';
import { loadConfig } from '../../server/env';
import { createLogger } from '../../server/logger';
import { seedDemo } from '../../server/seed/demo';
import { startServer } from '../../server/server';
import { roomName } from '../../shared/memo/format';
import { notify, serve } from '../lib/ipc';
import { mergedState, typedMemoUpdates } from '../lib/memoLayout';
import { memoryHandlers, type LogCallTally } from './common';

const root = process.cwd();

const LOG_CALLS = ['append', 'updatesAfter', 'newestSnapshot'] as const;

/**
 * BENCH_COUNT_LOG=1 (workload 8): count the room log's store calls. Each method is replaced on
 * the repository object itself, which every room's log shares, so calls it makes on itself count.
 */
function countLogCalls(repo: object): Record<string, LogCallTally> {
  const tallies: Record<string, LogCallTally> = {};
  const methods = repo as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of LOG_CALLS) {
    const original = methods[name]!.bind(repo);
    const tally: LogCallTally = { calls: 0, ms: 0, refused: 0 };
    tallies[name] = tally;
    methods[name] = async (...args) => {
      const at = performance.now();
      try {
        const result = await original(...args);
        if (result === false) tally.refused += 1;
        return result;
      } finally {
        tally.calls += 1;
        tally.ms += performance.now() - at;
      }
    };
  }
  return tallies;
}

interface SeedArgs {
  meetingId: string;
  count: number;
  snapshot: boolean;
}

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1' });
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger, { clientDir: path.join(root, 'dist/client') });
  const { repos } = server.ctx;
  if (process.env.BENCH_SEED === '1') await seedDemo(repos);
  const logCalls = process.env.BENCH_COUNT_LOG === '1' ? countLogCalls(repos.collabLog) : {};

  serve({
    ...memoryHandlers,
    logCalls: () => Promise.resolve(structuredClone(logCalls)),
    /** Store a memo as `count` one-character updates (or as one snapshot) in the room's log. */
    async seedLog(raw) {
      const args = raw as SeedArgs;
      const meeting = await repos.meetings.findById(args.meetingId);
      if (!meeting) throw new Error(`no meeting ${args.meetingId}`);
      const updates = typedMemoUpdates(
        meeting.agenda.map((item) => ({
          agendaItemId: item.id,
          title: item.title,
          confidentiality: item.confidentiality,
        })),
        args.count,
      );
      const room = roomName({ kind: 'memo', meetingId: meeting._id });
      const started = performance.now();
      if (args.snapshot) {
        await repos.collabLog.compact(room, 1, mergedState(updates));
      } else if (config.storage.kind === 'mongodb') {
        // Entry by entry through the driver would take minutes on FerretDB: the log's documents
        // are written in bulk, in exactly the shape CollabLogRepository.append writes them.
        // Loaded here only: a static import would add the driver to the embedded engine's RSS.
        const { MongoClient } = await import('mongodb');
        const client = new MongoClient(config.storage.uri);
        try {
          const collection = client
            .db(config.storage.dbName)
            .collection<CollabUpdateDoc>(COLLECTIONS.collabUpdates);
          const at = new Date();
          for (let start = 0; start < updates.length; start += 5_000) {
            await collection.insertMany(
              updates.slice(start, start + 5_000).map((update, offset) => {
                const seq = start + offset + 1;
                return {
                  _id: `${room}#${String(seq).padStart(12, '0')}`,
                  room,
                  seq,
                  update: Buffer.from(update).toString('base64'),
                  at,
                };
              }),
              { ordered: false },
            );
          }
        } finally {
          await client.close();
        }
      } else {
        const parallel = 256;
        for (let start = 0; start < updates.length; start += parallel) {
          await Promise.all(
            updates
              .slice(start, start + parallel)
              .map((update, offset) => repos.collabLog.append(room, start + offset + 1, update)),
          );
        }
      }
      return { updates: updates.length, seedMs: performance.now() - started };
    },
    /** Sanity check for the cold-load workload: how the room is stored now. */
    async storedRoom(raw) {
      const { meetingId } = raw as { meetingId: string };
      const stored = await repos.collabLog.load(roomName({ kind: 'memo', meetingId }));
      const doc = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
      const bytes = Y.encodeStateAsUpdate(doc).length;
      doc.destroy();
      return { snapshot: stored.snapshot !== null, updates: stored.updates.length, bytes };
    },
  });
  notify('listening', { url: server.url, port: Number(new URL(server.url).port) });
}

main().catch((error: unknown) => {
  console.error('bench server (ours) failed:', error);
  process.exit(1);
});
