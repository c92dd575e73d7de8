// Workload 4: a memo stored as 100,000 one-character updates, and the same memo as one snapshot;
// time until a new client is synced.
import { freshRoom, type RunContext } from '../lib/context';
import { memoryAfterGc } from '../lib/measure';
import { ProcessMeter } from '../lib/proc';
import type { ServerUnderTest } from '../lib/servers';
import type { Row, WorkloadResult } from '../report/types';

interface Seeded {
  updates: number;
  seedMs: number;
}

async function seed(
  server: ServerUnderTest,
  label: string,
  count: number,
  snapshot: boolean,
): Promise<{ room: string; seeded: Seeded }> {
  const { room, meetingId } = await freshRoom(server, label);
  const timeout = 600_000;
  const seeded =
    server.config.kind === 'ours'
      ? await server.request<Seeded>('seedLog', { meetingId, count, snapshot }, timeout)
      : await server.request<Seeded>('seed', { docName: room, count, snapshot }, timeout);
  return { room, seeded };
}

export async function coldLoadWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const count = ctx.options.cold.updates;
  const rows: Row[] = [];
  const skipped: string[] = [];
  for (const config of ctx.configs) {
    if (config.persistence === 'off') {
      skipped.push(config.label);
      continue;
    }
    await ctx.withServer(config, async (server) => {
      await ctx.withLoad(async (load) => {
        const target = server.target();
        // Warm the code paths once on a small memo, so that the figures are not the JIT's.
        const warm = await seed(server, 'cold-warm', 200, false);
        await load.request('coldLoad', { target, room: warm.room, index: 0, chars: 200 });
        for (const snapshot of [false, true]) {
          const { room, seeded } = await seed(
            server,
            snapshot ? 'cold-snap' : 'cold-log',
            count,
            snapshot,
          );
          await memoryAfterGc(server);
          const meter = new ProcessMeter(() => server.pids());
          meter.start();
          const result = await load.request<{ ms: number; syncedMs: number; chars: number }>(
            'coldLoad',
            { target, room, index: 1, chars: count },
            180_000,
          );
          const used = meter.stop();
          const complete = result.chars === count;
          rows.push({
            server: config.id,
            label: config.label,
            persistence: config.persistence,
            group: snapshot ? 'one snapshot' : `${count.toLocaleString('en-US')} updates`,
            valid: complete,
            ...(!complete && { note: `loaded ${result.chars} of ${count} characters` }),
            ...(config.kind === 'hocuspocus' &&
              !snapshot && { note: 'stores one state per document: the same as the snapshot' }),
            metrics: {
              syncMs: result.ms,
              firstSyncMs: result.syncedMs,
              serverCpuMs: used.cpuMs,
              rssMb: used.peakRssKb / 1024,
              seedMs: seeded.seedMs,
              stored: seeded.updates,
            },
          });
          ctx.log(
            `cold ${config.id} ${snapshot ? 'snapshot' : 'log'}: ${result.ms.toFixed(1)} ms (seeded in ${seeded.seedMs.toFixed(0)} ms)`,
          );
        }
      });
    });
  }
  return {
    name: 'cold',
    title: '4. Cold load',
    method: `A memo typed as ${count.toLocaleString('en-US')} one-character updates (plus its layout) is written into each server's store while nobody has it open, then a new client connects; the time is from creating the client until its provider reports synced and its document holds the whole memo. Then the same memo stored as one snapshot. Each server first loads a small memo once to warm up.`,
    columns: [
      { key: 'syncMs', label: 'time to synced with the memo ms', digits: 1 },
      { key: 'firstSyncMs', label: 'provider "synced" ms', digits: 1 },
      { key: 'serverCpuMs', label: 'server CPU ms', digits: 0 },
      { key: 'rssMb', label: 'server peak RSS MB', digits: 0 },
    ],
    ratios: ['syncMs', 'serverCpuMs'],
    rows,
    notes: [
      'The reference server answers a new client\'s sync before y-leveldb has loaded the document (bindState is not awaited) and sends the content as an update afterwards, so its provider reports "synced" with an empty document first; the time counted is until the memo is there.',
      "Ours: the updates are entries of the room's log (NeDB through CollabLogRepository.append; on FerretDB written in bulk with the driver in the same document shape); the snapshot is a compacted log (CollabLogRepository.compact). The reference server: y-leveldb's storeUpdate per update (its own YPERSISTENCE store). Hocuspocus + SQLite stores one state per document, so both rows load the same single state.",
      ...(skipped.length > 0
        ? [`Not applicable without persistence (nothing is stored): ${skipped.join(', ')}.`]
        : []),
    ],
  };
}
