// What every workload gets: the options, the servers to run, and helpers that start and stop a
// server under test and a load generator around a piece of work.
import type { FerretDB } from './ferretdb';
import { NodeChild } from './child';
import type { BenchOptions } from './options';
import { LOAD_CORE, ServerUnderTest, type ServerConfig } from './servers';

export class RunContext {
  constructor(
    readonly options: BenchOptions,
    readonly configs: readonly ServerConfig[],
    readonly ferret: FerretDB | null,
  ) {}

  log(message: string): void {
    process.stderr.write(`[bench] ${message}\n`);
  }

  async withServer<T>(config: ServerConfig, work: (server: ServerUnderTest) => Promise<T>) {
    const server = new ServerUnderTest(config, { ferret: this.ferret });
    try {
      await server.start();
      return await work(server);
    } finally {
      await server.stop().catch(() => undefined);
      server.dispose();
    }
  }

  async withLoad<T>(work: (load: NodeChild) => Promise<T>): Promise<T> {
    const load = new NodeChild('bench/load/worker.ts', {
      core: LOAD_CORE,
      // BENCH_PROFILE=dir: a CPU profile of every load generator, for finding its own costs.
      nodeFlags: process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : [],
    });
    try {
      return await work(load);
    } finally {
      await load.close();
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let unique = 0;
/** A fresh room on `server`: a new started meeting's memo on ours, a new name on the peers. */
export async function freshRoom(
  server: ServerUnderTest,
  label: string,
  agendaTitles?: readonly string[],
): Promise<{ room: string; meetingId: string | null }> {
  unique += 1;
  if (server.config.kind !== 'ours') return { room: `bench-${label}-${unique}`, meetingId: null };
  const { newMeeting } = await import('./ourApi');
  if (!server.ours) throw new Error('ours is not set up');
  const meetingId = await newMeeting(server.ours, `Bench ${label} ${unique}`, agendaTitles);
  return { room: `${meetingId}/memo`, meetingId };
}
