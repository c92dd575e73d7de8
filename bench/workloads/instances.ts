// Workload 8 (issue 16): the typing workload's editors on one instance of ours, then the same
// editors split across two instances that share one database and one Redis, in the same run.
import { randomUUID } from 'node:crypto';
import * as hdr from 'hdr-histogram-js';
import type { RunContext } from '../lib/context';
import { newHistogram, summarize } from '../lib/latency';
import { redisAvailable, startBenchRedis } from '../lib/redis';
import { LOAD_CORE, SERVER_CORE, ServerUnderTest } from '../lib/servers';
import type { LogCallTally } from '../servers/common';
import type { Cell, Column, Row, WorkloadResult } from '../report/types';
import { FULL_EDITORS, PERSISTENCE_NOTE, editorsShape, measure } from './typing';

/** The only configuration with several instances: ours on the MongoDB path. */
const CONFIG_ID = 'ours-ferretdb';
/** Issue 16: cross-instance p99 at most this many times the single instance's p99. */
const TARGET_RATIO = 1.5;

const COLUMNS: Column[] = [
  { key: 'p50', label: 'p50 ms', digits: 2 },
  { key: 'p95', label: 'p95 ms', digits: 2 },
  { key: 'p99', label: 'p99 ms', digits: 2 },
  { key: 'sameP50', label: 'same-instance p50 ms', digits: 2 },
  { key: 'sameP99', label: 'same-instance p99 ms', digits: 2 },
  { key: 'crossP50', label: 'cross-instance p50 ms', digits: 2 },
  { key: 'crossP95', label: 'cross-instance p95 ms', digits: 2 },
  { key: 'crossP99', label: 'cross-instance p99 ms', digits: 2 },
  { key: 'ratio', label: `cross p99 / single p99 (target ≤ ${TARGET_RATIO})`, digits: 2 },
  { key: 'updatesPerSec', label: 'updates/s sent', digits: 0 },
  { key: 'appendsPerKey', label: 'log appends / keystroke', digits: 2 },
  { key: 'racesPct', label: 'appends that lost the sequence race %', digits: 0 },
  { key: 'readsPerKey', label: 'catch-up reads / keystroke', digits: 2 },
  { key: 'storeCallMs', label: 'mean store call ms', digits: 1 },
  { key: 'delivered', label: 'delivered %', digits: 1 },
  { key: 'serverCpu', label: 'server CPU %', digits: 0 },
  { key: 'cpuPer1k', label: 'server CPU ms / 1k updates', digits: 0 },
  { key: 'loadCpu', label: 'load gen CPU %', digits: 0 },
];

type Layout = 'single' | 'split';

const GROUPS: Record<Layout, (editors: number) => string> = {
  single: (editors) => `${editors} editors, 1 instance`,
  split: (editors) => `${editors} editors, 2 instances`,
};

/** Percentiles of the measurements' histograms together (HdrHistogram's base64 in the rows). */
function merged(rows: readonly Row[], key: string): { p50: number; p95: number; p99: number } {
  const total = newHistogram();
  for (const row of rows) {
    const encoded = row.metrics[key];
    if (typeof encoded === 'string') total.add(hdr.decodeFromCompressedBase64(encoded));
  }
  const { p50Ms, p95Ms, p99Ms } = summarize(total);
  return { p50: p50Ms, p95: p95Ms, p99: p99Ms };
}

function combine(rows: readonly Row[]) {
  const overall = merged(rows, 'hdr');
  const same = merged(rows, 'sameHdr');
  const cross = merged(rows, 'crossHdr');
  return {
    ...overall,
    sameP50: same.p50,
    sameP99: same.p99,
    crossP50: cross.p50,
    crossP95: cross.p95,
    crossP99: cross.p99,
  };
}

