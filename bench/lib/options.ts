// What a bench run does: every workload on every server by default; `--quick` (or
// BENCH_QUICK=1) shrinks every size and duration to a smoke run of a few seconds per workload.
import path from 'node:path';
import { ROOT } from './child';
import { CONFIGS } from './servers';

export const WORKLOADS = [
  'typing',
  'fanout',
  'idle',
  'cold',
  'storm',
  'approval',
  'client',
  'instances',
  'year',
] as const;
export type WorkloadName = (typeof WORKLOADS)[number];

export interface BenchOptions {
  quick: boolean;
  workloads: WorkloadName[];
  /** Server configuration ids (see CONFIGS). */
  servers: string[];
  outDir: string;
  typing: { sizes: number[]; rate: number; warmupMs: number; measureMs: number; drainMs: number };
  fanout: { watchers: number; rate: number; warmupMs: number; measureMs: number; drainMs: number };
  idle: { connections: number; docs: number; updatesPerDoc: number; chunk: number };
  cold: { updates: number };
  storm: { clients: number; chars: number; settleMs: number };
  approval: { sections: number; chars: number; repeats: number };
  /** Editors on one instance, then the same editors split across two (ours on FerretDB). */
  instances: {
    editors: number;
    rate: number;
    warmupMs: number;
    measureMs: number;
    drainMs: number;
    /** Rounds of (one instance, two instances), every other one in the reverse order. */
    rounds: number;
    /** Pin instance B to the load generator's core instead of the servers' (`--spread`). */
    spread: boolean;
  };
  /** A group-year on the embedded engine: meetings typed and approved. */
  year: { meetings: number; sections: number; chars: number; chunk: number };
  /** Saturation limit for a load generator: the share of its core it may use. */
  maxLoadCpu: number;
}

function flag(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

export function parseOptions(argv: readonly string[], env = process.env): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const list = (name: string) =>
    flag(argv, name)
      ?.split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const workloads = (list('workloads') ?? [...WORKLOADS]) as WorkloadName[];
  for (const name of workloads)
    if (!(WORKLOADS as readonly string[]).includes(name))
      throw new Error(`unknown workload ${name}`);
  const servers = list('servers') ?? CONFIGS.map((config) => config.id);
  for (const id of servers)
    if (!CONFIGS.some((config) => config.id === id)) throw new Error(`unknown server ${id}`);
  const outDir = path.resolve(
    flag(argv, 'out') ??
      env.BENCH_OUT ??
      path.join(ROOT, quick ? 'bench/results/tmp/quick' : 'bench/results'),
  );
  const seconds = flag(argv, 'seconds');
  const measureMs = seconds === undefined ? undefined : Number(seconds) * 1000;
  if (measureMs !== undefined && !(measureMs > 0))
    throw new Error('--seconds takes a positive number, e.g. --seconds=30');
  const longer = measureMs === undefined ? {} : { measureMs };
  const editors = list('editors')?.map(Number);
  const meetingsFlag = flag(argv, 'meetings');
  const meetings = meetingsFlag === undefined ? undefined : Number(meetingsFlag);
  if (meetings !== undefined && !(Number.isInteger(meetings) && meetings > 0))
    throw new Error('--meetings takes a whole number, e.g. --meetings=60 (workload year)');
  if (editors?.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error('--editors takes whole numbers, e.g. --editors=50');
  return {
    quick,
    workloads,
    servers,
    outDir,
    typing: {
      ...(quick
        ? { sizes: [3], rate: 5, warmupMs: 300, measureMs: 1_200, drainMs: 500 }
        : { sizes: [10, 50, 100], rate: 5, warmupMs: 1_500, measureMs: 6_000, drainMs: 1_500 }),
      ...(editors ? { sizes: editors } : {}),
      ...longer,
    },
    fanout: {
      ...(quick
        ? { watchers: 10, rate: 5, warmupMs: 300, measureMs: 1_200, drainMs: 500 }
        : { watchers: 500, rate: 5, warmupMs: 1_500, measureMs: 6_000, drainMs: 1_500 }),
      ...longer,
    },
    idle: quick
      ? { connections: 20, docs: 4, updatesPerDoc: 20, chunk: 5 }
      : { connections: 1_000, docs: 100, updatesPerDoc: 400, chunk: 5 },
    cold: { updates: quick ? 2_000 : 100_000 },
    storm: quick
      ? { clients: 10, chars: 2, settleMs: 300 }
      : { clients: 200, chars: 5, settleMs: 2_500 },
    approval: quick
      ? { sections: 5, chars: 200, repeats: 1 }
      : { sections: 100, chars: 300, repeats: 3 },
    instances: {
      ...(quick
        ? { editors: 4, rate: 5, warmupMs: 300, measureMs: 1_200, drainMs: 500, rounds: 1 }
        : { editors: 50, rate: 5, warmupMs: 1_500, measureMs: 6_000, drainMs: 1_500, rounds: 2 }),
      ...(editors ? { editors: editors[0]! } : {}),
      ...longer,
      spread: argv.includes('--spread'),
    },
    year: {
      ...(quick
        ? { meetings: 2, sections: 3, chars: 100, chunk: 20 }
        : { meetings: 20, sections: 8, chars: 800, chunk: 10 }),
      ...(meetings === undefined ? {} : { meetings }),
    },
    maxLoadCpu: 0.9,
  };
}
