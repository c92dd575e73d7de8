// What every server under test answers besides its own protocol: memory, forced GC, readiness.
import type { Handler } from '../lib/ipc';

export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Whether the process could force a full GC (started with --expose-gc). */
  gcForced: boolean;
}

/** Calls to our room log's store: how many, how long they took, how many appends lost a race. */
export interface LogCallTally {
  calls: number;
  ms: number;
  refused: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sample(gcForced: boolean): MemorySample {
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external, arrayBuffers, gcForced };
}

export const memoryHandlers: Record<string, Handler> = {
  mem: () => Promise.resolve(sample(false)),
  async gc() {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) return sample(false);
    // Twice, with a pause: weak references and finalizers let go in the second round.
    gc();
    await sleep(100);
    gc();
    await sleep(50);
    return sample(true);
  },
};

export function listenPort(): number {
  return Number(process.env.PORT ?? '0');
}