/** The rounds of one layout as one row: merged latency, mean throughput and CPU. */
function combinedRow(
  rows: readonly Row[],
  latency: ReturnType<typeof combine>,
  group: string,
  extra: Record<string, Cell>,
): Row {
  const mean = (key: string): Cell => {
    const values = rows.map((row) => row.metrics[key]).filter((v) => typeof v === 'number');
    return values.length > 0 ? values.reduce((sum, v) => sum + v, 0) / values.length : null;
  };
  const pairs = rows.some((row) => typeof row.metrics.crossHdr === 'string');
  return {
    ...rows[0]!,
    group,
    valid: rows.every((row) => row.valid),
    note: rows
      .map((row) => row.note)
      .filter(Boolean)
      .join('; '),
    metrics: {
      p50: latency.p50,
      p95: latency.p95,
      p99: latency.p99,
      ...(pairs
        ? {
            sameP50: latency.sameP50,
            sameP99: latency.sameP99,
            crossP50: latency.crossP50,
            crossP95: latency.crossP95,
            crossP99: latency.crossP99,
          }
        : {}),
      ...Object.fromEntries(MEANS.map((key) => [key, mean(key)])),
      ...extra,
    },
  };
}

const MEANS = [
  'updatesPerSec',
  'delivered',
  'serverCpu',
  'cpuPer1k',
  'loadCpu',
  'appendsPerKey',
  'racesPct',
  'readsPerKey',
  'storeCallMs',
];

function ratioOf(singleP99: Cell | undefined, crossP99: Cell | undefined): number | null {
  return typeof singleP99 === 'number' && typeof crossP99 === 'number' && singleP99 > 0
    ? crossP99 / singleP99
    : null;
}

type Tallies = Record<string, LogCallTally>;

/** Both instances' room-log store calls so far, added up. */
async function storeCalls(servers: readonly ServerUnderTest[]): Promise<Tallies> {
  const total: Tallies = {};
  for (const server of servers) {
    if (!server.child) continue;
    const tallies = await server.request<Tallies>('logCalls');
    for (const [name, tally] of Object.entries(tallies)) {
      const sum = (total[name] ??= { calls: 0, ms: 0, refused: 0 });
      sum.calls += tally.calls;
      sum.ms += tally.ms;
      sum.refused += tally.refused;
    }
  }
  return total;
}

/** What the store did for the window's keystrokes: appends, lost races, catch-up reads, time. */
function storeMetrics(before: Tallies, after: Tallies, row: Row): Record<string, Cell> {
  const delta = (name: string, key: keyof LogCallTally) =>
    (after[name]?.[key] ?? 0) - (before[name]?.[key] ?? 0);
  const sent = typeof row.metrics.sent === 'number' ? row.metrics.sent : 0;
  const appends = delta('append', 'calls');
  const reads = delta('updatesAfter', 'calls') + delta('newestSnapshot', 'calls');
  const ms = delta('append', 'ms') + delta('updatesAfter', 'ms') + delta('newestSnapshot', 'ms');
  return {
    appendsPerKey: sent > 0 ? appends / sent : null,
    racesPct: appends > 0 ? (100 * delta('append', 'refused')) / appends : null,
    readsPerKey: sent > 0 ? reads / sent : null,
    storeCallMs: appends + reads > 0 ? ms / (appends + reads) : null,
  };
}

