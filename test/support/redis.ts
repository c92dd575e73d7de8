// A real redis-server (Debian's, installed by `npm run provision`) on a loopback port, in a
// temporary directory, without persistence: the pub/sub between server instances in tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort';

export const REDIS_SERVER = '/usr/bin/redis-server';

/** One PING over a raw socket: answers `+PONG` once Redis serves. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(500, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) socket.end();
    });
    socket.on('close', () => resolve(answer.startsWith('+PONG')));
    socket.on('error', () => undefined);
  });
}

export interface TestRedis {
  url: string;
  port: number;
  /** Whether a redis-server of ours is running now. */
  readonly running: boolean;
  /** SIGKILL: like a crash; whatever it held is gone. */
  kill9(): Promise<void>;
  /** Start again on the same port (after kill9 or stop). */
  start(): Promise<void>;
  /** Stop it and remove its directory. */
  stop(): Promise<void>;
}

export async function startRedis(): Promise<TestRedis> {
  if (!fs.existsSync(REDIS_SERVER)) {
    throw new Error(
      `redis-server is not installed at ${REDIS_SERVER}: run \`npm run provision\` (npm test does).`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';

  async function start() {
    output = '';
    const process = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'yes',
        '--loglevel',
        'warning',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
    process.stdout?.on('data', collect);
    process.stderr?.on('data', collect);
    child = process;
    const deadline = Date.now() + 10_000;
    while (!(await pings(port))) {
      if (process.exitCode !== null || process.signalCode !== null)
        throw new Error(`redis-server exited early:\n${output}`);
      if (Date.now() > deadline)
        throw new Error(`redis-server did not serve within 10 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function signal(name: NodeJS.Signals) {
    const process = child;
    child = undefined;
    if (!process || process.exitCode !== null || process.signalCode !== null) return;
    const exited = new Promise((resolve) => process.once('exit', resolve));
    process.kill(name);
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    get running() {
      return child !== undefined;
    },
    kill9: () => signal('SIGKILL'),
    start,
    async stop() {
      await signal('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
