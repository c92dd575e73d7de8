import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKED_UP, EXCLUDED } from '../../../server/backup/coverage';
import { INDEXES } from '../../../server/db/indexes';
import { runMigrations } from '../../../server/db/migrations';
import { openDatabase } from '../../../server/db/open';
import { COLLECTIONS } from '../../../server/db/schema';
import { createLogger } from '../../../server/logger';
import { createRepositories } from '../../../server/repositories';

// A backup holds every collection unless it is deliberately excluded (server/backup/coverage.ts).
// A collection the code uses but the schema's list does not name would be neither: these tests
// catch it, from the list, the indexes and the collections the repositories really open.

const covered = new Set([...BACKED_UP, ...EXCLUDED.keys()]);

describe('backup coverage', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-coverage-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every collection of the schema is backed up or excluded with a reason, never both', () => {
    for (const name of Object.values(COLLECTIONS)) expect(covered, name).toContain(name);
    for (const name of BACKED_UP) expect(EXCLUDED.has(name), name).toBe(false);
    for (const [name, reason] of EXCLUDED) {
      expect(Object.values(COLLECTIONS), name).toContain(name);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('only short-lived security state is left out', () => {
    expect([...EXCLUDED.keys()].sort()).toEqual(
      [COLLECTIONS.attempts, COLLECTIONS.calendarFeeds, COLLECTIONS.sessions].sort(),
    );
  });

  it('every indexed collection is covered', () => {
    for (const spec of INDEXES) expect(covered, spec.collection).toContain(spec.collection);
  });

  it('every collection the repositories and the migrations open is covered', async () => {
    const db = await openDatabase(
      { kind: 'embedded', dataDir: dir },
      { logger: createLogger('silent') },
    );
    createRepositories(db);
    await runMigrations(db, createLogger('silent'));
    // Closing waits for every opened collection's file to load, so each one is on disk.
    await db.close();
    const files = fs.readdirSync(dir).filter((file) => file.endsWith('.db'));
    expect(files.length).toBeGreaterThanOrEqual(Object.keys(COLLECTIONS).length);
    for (const file of files) expect(covered, file).toContain(file.slice(0, -3));
  });
});
