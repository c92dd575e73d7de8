// A data directory that runs out of room, for fault tests: a small tmpfs when the tests run as
// root (they do here and on CI), otherwise a real file size limit (RLIMIT_FSIZE) on the process
// that writes. Either way writes fail with a real ENOSPC or EFBIG from the kernel, part-way
// through a write(2) included. `FAULT_INJECTION=rlimit` picks the fallback on purpose. Nothing
// here skips: without either mechanism the test fails, saying why.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type FaultMechanism = 'tmpfs' | 'rlimit';

export interface SmallDisk {
  dir: string;
  mechanism: FaultMechanism;
  /** How `argv` is started so that its writes hit the limit (prlimit with rlimit). */
  command(argv: string[]): string[];
  /** Make the limit bite on an already running process (this one, for in-process tests). */
  limit(pid: number): void;
  /** Make room again without restarting the writer: a bigger tmpfs, or the limit lifted. */
  free(pid: number): void;
  /** Make a little room: the tmpfs, or the file size limit, becomes `bytes`. */
  grow(pid: number, bytes: number): void;
  /** Unmount (always, in teardown) and delete. */
  remove(): void;
}

/**
 * A data directory with about `bytes` of room (tmpfs), or files limited to `bytes` each
 * (RLIMIT_FSIZE). Prints which mechanism runs.
 */
export function smallDisk(bytes: number, label: string): SmallDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-full-'));
  const wanted = process.env.FAULT_INJECTION;
  const problems: string[] = [];
  if (wanted !== 'rlimit') {
    if (process.getuid?.() !== 0) problems.push('tmpfs: not root');
    else {
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], {
          stdio: 'pipe',
        });
        console.log(`[${label}] fault injection: a ${bytes}-byte tmpfs at ${dir}`);
        return tmpfsDisk(dir);
      } catch (error) {
        problems.push(`tmpfs: ${String((error as { stderr?: unknown }).stderr ?? error)}`);
      }
    }
  }
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'pipe' });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    problems.push(`rlimit: prlimit(1) not available (${String(error)})`);
    throw new Error(`No way to fill a disk for this test: ${problems.join('; ')}`);
  }
  console.log(
    `[${label}] fault injection: RLIMIT_FSIZE of ${bytes} bytes per file (${problems.join('; ') || 'FAULT_INJECTION=rlimit'})`,
  );
  return rlimitDisk(dir, bytes);
}

function tmpfsDisk(dir: string): SmallDisk {
  return {
    dir,
    mechanism: 'tmpfs',
    command: (argv) => argv,
    limit: () => undefined,
    free() {
      execFileSync('mount', ['-o', 'remount,size=256m', dir], { stdio: 'pipe' });
    },
    grow(_pid, bytes) {
      execFileSync('mount', ['-o', `remount,size=${bytes}`, dir], { stdio: 'pipe' });
    },
    remove() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        // Still open somewhere (a test that failed half-way): detach it now, gone when closed.
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function rlimitDisk(dir: string, bytes: number): SmallDisk {
  // prlimit counts RLIMIT_FSIZE in bytes; the kernel refuses writes past it with EFBIG (Node
  // ignores the SIGXFSZ that would otherwise kill the process). Only the soft limit is set
  // (`N:`), so that it can be lifted again without privileges.
  const prlimit = (args: string[]) => execFileSync('prlimit', args, { stdio: 'pipe' });
  return {
    dir,
    mechanism: 'rlimit',
    command: (argv) => ['prlimit', `--fsize=${bytes}:`, '--', ...argv],
    limit: (pid) => prlimit(['--pid', String(pid), `--fsize=${bytes}:`]),
    // A process that has exited took its limit with it; the next one starts without.
    free: (pid) => {
      if (isRunning(pid)) prlimit(['--pid', String(pid), '--fsize=unlimited:']);
    },
    grow: (pid, more) => prlimit(['--pid', String(pid), `--fsize=${more}:`]),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
