// Children of the orchestrator: Node processes running a bench script (TypeScript through tsx, or
// an already built .js file with plain node) in the project's root, pinned to one core with
// taskset, spoken to over IPC.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Notice, Reply } from './ipc';
import { HAS_TASKSET } from './proc';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildOptions {
  /** CPU core to pin the process to (with taskset), or null for no pinning. */
  core: number | null;
  env?: Record<string, string>;
  /** Extra Node flags, e.g. --expose-gc. */
  nodeFlags?: string[];
  args?: string[];
}

export class NodeChild {
  readonly proc: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  private readonly listeners = new Set<(notice: Notice) => void>();
  private output = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(
    readonly script: string,
    options: ChildOptions,
  ) {
    const node = [
      ...(options.nodeFlags ?? []),
      ...(script.endsWith('.js') ? [] : ['--import', 'tsx']),
      path.join(ROOT, script),
      ...(options.args ?? []),
    ];
    const [command, args] =
      options.core !== null && HAS_TASKSET
        ? ['taskset', ['-c', String(options.core), process.execPath, ...node]]
        : [process.execPath, node];
    // taskset execs Node in the same process, so the pid and the IPC channel are Node's own.
    this.proc = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const collect = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${script}] ${chunk.toString()}`);
    };
    this.proc.stdout?.on('data', collect);
    this.proc.stderr?.on('data', collect);
    this.proc.on('message', (message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      if ('notice' in message) {
        for (const listener of this.listeners) listener(message as Notice);
        return;
      }
      const reply = message as Reply;
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(`${script}: ${reply.error}`));
    });
    this.exited = new Promise((resolve) => {
      this.proc.once('exit', (code, signal) => {
        for (const waiting of this.pending.values())
          waiting.reject(
            new Error(`${script} exited (${signal ?? code}):\n${this.output.slice(-3000)}`),
          );
        this.pending.clear();
        resolve({ code, signal });
      });
    });
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get log(): string {
    return this.output;
  }

  request<T>(cmd: string, args: unknown = null, timeoutMs = 120_000): Promise<T> {
    if (!this.running) return Promise.reject(new Error(`${this.script} is not running`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.script}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.proc.send({ id, cmd, args });
    });
  }

  onNotice(listener: (notice: Notice) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first notice called `name`. */
  waitFor(name: string, timeoutMs = 60_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${this.script}: no "${name}" within ${timeoutMs} ms:\n${this.log}`));
      }, timeoutMs);
      const off = this.onNotice((notice) => {
        if (notice.notice !== name) return;
        clearTimeout(timer);
        off();
        resolve(notice.data);
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        off();
        reject(new Error(`${this.script} exited before "${name}":\n${this.log.slice(-3000)}`));
      });
    });
  }

  /** Close the IPC channel: the child exits by itself (flushing a CPU profile); else SIGKILL. */
  async close(graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    if (this.proc.connected) this.proc.disconnect();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  async kill(signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.proc.kill(signal);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
