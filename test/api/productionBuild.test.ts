// The artefact an operator installs (issue 17, item 1): scripts/package.mjs builds it and installs
// production dependencies only into a fresh directory, from the npm cache; the built server then
// runs there with plain node on both engines, away from the sources and the dev dependencies.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { createRepositories } from '../../server/repositories';
import { DEMO_PASSWORD, seedDemo } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { ENGINES, freshStorageEnv } from '../support/engines';
import {
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('the production artefact', () => {
  let artefact: string;
  let server: ServerProcess | undefined;

  beforeAll(() => {
    artefact = fs.mkdtempSync(path.join(inject('tempRoot'), 'artefact-'));
    // NODE_ENV=test (vitest's) would make Vite bundle React's development build.
    const { NODE_ENV: _nodeEnv, ...env } = process.env;
    const packed = spawnSync(process.execPath, ['scripts/package.mjs', artefact, '--offline'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    expect(packed.status, `${packed.stdout}\n${packed.stderr}`).toBe(0);
  }, 180_000);

  afterEach(async () => {
    if (server) await stopServerProcess(server.child);
    server = undefined;
  });

  it('holds the build and production dependencies only: no sources, tests or build tools', () => {
    expect(fs.readdirSync(artefact).sort()).toEqual([
      'LICENSE',
      'dist',
      'node_modules',
      'package-lock.json',
      'package.json',
      'scripts',
    ]);
    const installed = (name: string) => fs.existsSync(path.join(artefact, 'node_modules', name));
    for (const name of ['express', 'yjs', 'pdfkit', 'dejavu-fonts-ttf', '@seald-io/nedb'])
      expect(installed(name), name).toBe(true);
    for (const name of ['tsx', 'vite', 'esbuild', 'vitest', 'typescript', 'react', '@tiptap/core'])
      expect(installed(name), name).toBe(false);
  });

  it('loads at start neither the other engine, nor Redis, PDF, zip or backup code', () => {
    // What main.js imports statically, chunk by chunk: the packages every start loads. The rest
    // come with import() when used (server/db/open.ts, server/server.ts, pdfWriter.ts, …), which
    // keeps a server at rest about 40 MB smaller (docs/performance.md, "The built server").
    const packages = new Set<string>();
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = fs.readFileSync(file, 'utf8');
      for (const [, spec] of code.matchAll(/(?:^|\n)import\s(?:[^;"]*?\sfrom\s*)?"([^"]+)"/g)) {
        if (spec!.startsWith('.')) visit(path.resolve(path.dirname(file), spec!));
        else if (!spec!.startsWith('node:')) packages.add(spec!);
      }
    };
    visit(path.join(artefact, 'dist/server/main.js'));
    expect(seen.size).toBeGreaterThan(1);
    expect(packages).toContain('express');
    for (const lazy of [
      'mongodb',
      '@seald-io/nedb',
      'redis',
      '@socket.io/redis-adapter',
      'pdfkit',
      'archiver',
      'tar-stream',
    ])
      expect(packages, lazy).not.toContain(lazy);
  });

  it('runs the admin CLI through the start script without rebuilding where there are no sources', () => {
    const stamp = path.join(artefact, 'dist/.built');
    const builtAt = fs.statSync(stamp).mtimeMs;
    const run = spawnSync(process.execPath, ['scripts/start.mjs', 'admin', 'list-groups'], {
      cwd: artefact,
      env: { ...process.env, REDIS_URL: undefined, ...freshStorageEnv('embedded') },
      encoding: 'utf8',
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(fs.statSync(stamp).mtimeMs).toBe(builtAt);
    expect(fs.existsSync(path.join(artefact, 'dist/server/admin.js'))).toBe(true);
  });

  describe.each(ENGINES)('on the %s engine', (engine) => {
    it('boots with plain node, is ready, serves the client and logs the chair in', async () => {
      const storage = freshStorageEnv(engine);
      // Seeded here, before the server holds the store: whether a server seeds is not this test's.
      const db = await openDatabase(
        'DATA_DIR' in storage
          ? { kind: 'embedded', dataDir: storage.DATA_DIR }
          : { kind: 'mongodb', uri: storage.MONGODB_URI, dbName: storage.MONGODB_DB },
      );
      await seedDemo(createRepositories(db));
      await db.close();

      server = await startServerProcess(
        { ...storage, NODE_ENV: 'production' },
        { command: () => [process.execPath, path.join(artefact, 'dist/server/main.js')] },
      );
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);

      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(
        html,
      )?.[1];
      expect(script, html).toBeDefined();
      expect((await fetch(`${server.url}${script}`)).status).toBe(200);

      const chair = new ApiClient(server.url);
      const login = await chair.login('puheenjohtaja@demo.example', DEMO_PASSWORD);
      expect(login.body).toMatchObject({ email: 'puheenjohtaja@demo.example' });
      expect((await chair.get('/api/me')).status).toBe(200);
    });
  });
});
