import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { createRepositories } from '../../server/repositories';
import { DEMO_EMAILS, DEMO_PASSWORD, seedDemo } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { ENGINES, freshStorageEnv, type Engine, type StorageEnv } from '../support/engines';
import { kill9, runToExit, startServerProcess } from '../support/serverProcess';

// A safe first run: the demo (password in the README) is seeded only when asked for on a
// private machine, and a server others can reach refuses to start while its accounts exist.

const EXPOSED = { PUBLIC_URL: 'https://neuvottelu.example.fi' };

async function demoLoginStatus(url: string): Promise<number> {
  const login = await new ApiClient(url).post('/api/auth/login', {
    email: 'puheenjohtaja@demo.example',
    password: DEMO_PASSWORD,
  });
  return login.status;
}

/** A store on `engine` the demo was seeded into by a process that has closed it again. */
async function seededStore(engine: Engine): Promise<StorageEnv> {
  const env = freshStorageEnv(engine);
  const db = await openDatabase(
    'DATA_DIR' in env
      ? { kind: 'embedded', dataDir: env.DATA_DIR }
      : { kind: 'mongodb', uri: env.MONGODB_URI, dbName: env.MONGODB_DB },
  );
  const logins = await seedDemo(createRepositories(db));
  await db.close();
  // The list remove-demo and the start-up check go by is exactly what the seed creates.
  expect(logins?.map((login) => login.email)).toEqual(DEMO_EMAILS);
  return env;
}

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) await kill9(child);
});

async function start(env: Record<string, string>) {
  const server = await startServerProcess(env);
  children.push(server.child);
  return server;
}

describe('demo seeding on the embedded engine', () => {
  it('seeds with SEED_DEMO=true on 127.0.0.1', async () => {
    const server = await start({ ...freshStorageEnv('embedded'), SEED_DEMO: 'true' });
    expect(server.output()).toContain('Demo group seeded');
    expect(await demoLoginStatus(server.url)).toBe(200);
    await kill9(server.child);
  });

  it('does not seed without the switch', async () => {
    const server = await start({ ...freshStorageEnv('embedded') });
    expect(server.output()).not.toContain('Demo group seeded');
    expect(await demoLoginStatus(server.url)).toBe(401);
    await kill9(server.child);
  });

  it('does not seed with the switch when PUBLIC_URL is https, and says why', async () => {
    const server = await start({ ...freshStorageEnv('embedded'), SEED_DEMO: 'true', ...EXPOSED });
    expect(await demoLoginStatus(server.url)).toBe(401);
    expect(server.output()).toContain('SEED_DEMO ignored');
    expect(server.output()).not.toContain('Demo group seeded');
    await kill9(server.child);
  });
});

describe.each(ENGINES)('demo accounts on an exposed server on %s', (engine) => {
  it('refuses to start while they exist, names remove-demo, and starts after it', async () => {
    const env = { ...(await seededStore(engine)), ...EXPOSED };
    const refused = await runToExit(['server/main.ts'], { ...env, HOST: '127.0.0.1', PORT: '0' });
    console.log(`exposed server with demo accounts: exit ${refused.code}\n${refused.output}`);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('demo account');
    expect(refused.output).toContain('npm run admin -- remove-demo');
    expect(refused.output).not.toMatch(/"msg":"listening"/);

    const removed = await runToExit(['server/cli/admin.ts', 'remove-demo'], env);
    expect(removed.code).toBe(0);
    expect(removed.output).toContain(`Removed ${DEMO_EMAILS.length} demo accounts`);
    const again = await runToExit(['server/cli/admin.ts', 'remove-demo'], env);
    expect(again.code).toBe(0);
    expect(again.output).toContain('No demo accounts found');

    const server = await start(env);
    expect(await demoLoginStatus(server.url)).toBe(401);
    await kill9(server.child);
    // Four Node processes one after another (each compiles TypeScript through tsx at start).
  }, 90_000);
});
