// Workload 5: a reconnect storm. Clients type, the server dies with SIGKILL and restarts on the
// same port and data; time until every client is synced again and all have converged, and
// whether anything the server had acknowledged was lost.
import { freshRoom, sleep, type RunContext } from '../lib/context';
import type { Row, WorkloadResult } from '../report/types';

/**
 * Every tenth client types before the kill, and one character while the server is down (most
 * people in a meeting are not typing; and 200 client ids in every document would make the
 * load generator, not the server, the bottleneck of the storm).
 */
const TYPE_EVERY = 10;
const OFFLINE_EVERY = 10;

export async function stormWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.storm;
  const rows: Row[] = [];
  for (const config of ctx.configs) {
    await ctx.withServer(config, async (server) => {
      await ctx.withLoad(async (load) => {
        const { room } = await freshRoom(server, 'storm');
        const timeout = 300_000;
        const { length } = await load.request<{ length: number }>(
          'stormSetup',
          {
            target: server.target(),
            room,
            count: opts.clients,
            chars: opts.chars,
            typeEvery: TYPE_EVERY,
          },
          timeout,
        );
        await sleep(opts.settleMs);
        await server.kill9();
        // The clients stop retrying while the server is down and type one character each
        // offline; a fresh probe then reads what the restarted server kept, before the storm.
        const { typed } = await load.request<{ typed: number }>('stormHold', {
          offlineEvery: OFFLINE_EVERY,
        });
        const restartAt = performance.now();
        await server.start();
        const restartMs = performance.now() - restartAt;
        const probe = await load.request<{ length: number }>(
          'probe',
          { target: server.target(), room, index: 0, expected: length, graceMs: 3_000 },
          timeout,
        );
        const storm = await load.request<{
          syncedMs: number;
          convergedMs: number;
          acknowledgedMs: number;
          loadCpu: number;
        }>('stormRelease', { length: length + typed, timeoutMs: 120_000 }, timeout);
        const saturated = storm.loadCpu > ctx.options.maxLoadCpu;
        // More than `length` means an offline character reached the server before the probe
        // (a client's reconnect attempt already under way when it was told to hold).
        const lost = Math.max(0, length - probe.length);
        rows.push({
          server: config.id,
          label: config.label,
          persistence: config.persistence,
          valid: !saturated,
          ...((lost > 0 || saturated) && {
            note: [
              lost > 0 &&
                (config.persistence === 'off'
                  ? 'nothing is stored: the clients brought the memo back'
                  : `lost ${lost} acknowledged characters`),
              saturated &&
                `load generator saturated (${Math.round(100 * storm.loadCpu)}% of its core): discarded`,
            ]
              .filter(Boolean)
              .join('; '),
          }),
          metrics: {
            restartMs,
            syncedMs: storm.syncedMs,
            convergedMs: storm.convergedMs,
            acknowledgedMs: storm.acknowledgedMs,
            kept: Math.min(100, (100 * probe.length) / length),
            lost,
            loadCpu: 100 * storm.loadCpu,
          },
        });
        ctx.log(
          `storm ${config.id}: restart ${restartMs.toFixed(0)} ms, converged ${storm.convergedMs.toFixed(0)} ms, lost ${lost}`,
        );
      });
    });
  }
  return {
    name: 'storm',
    title: '5. Reconnect storm',
    method: `${opts.clients} clients in one memo; every ${TYPE_EVERY}th types ${opts.chars} characters into a shared paragraph; once all have everything and the server acknowledged it (ours: MESSAGE_SAVED covers every client; Hocuspocus: no unsynced changes; reference: synced) and ${opts.settleMs} ms passed, the server gets SIGKILL. The clients stop retrying, and every ${OFFLINE_EVERY}th types one more character while it is down; the server restarts on the same port and data ("restart"), a fresh client reads what it kept ("kept"), then all ${opts.clients} reconnect at once: time until all are synced and until all hold the same text including every offline character ("converged").`,
    columns: [
      { key: 'restartMs', label: 'restart until listening ms', digits: 0 },
      { key: 'syncedMs', label: 'all synced ms', digits: 0 },
      { key: 'convergedMs', label: 'all converged ms', digits: 0 },
      { key: 'acknowledgedMs', label: 'all acknowledged ms', digits: 0 },
      { key: 'kept', label: 'kept across the kill %', digits: 1 },
      { key: 'lost', label: 'characters lost', digits: 0 },
      { key: 'loadCpu', label: 'load gen CPU % (storm)', digits: 0 },
    ],
    ratios: ['syncedMs', 'convergedMs'],
    rows,
    notes: [
      'Only ours tells a client that an update is stored (MESSAGE_SAVED). The reference server has no acknowledgement at all and y-leveldb writes asynchronously; Hocuspocus acknowledges applying an update, and its SQLite extension stores the document after a 2 s debounce (its default), so what it loses depends on how soon after the last edit the kill comes.',
      'Ours runs as production runs it: bundled by the production build (esbuild) and started with plain node, as `npm start` does; the restart time is node starting that bundle until it listens.',
    ],
  };
}
