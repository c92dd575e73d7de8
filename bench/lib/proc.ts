// What the kernel says about a process: CPU time and resident memory, from /proc.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of the whole process (all threads), in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLK_TCK;
}

/** Resident set size in KiB. */
export function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) : 0;
}

export function alive(pid: number): boolean {
  return fs.existsSync(`/proc/${pid}/stat`);
}

/** CPU of a set of processes between `start()` and `stop()`, and their peak RSS meanwhile. */
export class ProcessMeter {
  private startCpu = 0;
  private startedAt = 0;
  private timer: NodeJS.Timeout | null = null;
  peakRssKb = 0;

  constructor(private readonly pids: () => number[]) {}

  private cpu(): number {
    return this.pids().reduce((sum, pid) => sum + (alive(pid) ? cpuMs(pid) : 0), 0);
  }

  rssKb(): number {
    return this.pids().reduce((sum, pid) => sum + (alive(pid) ? rssKb(pid) : 0), 0);
  }

  start(): void {
    this.startCpu = this.cpu();
    this.startedAt = performance.now();
    this.peakRssKb = this.rssKb();
    this.timer = setInterval(() => {
      this.peakRssKb = Math.max(this.peakRssKb, this.rssKb());
    }, 200);
    this.timer.unref();
  }

  /** CPU milliseconds used and wall milliseconds passed since start(). */
  stop(): { cpuMs: number; wallMs: number; rssKb: number; peakRssKb: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const rss = this.rssKb();
    this.peakRssKb = Math.max(this.peakRssKb, rss);
    return {
      cpuMs: this.cpu() - this.startCpu,
      wallMs: performance.now() - this.startedAt,
      rssKb: rss,
      peakRssKb: this.peakRssKb,
    };
  }
}

export const HAS_TASKSET = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    return true;
  } catch {
    return false;
  }
})();

export function loadAverage(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = fs
    .readFileSync('/proc/loadavg', 'utf8')
    .split(' ')
    .map(Number);
  return [one, five, fifteen];
}
