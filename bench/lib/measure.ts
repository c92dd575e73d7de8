// Memory of a server under test after a forced full GC.
import { rssKb } from './proc';
import type { ServerUnderTest } from './servers';

export interface MemoryPoint {
  /** RSS from /proc after the GC, bytes. */
  rss: number;
  heapUsed: number;
  /** Memory outside the JS heap that V8 knows of: ArrayBuffers, Buffers (socket frames). */
  external: number;
  /** heapUsed + external. */
  js: number;
  gcForced: boolean;
}

export async function memoryAfterGc(server: ServerUnderTest): Promise<MemoryPoint> {
  const sample = await server.gc();
  const pid = server.child?.pid ?? -1;
  return {
    rss: rssKb(pid) * 1024,
    heapUsed: sample.heapUsed,
    external: sample.external,
    js: sample.heapUsed + sample.external,
    gcForced: sample.gcForced,
  };
}

export const MB = 1024 * 1024;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
