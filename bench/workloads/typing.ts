// Workloads 1 (typing) and 2 (fan-out): steady typing with a caret update per keystroke.
import type { TypingArgs, TypingResult } from '../load/typing';
import { freshRoom, type RunContext } from '../lib/context';
import { ProcessMeter } from '../lib/proc';
import type { ServerUnderTest } from '../lib/servers';
import type { Target } from '../lib/targets';
import type { Column, Row, WorkloadResult } from '../report/types';

const COLUMNS: Column[] = [
  { key: 'p50', label: 'p50 ms', digits: 2 },
  { key: 'p95', label: 'p95 ms', digits: 2 },
  { key: 'p99', label: 'p99 ms', digits: 2 },
  { key: 'max', label: 'max ms', digits: 1 },
  { key: 'updatesPerSec', label: 'updates/s sent', digits: 0 },
  { key: 'appliesPerSec', label: 'applies/s received', digits: 0 },
  { key: 'delivered', label: 'delivered %', digits: 1 },
  { key: 'cpuPer1k', label: 'server CPU ms / 1k updates', digits: 0 },
  { key: 'serverCpu', label: 'server CPU %', digits: 0 },
  { key: 'rssMb', label: 'server RSS MB', digits: 0 },
  { key: 'loadCpu', label: 'load gen CPU %', digits: 0 },
  { key: 'loopDelayP99', label: 'load gen loop delay p99 ms', digits: 1 },
];

/** Several instances of `server`'s kind serving the room: where clients go, what the CPU is. */
export interface Placement {
  targets: Target[];
  pids: () => number[];
  /** Called as the measurement window opens and closes. */
  onWindow?: (edge: 'start' | 'end') => void;
}

export async function measure(
  ctx: RunContext,
  server: ServerUnderTest,
  shape: Omit<TypingArgs, 'target' | 'targets' | 'room'>,
  label: string,
  placement?: Placement,
): Promise<Row> {
  const { room } = await freshRoom(server, label);
  const args: TypingArgs = {
    target: server.target(),
    ...(placement ? { targets: placement.targets } : {}),
    room,
    ...shape,
  };
  const { config } = server;
  return ctx.withLoad(async (load) => {
    const meter = new ProcessMeter(placement?.pids ?? (() => server.pids()));
    let window: ReturnType<ProcessMeter['stop']> | null = null;
    const off = load.onNotice((notice) => {
      if (notice.notice === 'measure-start') {
        meter.start();
        placement?.onWindow?.('start');
      }
      if (notice.notice === 'measure-end') {
        window = meter.stop();
        placement?.onWindow?.('end');
      }
    });
    const timeout = 120_000 + shape.warmupMs + shape.measureMs + shape.drainMs;
    let result: TypingResult;
    try {
      result = await load.request<TypingResult>('typing', args, timeout);
    } finally {
      off();
    }
    const used = window as ReturnType<ProcessMeter['stop']> | null;
    if (!used) throw new Error('no measurement window');
    const saturated = result.loadCpu > ctx.options.maxLoadCpu;
    const row: Row = {
      server: config.id,
      label: config.label,
      persistence: config.persistence,
      valid: !saturated,
      metrics: {
        p50: result.latency.p50Ms,
        p95: result.latency.p95Ms,
        p99: result.latency.p99Ms,
        max: result.latency.maxMs,
        updatesPerSec: result.sentPerSec,
        appliesPerSec: result.deliveredPerSec,
        delivered: result.expected > 0 ? (100 * result.delivered) / result.expected : null,
        cpuPer1k: result.sent > 0 ? used.cpuMs / (result.sent / 1000) : null,
        serverCpu: (100 * used.cpuMs) / used.wallMs,
        rssMb: used.rssKb / 1024,
        loadCpu: 100 * result.loadCpu,
        loopDelayP99: result.loopDelayP99Ms,
        setupMs: result.setupMs,
        rejections: result.rejections,
        hdr: result.latency.hdr,
        arrivalP50: result.arrivals?.p50Ms ?? null,
        arrivalP99: result.arrivals?.p99Ms ?? null,
        ...(placement ? { sent: result.sent } : {}),
        ...(result.pairs
          ? {
              sameP50: result.pairs.sameInstance.p50Ms,
              sameP99: result.pairs.sameInstance.p99Ms,
              sameCount: result.pairs.sameInstance.count,
              sameHdr: result.pairs.sameInstance.hdr,
              crossP50: result.pairs.crossInstance.p50Ms,
              crossP95: result.pairs.crossInstance.p95Ms,
              crossP99: result.pairs.crossInstance.p99Ms,
              crossMax: result.pairs.crossInstance.maxMs,
              crossCount: result.pairs.crossInstance.count,
              crossHdr: result.pairs.crossInstance.hdr,
            }
          : {}),
      },
    };
    if (saturated)
      row.note = `load generator saturated (${Math.round(100 * result.loadCpu)}% of its core): discarded`;
    if (result.rejections > 0)
      row.note = `${row.note ?? ''} ${result.rejections} updates refused`.trim();
    ctx.log(
      `${label} ${config.id}: p50 ${result.latency.p50Ms} p99 ${result.latency.p99Ms} ms, ` +
        `${Math.round(result.sentPerSec)} updates/s, load ${Math.round(100 * result.loadCpu)}%` +
        (result.pairs
          ? `; cross-instance p50 ${result.pairs.crossInstance.p50Ms} p99 ${result.pairs.crossInstance.p99Ms} ms`
          : ''),
    );
    return row;
  });
}

