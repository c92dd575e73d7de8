// `npm run bench`: every workload against our server and its peers, side by side.
// `npm run bench -- --quick` for a smoke run; `--workloads=typing,fanout`, `--servers=ours-nedb,ref`;
// `--render` redraws results.md and the charts from results.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib/child';
import { RunContext } from './lib/context';
import { ferretAvailable, startFerretDB, type FerretDB } from './lib/ferretdb';
import { parseOptions, type WorkloadName } from './lib/options';
import { HAS_TASKSET, loadAverage } from './lib/proc';
import { CONFIGS, SERVER_CORE } from './lib/servers';
import { writeResults } from './report/write';
import type { BenchResult, WorkloadResult } from './report/types';
import { approvalWorkload } from './workloads/approval';
import { clientWorkload } from './workloads/client';
import { coldLoadWorkload } from './workloads/coldLoad';
import { idleWorkload } from './workloads/idle';
import { instancesWorkload } from './workloads/instances';
import { stormWorkload } from './workloads/storm';
import { fanoutWorkload, typingWorkload } from './workloads/typing';
import { yearWorkload } from './workloads/year';

const RUNNERS: Record<WorkloadName, (ctx: RunContext) => Promise<WorkloadResult>> = {
  typing: typingWorkload,
  fanout: fanoutWorkload,
  idle: idleWorkload,
  cold: coldLoadWorkload,
  storm: stormWorkload,
  approval: approvalWorkload,
  client: clientWorkload,
  instances: instancesWorkload,
  year: yearWorkload,
};

function versionOf(name: string): string {
  try {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (process.argv.includes('--render')) {
    // Only redraw results.md and the charts from an earlier run's results.json.
    const earlier = JSON.parse(
      fs.readFileSync(path.join(options.outDir, 'results.json'), 'utf8'),
    ) as BenchResult;
    process.stdout.write(`${writeResults(earlier, options.outDir)}\n`);
    return;
  }
  const configs = CONFIGS.filter((config) => options.servers.includes(config.id));
  const started = new Date();
  const loadBefore = loadAverage();
  let ferret: FerretDB | null = null;
  const needsFerret = configs.some((config) => config.engine === 'mongodb');
  if (needsFerret) {
    if (ferretAvailable()) ferret = await startFerretDB(SERVER_CORE);
    else process.stderr.write('[bench] FerretDB not provisioned: skipping ours on FerretDB\n');
  }
  const ctx = new RunContext(
    options,
    configs.filter((config) => config.engine !== 'mongodb' || ferret !== null),
    ferret,
  );
  const workloads: WorkloadResult[] = [];
  try {
    for (const name of options.workloads) {
      const at = performance.now();
      ctx.log(`workload ${name}`);
      const result = await RUNNERS[name](ctx);
      result.elapsedMs = performance.now() - at;
      workloads.push(result);
    }
  } finally {
    await ferret?.stop();
  }
  const finished = new Date();
  const result: BenchResult = {
    meta: {
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      elapsedMs: finished.getTime() - started.getTime(),
      quick: options.quick,
      node: process.version,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      pinned: HAS_TASKSET,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(),
      versions: Object.fromEntries(
        [
          'yjs',
          'y-websocket',
          '@y/websocket-server',
          '@hocuspocus/server',
          '@hocuspocus/provider',
          '@hocuspocus/extension-sqlite',
          'ws',
          'hdr-histogram-js',
        ].map((name) => [name, versionOf(name)]),
      ),
    },
    workloads,
  };
  const summary = writeResults(result, options.outDir);
  process.stdout.write(`${summary}\n`);
  process.stderr.write(
    `[bench] results in ${options.outDir} (${Math.round(result.meta.elapsedMs / 1000)} s)\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('bench failed:', error);
    process.exit(1);
  },
);
