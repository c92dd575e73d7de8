// Workload 8 (issue 16): the typing workload's editors on one instance of ours, then the same
// editors split across two instances that share one database and one Redis, in the same run.
import { randomUUID } from 'node:crypto';
import type { RunContext } from '../lib/context';
import { startBenchRedis } from '../lib/redis';
import { SERVER_CORE, ServerUnderTest } from '../lib/servers';
import type { Column, Row, WorkloadResult } from '../report/types';
import { FULL_EDITORS, PERSISTENCE_NOTE, editorsShape, measure } from './typing';

/** The only configuration with several instances: ours on the MongoDB path. */
const CONFIG_ID = 'ours-ferretdb';
/** Issue 16: cross-instance p99 at most this many times the single instance's p99. */
const TARGET_RATIO = 1.5;

const COLUMNS: Column[] = [
  { key: 'p50', label: 'p50 ms', digits: 2 },
  { key: 'p95', label: 'p95 ms', digits: 2 },
  { key: 'p99', label: 'p99 ms', digits: 2 },
  { key: 'sameP99', label: 'same-instance p99 ms', digits: 2 },
  { key: 'crossP50', label: 'cross-instance p50 ms', digits: 2 },
  { key: 'crossP95', label: 'cross-instance p95 ms', digits: 2 },
  { key: 'crossP99', label: 'cross-instance p99 ms', digits: 2 },
  { key: 'ratio', label: `cross p99 / single p99 (target ≤ ${TARGET_RATIO})`, digits: 2 },
  { key: 'updatesPerSec', label: 'updates/s sent', digits: 0 },
  { key: 'delivered', label: 'delivered %', digits: 1 },
  { key: 'serverCpu', label: 'server CPU %', digits: 0 },
  { key: 'cpuPer1k', label: 'server CPU ms / 1k updates', digits: 0 },
  { key: 'loadCpu', label: 'load gen CPU %', digits: 0 },
];

export async function instancesWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.instances;
  const shape = editorsShape(opts.editors, opts);
  const result: WorkloadResult = {
    name: 'instances',
    title: '8. Several instances (ours on FerretDB)',
    method: `One Redis, one FerretDB database, two instances of ours, all pinned to the server core (so that two instances get no more CPU than one). In one run: ${opts.editors} editors typing as in workload 1 (${opts.rate} characters per second each with a caret update, ${opts.warmupMs / 1000} s warm-up, ${opts.measureMs / 1000} s measured) all on instance A while B idles; then the same ${opts.editors} editors on a fresh memo with editor i on instance i % 2. Latency: keystroke → apply at ${FULL_EDITORS} full editors, overall and by pair: sender and receiver on the same instance, or on different ones (A's store, the Redis hop, B's apply and send).`,
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
  const { redis, pid: redisPid } = await startBenchRedis(SERVER_CORE);
  // Both instances on one database and one Redis; only A seeds the demo group.
  const shared = { MONGODB_DB: `bench_${randomUUID().slice(0, 8)}`, REDIS_URL: redis.url };
  const a = new ServerUnderTest(config, { ferret: ctx.ferret, env: shared });
  const b = new ServerUnderTest(config, {
    ferret: ctx.ferret,
    env: { ...shared, BENCH_SEED: '0' },
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
    const single = await measure(ctx, a, shape, `instances-single-${opts.editors}`, {
      targets: [a.target()],
      pids,
    });
    const split = await measure(ctx, a, shape, `instances-split-${opts.editors}`, {
      targets: [a.target(), b.target()],
      pids,
    });
    const singleP99 = single.metrics.p99;
    const crossP99 = split.metrics.crossP99;
    const ratio =
      typeof singleP99 === 'number' && typeof crossP99 === 'number' && singleP99 > 0
        ? crossP99 / singleP99
        : null;
    const rows: Row[] = [
      {
        ...single,
        group: `${opts.editors} editors, 1 instance`,
        metrics: { ...single.metrics, chartP99: singleP99 ?? null },
      },
      {
        ...split,
        group: `${opts.editors} editors, 2 instances`,
        metrics: { ...split.metrics, ratio, chartP99: crossP99 ?? null },
      },
    ];
    result.rows.push(...rows);
    if (ratio !== null)
      ctx.log(
        `instances: cross p99 ${crossP99} ms / single p99 ${singleP99} ms = ${ratio.toFixed(2)}`,
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