/** Editors that apply every update; the rest only timestamp arrivals (see BenchClient.lighten). */
export const FULL_EDITORS = 5;
/** Watchers that apply every update (fan-out); the rest only timestamp arrivals. */
const FULL_WATCHERS = 50;

type Pace = Pick<TypingArgs, 'rate' | 'warmupMs' | 'measureMs' | 'drainMs'>;

/** Workload 1's shape: `editors` typing, the first FULL_EDITORS of them full, no watchers. */
export function editorsShape(editors: number, pace: Pace): Omit<TypingArgs, 'target' | 'room'> {
  const { rate, warmupMs, measureMs, drainMs } = pace;
  return {
    editors,
    watchers: 0,
    fullEditors: FULL_EDITORS,
    fullWatchers: 0,
    rate,
    warmupMs,
    measureMs,
    drainMs,
  };
}

export const PERSISTENCE_NOTE =
  'Ours has no persistence switch: every update is stored (NeDB append, or MongoDB insert) before it is relayed, so ours always runs with persistence on; the peers run without, then with their persistence.';

export async function typingWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.typing;
  const rows: Row[] = [];
  for (const config of ctx.configs) {
    await ctx.withServer(config, async (server) => {
      for (const editors of opts.sizes) {
        const row = await measure(ctx, server, editorsShape(editors, opts), `typing-${editors}`);
        rows.push({ ...row, group: `${editors} editors` });
      }
    });
  }
  return {
    name: 'typing',
    title: '1. Typing',
    method: `One memo, ${opts.sizes.join(' / ')} editors each typing ${opts.rate} characters per second into a paragraph of their own, plus a caret awareness update per keystroke. ${opts.warmupMs / 1000} s warm-up, then ${opts.measureMs / 1000} s measured. Latency: from the sender's keystroke to each other editor's apply.`,
    columns: COLUMNS,
    ratios: ['p50', 'p99', 'cpuPer1k', 'rssMb'],
    rows,
    notes: [
      PERSISTENCE_NOTE,
      `Latency percentiles are keystroke → apply at ${FULL_EDITORS} full editors (real Y.Doc, every update and caret applied). Beyond ${FULL_EDITORS} editors, the others keep typing and sending carets through their real provider but only timestamp arriving updates (one core cannot apply every update in 100 full clients); their keystroke → arrival percentiles are in results.json (arrivalP50/arrivalP99).`,
      'updates/s counts keystrokes (each also sends a caret update); server CPU ms / 1k updates is the server process CPU (plus FerretDB for ours on FerretDB) during the window per 1,000 keystrokes, including the fan-out to every other editor.',
    ],
  };
}

export async function fanoutWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.fanout;
  const rows: Row[] = [];
  for (const config of ctx.configs) {
    await ctx.withServer(config, async (server) => {
      const row = await measure(
        ctx,
        server,
        {
          editors: 1,
          watchers: opts.watchers,
          fullEditors: 1,
          fullWatchers: FULL_WATCHERS,
          rate: opts.rate,
          warmupMs: opts.warmupMs,
          measureMs: opts.measureMs,
          drainMs: opts.drainMs,
        },
        `fanout-${opts.watchers}`,
      );
      rows.push({ ...row, group: `1 → ${opts.watchers}` });
    });
  }
  return {
    name: 'fanout',
    title: '2. Fan-out',
    method: `One editor typing ${opts.rate} characters per second (with a caret update per keystroke), ${opts.watchers} connected negotiators watching (connected and synced, no caret of their own). ${opts.measureMs / 1000} s measured after ${opts.warmupMs / 1000} s warm-up. Latency: keystroke to each watcher's apply.`,
    columns: COLUMNS,
    ratios: ['p50', 'p99', 'cpuPer1k', 'rssMb'],
    rows,
    notes: [
      PERSISTENCE_NOTE,
      `Latency percentiles are keystroke → apply at ${FULL_WATCHERS} full watchers (real Y.Doc, every update applied); the other ${opts.watchers - FULL_WATCHERS} watchers are connected, synced and receive every frame but only timestamp arrivals, because ${opts.watchers} clients applying in one process on one core would queue behind each other. Their keystroke → arrival percentiles are in results.json (arrivalP50/arrivalP99).`,
    ],
  };
}
