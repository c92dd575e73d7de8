import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './freePort';
import { MongoClient } from 'mongodb';

const BIN = path.resolve(import.meta.dirname, '../../.cache/bin/ferretdb');

async function waitUntilServing(uri: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited early:\n${output()}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await client.close();
    }
  }
  throw new Error(`FerretDB did not start serving within 20 s:\n${output()}`);
}

export interface FerretDB {
  uri: string;
  /** The server process, for readers of its CPU time (the benchmark) and fault tests. */
  pid: number;
  /** Its data directory and port: a fault test starts a new server on the same ones. */
  dir: string;
  port: number;
  /** Stop it and remove its data directory. */
  stop(): Promise<void>;
}

export function ferretAvailable(): boolean {
  return fs.existsSync(BIN);
}

export interface FerretDBOptions {
  /** Pin the server to this CPU core with `taskset` (the benchmark keeps servers off the load's core). */
  core?: number | null;
  /** Serve these files and this port again (after the previous server was killed). */
  reuse?: { dir: string; port: number };
}

/** Start FerretDB with its SQLite backend in a fresh temporary directory on a loopback port. */
export async function startFerretDB(options: FerretDBOptions = {}): Promise<FerretDB> {
  if (!ferretAvailable()) {
    throw new Error(
      `FerretDB is not installed at ${BIN}: run \`npm run provision\` (npm test does).`,
    );
  }
  const dir = options.reuse?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-ferretdb-'));
  const port = options.reuse?.port ?? (await freePort());
  let output = '';
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    // FerretDB keeps a state file; by default in the working directory.
    `--state-dir=${dir}`,
    '--log-level=warn',
  ];
  const pinned = options.core !== undefined && options.core !== null;
  const child = pinned
    ? spawn('taskset', ['-c', String(options.core), BIN, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const uri = `mongodb://127.0.0.1:${port}/`;
  await waitUntilServing(uri, child, () => output);
  return {
    uri,
    pid: child.pid ?? -1,
    dir,
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
