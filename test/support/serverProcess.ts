// The real server as a child process (`tsx server/main.ts`), for tests that kill it with -9.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { vi } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
}

export interface ServerProcessOptions {
  /** How the node command line is run, e.g. under prlimit(1). */
  command?: (argv: string[]) => string[];
}

/** Start `server/main.ts` with `env` on 127.0.0.1 (PORT 0 unless given) and wait until it listens. */
export async function startServerProcess(
  env: Record<string, string>,
  options: ServerProcessOptions = {},
): Promise<ServerProcess> {
  // Node itself with tsx as a loader, not the tsx launcher: the launcher runs the server in a
  // child process of its own, which a SIGKILL to the launcher would leave running.
  const [command, ...args] = (options.command ?? ((argv) => argv))([
    process.execPath,
    '--import',
    'tsx',
    'server/main.ts',
  ]);
  // A REDIS_URL of the test run is for the tests that ask for it (inject('redisUrl')).
  const { REDIS_URL: _redisUrl, ...inherited } = process.env;
  const child = spawn(command!, args, {
    cwd: root,
    env: {
      ...inherited,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`server exited:\n${output.slice(-2000)}`);
      // Or the log line: with PUBLIC_URL set the banner names that address instead.
      const found =
        /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ??
        /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"listening"/.exec(output)?.[1];
      if (!found) throw new Error(`server not up yet:\n${output.slice(-500)}`);
      return found;
    },
    { timeout: 30_000, interval: 100 },
  );
  return { child, url, port: Number(new URL(url).port), output: () => output };
}

/** Run the process to completion (`node server/main.ts` or a command like the admin CLI). */
export function runToExit(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...argv], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

/** SIGTERM, as a service manager stops the server; resolves with the exit code. */
export function stopServerProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/** SIGKILL: no shutdown hooks, no flushing, exactly like a crash. */
export function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
