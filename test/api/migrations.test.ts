import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../server/db/collection';
import {
  MIGRATIONS,
  runMigrations,
  schemaVersion,
  SchemaVersionError,
  type Migration,
} from '../../server/db/migrations';
import { openDatabase } from '../../server/db/open';
import { COLLECTIONS, type MigrationDoc } from '../../server/db/schema';
import { createLogger } from '../../server/logger';
import { ENGINES, freshStorageEnv, openTestDatabase } from '../support/engines';
import { runToExit, startServerProcess, stopServerProcess } from '../support/serverProcess';

// The schema version lives in the database; each migration runs once, in order, even when two
// instances start at once; a database newer than the server is refused.

const logger = createLogger('silent');

/** A test-only migration that counts its runs and may wait for `gate` first. */
function counting(version: number, gate?: Promise<void>) {
  const runs = { count: 0 };
  const migration: Migration = {
    version,
    name: `test ${version}`,
    async up() {
      runs.count += 1;
      await gate;
    },
  };
  return { migration, runs };
}

describe.each(ENGINES)('schema migrations on %s', (engine) => {
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('brings a database from before versions, and one at an older version, up once', async () => {
    db = await openTestDatabase(engine);
    expect(await schemaVersion(db)).toBe(0);
    expect(await runMigrations(db, logger)).toBe(MIGRATIONS.length);
    expect(await schemaVersion(db)).toBe(1);

    const second = counting(2);
    expect(await runMigrations(db, logger, [...MIGRATIONS, second.migration])).toBe(2);
    expect(await runMigrations(db, logger, [...MIGRATIONS, second.migration])).toBe(2);
    expect(second.runs.count).toBe(1);
    expect(await schemaVersion(db)).toBe(2);
  });

  it('runs a migration once when two instances start at once', async () => {
    db = await openTestDatabase(engine);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slow = counting(2, gate);
    const list = [...MIGRATIONS, slow.migration];
    const both = Promise.all([runMigrations(db, logger, list), runMigrations(db, logger, list)]);
    await vi.waitFor(() => expect(slow.runs.count).toBe(1));
    open();
    expect(await both).toEqual([2, 2]);
    expect(slow.runs.count).toBe(1);
    const records = await db.collection<MigrationDoc>(COLLECTIONS.migrations).find({});
    expect(records.map((record) => record.version).sort()).toEqual([1, 2]);
  });

  it('refuses a database a newer server has migrated', async () => {
    db = await openTestDatabase(engine);
    await runMigrations(db, logger, [...MIGRATIONS, counting(2).migration]);
    await expect(runMigrations(db, logger)).rejects.toThrow(SchemaVersionError);
    await expect(runMigrations(db, logger)).rejects.toThrow(/schema version 2, newer/);
  });

  it('a server process migrates at start and refuses a newer database, exit 1', async () => {
    const env = freshStorageEnv(engine);
    const storage =
      'DATA_DIR' in env
        ? ({ kind: 'embedded', dataDir: env.DATA_DIR } as const)
        : ({ kind: 'mongodb', uri: env.MONGODB_URI, dbName: env.MONGODB_DB } as const);
    const server = await startServerProcess(env);
    expect(server.output()).toContain('schema migration applied');
    expect(await stopServerProcess(server.child)).toBe(0);

    const store = await openDatabase(storage);
    expect(await schemaVersion(store)).toBe(1);
    await store.collection<MigrationDoc>(COLLECTIONS.migrations).insertOne({
      _id: '99',
      version: 99,
      name: 'from the future',
      startedAt: new Date(),
      completedAt: new Date(),
    });
    await store.close();
    const refused = await runToExit(['server/main.ts'], { ...env, HOST: '127.0.0.1', PORT: '0' });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('schema version 99');
  });
});
