// One writer per embedded data directory. Two processes on one directory lose data: NeDB
// compacts every file when it opens it (a new file renamed over the old), so the first process
// goes on appending to a file that no longer has a name. The lock is a directory made with
// mkdir(2) (proper-lockfile) inside the data directory, whose mtime its holder refreshes every
// 5 s; a lock not refreshed for 10 s was left by a process that is gone, and is taken over.
// The holder's pid, host and start time are kept inside the lock, for the error another process
// gets, and so that a lock left by a killed process on this same machine is taken over at once
// instead of after 10 s (a restart after `kill -9`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import type { Logger } from '../logger';

// proper-lockfile removes its lock at exit through signal-exit, which also listens to SIGXFSZ and
// raises it again when no one else listens. Node ignores SIGXFSZ, so that a write past a file
// size limit (RLIMIT_FSIZE) fails with EFBIG like one on a full disk; this listener keeps it so
// instead of the process being killed.
process.on('SIGXFSZ', () => undefined);

const LOCK_DIR = 'writer.lock';
const HOLDER_FILE = 'holder.json';
/** proper-lockfile's default: the holder refreshes the lock every STALE_MS / 2. */
const STALE_MS = 10_000;
/** How long to wait for a lock whose holder may be gone but cannot be checked from here. */
const WAIT_MS = STALE_MS + 3_000;
const POLL_MS = 250;

export interface LockHolder {
  /** What holds it: `server`, `admin command`, … */
  owner: string;
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Linux boot id and pid namespace: a pid means the same process only when both match. */
  boot: string | null;
  pidNamespace: string | null;
}

/** The data directory is in use by another process (or another database in this one). */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      `The data directory ${dataDir} is in use by ` +
        (holder
          ? `the Neuvottelu ${holder.owner} with pid ${holder.pid} on ${holder.host}, running since ${holder.since}`
          : 'another Neuvottelu process') +
        `. Only one process may use it at a time. Stop that process first, or use another ` +
        `DATA_DIR. (A lock left behind by a process that no longer runs is taken over by itself ` +
        `within ${STALE_MS / 1000} seconds.)`,
    );
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

export interface LockOptions {
  owner: string;
  logger: Logger;
  /** Someone else took the lock over (this process stalled for over 10 s): stop writing. */
  onLost(error: Error): void;
}

/** Lock directories this process holds, so that a second open in the same process is refused. */
const heldHere = new Set<string>();

/** Take the data directory's lock, or throw DataDirLockedError naming who holds it. */
export async function lockDataDir(dataDir: string, options: LockOptions): Promise<DataDirLock> {
  const dir = fs.realpathSync(dataDir);
  const lockPath = path.join(dir, LOCK_DIR);
  const me = { ...machine(), owner: options.owner, pid: process.pid };
  const deadline = Date.now() + WAIT_MS;
  let waiting = false;
  for (;;) {
    const since = new Date().toISOString();
    try {
      const release = await lockfile.lock(dir, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        fs: lockFs({ ...me, since }),
        onCompromised: (error) => options.onLost(error),
      });
      heldHere.add(lockPath);
      return {
        async release() {
          heldHere.delete(lockPath);
          await release();
        },
      };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ELOCKED') throw error;
    }
    const holder = readHolder(lockPath);
    const state = holderState(holder, lockPath);
    const late = Date.now() > deadline;
    if (state === 'gone' && holder && !late && takeOver(lockPath, holder)) {
      options.logger.warn(
        { dataDir: dir, holder },
        'took over the data directory lock left by a process that no longer runs',
      );
      continue;
    }
    if (state === 'running' || late) throw new DataDirLockedError(dir, holder);
    if (!waiting) {
      waiting = true;
      options.logger.warn(
        { dataDir: dir, holder },
        `the data directory is locked; waiting up to ${WAIT_MS / 1000} s in case its holder is gone`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function machine(): Pick<LockHolder, 'host' | 'boot' | 'pidNamespace'> {
  const read = (fn: () => string) => {
    try {
      return fn().trim();
    } catch {
      return null;
    }
  };
  return {
    host: os.hostname(),
    boot: read(() => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8')),
    pidNamespace: read(() => fs.readlinkSync('/proc/self/ns/pid')),
  };
}

/**
 * proper-lockfile's file system with the holder written into the lock right after mkdir(2),
 * before the lock's mtime is read (a file written later would change the mtime, which the
 * holder takes for someone else's), and removed with it.
 */
function lockFs(holder: LockHolder) {
  return {
    ...fs,
    mkdir(dir: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      fs.mkdir(dir, (error) => {
        if (!error) {
          try {
            fs.writeFileSync(path.join(dir, HOLDER_FILE), JSON.stringify(holder));
          } catch {
            // Only the messages lose their detail; the lock itself is the directory.
          }
        }
        callback(error);
      });
    },
    rmdir(dir: string, callback: (error: NodeJS.ErrnoException | null) => void) {
      fs.rm(dir, { recursive: true }, callback);
    },
    rmdirSync(dir: string) {
      fs.rmSync(dir, { recursive: true });
    },
  };
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(lockPath, HOLDER_FILE), 'utf8')) as LockHolder;
  } catch {
    // Being taken right now (the holder file follows the mkdir), or an older format.
    return null;
  }
}

/**
 * `gone` only when the holder provably no longer runs: same boot and pid namespace of this
 * machine, and its pid is free (or is ours, without this process holding the lock).
 */
function holderState(holder: LockHolder | null, lockPath: string): 'running' | 'gone' | 'unknown' {
  if (!holder) return 'unknown';
  const here = machine();
  const sameMachine =
    holder.host === here.host &&
    here.boot !== null &&
    holder.boot === here.boot &&
    holder.pidNamespace === here.pidNamespace;
  if (!sameMachine) return 'unknown';
  if (holder.pid === process.pid) return heldHere.has(lockPath) ? 'running' : 'gone';
  try {
    process.kill(holder.pid, 0);
    return 'running';
  } catch (error) {
    return (error as { code?: unknown }).code === 'ESRCH' ? 'gone' : 'running';
  }
}

/**
 * Make a dead holder's lock stale so that proper-lockfile replaces it. Checked once more just
 * before, so that a lock someone else has taken over in the meantime is left alone.
 */
function takeOver(lockPath: string, dead: LockHolder): boolean {
  const now = readHolder(lockPath);
  if (!now) return fs.existsSync(lockPath) === false;
  if (now.pid !== dead.pid || now.since !== dead.since || now.host !== dead.host) return false;
  try {
    fs.utimesSync(lockPath, new Date(0), new Date(0));
    return true;
  } catch {
    return false;
  }
}
