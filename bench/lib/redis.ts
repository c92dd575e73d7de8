// Redis as the pub/sub between our server instances: the tests' own launcher, its process found
// in /proc (the launcher does not hand it out) so that it can be pinned to the servers' core and
// its CPU counted with theirs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { REDIS_SERVER, startRedis, type TestRedis } from '../../test/support/redis';
import { HAS_TASKSET } from './proc';

export interface BenchRedis {
  redis: TestRedis;
  /** The redis-server process, or null when it could not be found. */
  pid: number | null;
}

/** redis-server renames itself to "redis-server 127.0.0.1:<port>"; either form names the port. */
function findPid(port: number): number | null {
  const names = new RegExp(`[: ]${port}( |$)`);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue;
    }
    if (cmdline.includes('redis-server') && names.test(cmdline)) return Number(entry);
  }
  return null;
}

/** Whether `npm run provision` installed redis-server. */
export function redisAvailable(): boolean {
  return fs.existsSync(REDIS_SERVER);
}

export async function startBenchRedis(core: number): Promise<BenchRedis> {
  const redis = await startRedis();
  const pid = findPid(redis.port);
  if (pid !== null && HAS_TASKSET)
    execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)]);
  return { redis, pid };
}
