// The servers under test, each its own child process on 127.0.0.1 pinned to the server core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { BUILT_OURS, buildOurs } from './builtServer';
import { NodeChild } from './child';
import type { FerretDB } from './ferretdb';
import { setUpOurs, type OurSetup } from './ourApi';
import type { MemorySample } from '../servers/common';
import type { ServerKind, Target } from './targets';

export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

export interface ServerConfig {
  id: string;
  label: string;
  kind: ServerKind;
  /** Ours always stores every update before relaying it: there is no "off" for us. */
  persistence: 'on' | 'off';
  engine?: 'embedded' | 'mongodb';
}

export const CONFIGS: readonly ServerConfig[] = [
  {
    id: 'ours-nedb',
    label: 'ours (embedded NeDB)',
    kind: 'ours',
    persistence: 'on',
    engine: 'embedded',
  },
  {
    id: 'ours-ferretdb',
    label: 'ours (MongoDB path, FerretDB)',
    kind: 'ours',
    persistence: 'on',
    engine: 'mongodb',
  },
  {
    id: 'ref',
    label: 'y-websocket reference, no persistence',
    kind: 'reference',
    persistence: 'off',
  },
  {
    id: 'ref-leveldb',
    label: 'y-websocket reference + y-leveldb',
    kind: 'reference',
    persistence: 'on',
  },
  { id: 'hocus', label: 'Hocuspocus, no persistence', kind: 'hocuspocus', persistence: 'off' },
  { id: 'hocus-sqlite', label: 'Hocuspocus + SQLite', kind: 'hocuspocus', persistence: 'on' },
];

const SCRIPTS: Record<ServerKind, string> = {
  ours: BUILT_OURS,
  reference: 'bench/servers/reference.ts',
  hocuspocus: 'bench/servers/hocuspocus.ts',
};

export interface StartContext {
  ferret: FerretDB | null;
  /** Set over the server's own environment (e.g. a second instance's database and Redis). */
  env?: Record<string, string>;
  /** The core to pin the server to, when not SERVER_CORE. */
  core?: number;
}

/** One server under test: started, killed with -9 and restarted on the same port and data. */
export class ServerUnderTest {
  child: NodeChild | null = null;
  port = 0;
  ours: OurSetup | null = null;
  private readonly dir: string;
  private readonly env: Record<string, string>;

  constructor(
    readonly config: ServerConfig,
    private readonly context: StartContext,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `neuvottelu-bench-${config.id}-`));
    this.env = this.makeEnv();
  }

  private makeEnv(): Record<string, string> {
    const { config } = this;
    switch (config.kind) {
      case 'ours': {
        const storage: Record<string, string> =
          config.engine === 'mongodb'
            ? {
                MONGODB_URI: this.requireFerret().uri,
                MONGODB_DB: `bench_${randomUUID().slice(0, 8)}`,
              }
            : { DATA_DIR: this.dataDir() };
        return {
          ...storage,
          LOG_LEVEL: 'warn',
          BENCH_SEED: '1',
          // Idle rooms leave memory after 2 s instead of 30 s, so that workload 3 sees it.
          COLLAB_IDLE_MS: '2000',
          LOGIN_ATTEMPTS_PER_15_MIN: '10000',
          // The load shares one session per negotiator among many simulated people, where each
          // person would have a session of their own: per-session quotas must not count them as one.
          COLLAB_SESSION_CONNECTIONS: '100000',
          COLLAB_SESSION_ROOMS: '100000',
          COLLAB_SESSION_UPGRADES_PER_MINUTE: '1000000',
          ...this.context.env,
        };
      }
      case 'reference':
        return config.persistence === 'on' ? { YPERSISTENCE: path.join(this.dir, 'leveldb') } : {};
      case 'hocuspocus':
        return config.persistence === 'on' ? { BENCH_SQLITE: path.join(this.dir, 'hocus.db') } : {};
    }
  }

  private requireFerret(): FerretDB {
    if (!this.context.ferret) throw new Error('FerretDB is not running');
    return this.context.ferret;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Node server plus, for ours on FerretDB, the database process: what the server costs. */
  pids(): number[] {
    const pids = this.child ? [this.child.pid] : [];
    if (this.config.engine === 'mongodb' && this.context.ferret) pids.push(this.context.ferret.pid);
    return pids;
  }

  async start(): Promise<void> {
    if (this.config.kind === 'ours') await buildOurs();
    const child = new NodeChild(SCRIPTS[this.config.kind], {
      core: this.context.core ?? SERVER_CORE,
      // BENCH_SERVER_PROFILE=dir: a CPU profile of every server process (written on SIGTERM).
      nodeFlags: [
        '--expose-gc',
        ...(process.env.BENCH_SERVER_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROFILE}`]
          : []),
      ],
      env: { ...this.env, PORT: String(this.port) },
    });
    this.child = child;
    const listening = (await child.waitFor('listening', 60_000)) as { port: number };
    this.port = listening.port;
    if (this.config.kind === 'ours' && !this.ours) this.ours = await setUpOurs(this.url);
  }

  /** SIGKILL: no shutdown hooks, no flushing. */
  async kill9(): Promise<void> {
    await this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.child?.kill('SIGTERM', 10_000);
    this.child = null;
  }

  /** The embedded engine's DATA_DIR. */
  dataDir(): string {
    return path.join(this.dir, 'data');
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  target(): Target {
    return { kind: this.config.kind, httpUrl: this.url, cookies: this.ours?.cookies ?? [] };
  }

  request<T>(cmd: string, args: unknown = null, timeoutMs?: number): Promise<T> {
    if (!this.child) throw new Error(`${this.config.id} is not running`);
    return this.child.request<T>(cmd, args, timeoutMs);
  }

  gc(): Promise<MemorySample> {
    return this.request<MemorySample>('gc');
  }
}