export async function instancesWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.instances;
  const shape = editorsShape(opts.editors, opts);
  const result: WorkloadResult = {
    name: 'instances',
    title: '8. Several instances (ours on FerretDB)',
    method: `One Redis, one FerretDB database, two instances of ours, ${opts.spread ? "instance B pinned to the load generator's core (--spread), the rest to the server core" : 'all pinned to the server core (so that two instances get no more CPU than one)'}. In one run: ${opts.editors} editors typing as in workload 1 (${opts.rate} characters per second each with a caret update, ${opts.warmupMs / 1000} s warm-up, ${opts.measureMs / 1000} s measured) all on instance A while B idles ("1 instance"), and the same ${opts.editors} editors on a fresh memo with editor i on instance i % 2 ("2 instances"); ${opts.rounds} round(s) of the two, every other round in the reverse order, each layout's rounds then merged. Latency: keystroke → apply at ${FULL_EDITORS} full editors, overall and by pair: sender and receiver on the same instance, or on different ones (A's store, the Redis hop, B's apply and send).`,
    columns: COLUMNS,
    ratios: [],
    rows: [],
    notes: [
      PERSISTENCE_NOTE,
      `The peers have no equivalent here (neither the y-websocket reference server nor Hocuspocus without its Redis extension serves one document from two processes), so this workload runs ours on FerretDB only.`,
      `Server CPU is both instances + FerretDB + redis-server during the window, in both rows (B idles in the single row).`,
    ],
  };
  const config = ctx.configs.find((candidate) => candidate.id === CONFIG_ID);
  if (!config || !ctx.ferret) {
    result.notes.push(`${CONFIG_ID} is not in this run (or FerretDB is not provisioned): skipped.`);
    return result;
  }
  if (!redisAvailable()) {
    result.notes.push('redis-server is not provisioned (`npm run provision`): skipped.');
    return result;
  }
  const { redis, pid: redisPid } = await startBenchRedis(SERVER_CORE);
  // Both instances on one database and one Redis; only A seeds the demo group.
  const shared = {
    MONGODB_DB: `bench_${randomUUID().slice(0, 8)}`,
    REDIS_URL: redis.url,
    BENCH_COUNT_LOG: '1',
  };
  const a = new ServerUnderTest(config, { ferret: ctx.ferret, env: shared });
  const b = new ServerUnderTest(config, {
    ferret: ctx.ferret,
    env: { ...shared, BENCH_SEED: '0' },
    ...(opts.spread ? { core: LOAD_CORE } : {}),
  });
  const ferretPid = ctx.ferret.pid;
  const pids = () => [
    ...[a, b].flatMap((server) => (server.child ? [server.child.pid] : [])),
    ferretPid,
    ...(redisPid === null ? [] : [redisPid]),
  ];
  try {
    await a.start();
    // Sessions live in the database: A's logins are valid on B.
    b.ours = a.ours;
    await b.start();
    const layouts = {
      single: { targets: [a.target()], pids },
      split: { targets: [a.target(), b.target()], pids },
    };
    const measured: Record<Layout, Row[]> = { single: [], split: [] };
    for (let round = 1; round <= opts.rounds; round++) {
      // A B, B A, ...: a machine that slows down or speeds up during the run favours neither.
      const order: Layout[] = round % 2 === 1 ? ['single', 'split'] : ['split', 'single'];
      const rows = {} as Record<Layout, Row>;
      for (const layout of order) {
        const tallies: Promise<Tallies>[] = [];
        const row = await measure(ctx, a, shape, `instances-${layout}-${opts.editors}-r${round}`, {
          ...layouts[layout],
          onWindow: () => tallies.push(storeCalls([a, b])),
        });
        const [before, after] = await Promise.all(tallies);
        if (before && after) Object.assign(row.metrics, storeMetrics(before, after, row));
        rows[layout] = { ...row, group: `${GROUPS[layout](opts.editors)}, round ${round}` };
        measured[layout].push(row);
      }
      rows.split.metrics.ratio = ratioOf(rows.single.metrics.p99, rows.split.metrics.crossP99);
      rows.single.metrics.chartP99 = rows.single.metrics.p99 ?? null;
      rows.split.metrics.chartP99 = rows.split.metrics.crossP99 ?? null;
      // With one round, the rows below (all rounds) say the same.
      if (opts.rounds > 1) result.rows.push(rows.single, rows.split);
    }
    const single = combine(measured.single);
    const split = combine(measured.split);
    const ratio = ratioOf(single.p99, split.crossP99);
    const all = opts.rounds > 1 ? `, all ${opts.rounds} rounds` : '';
    result.rows.push(
      combinedRow(measured.single, single, `${GROUPS.single(opts.editors)}${all}`, {
        chartP99: single.p99,
      }),
      combinedRow(measured.split, split, `${GROUPS.split(opts.editors)}${all}`, {
        ratio,
        chartP99: split.crossP99,
      }),
    );
    if (ratio !== null)
      ctx.log(
        `instances: cross p99 ${split.crossP99} ms / single p99 ${single.p99} ms = ${ratio.toFixed(2)}`,
      );
    if (redisPid === null)
      result.notes.push('redis-server not found in /proc: its CPU is not counted.');
  } finally {
    for (const server of [b, a]) {
      await server.stop().catch(() => undefined);
      server.dispose();
    }
    await redis.stop();
  }
  return result;
}
