// The schema version stored in the database, and the migrations that bring it up to date at
// start. Each migration runs once per database: a unique-key insert of its version decides which
// instance runs it (never a conditional update, see insertIfAbsent.ts); the others wait for it.
import type { Logger } from '../logger';
import type { Database, DocCollection } from './collection';
import { insertIfAbsent } from './insertIfAbsent';
import { COLLECTIONS, type MigrationDoc } from './schema';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): Promise<void>;
}

/** In version order. Version 1 is the schema as it was when versions began: nothing to do. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'the schema of issue 17', up: async () => {} },
];

export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

/** How long an instance waits for another to finish a migration it claimed. */
const WAIT_FOR_OTHER_MS = 10 * 60_000;
const POLL_MS = 200;

function migrationsOf(db: Database): DocCollection<MigrationDoc> {
  return db.collection<MigrationDoc>(COLLECTIONS.migrations);
}

/** The highest completed migration: 0 for a database from before versions began. */
export async function schemaVersion(db: Database): Promise<number> {
  const done = await migrationsOf(db).find({ completedAt: { $exists: true } });
  return Math.max(0, ...done.map((record) => record.version));
}

async function waitForOther(
  records: DocCollection<MigrationDoc>,
  migration: Migration,
  waitMs: number,
): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    const record = await records.findOne({ _id: String(migration.version) });
    if (record?.completedAt) return;
    if (Date.now() > until) {
      throw new SchemaVersionError(
        `Migration ${migration.version} (${migration.name}) was started at ` +
          `${record?.startedAt.toISOString() ?? '?'} by another instance and has not finished. ` +
          'If no other instance is running it, it failed: restore the backup taken before the ' +
          `upgrade, or remove the record {_id: "${migration.version}"} from the ` +
          `"${COLLECTIONS.migrations}" collection to run it again.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Bring the database up to the newest migration this server knows, in order, each once. Refuses
 * a database that a newer server has migrated beyond what this one knows.
 */
export async function runMigrations(
  db: Database,
  logger: Logger,
  migrations: readonly Migration[] = MIGRATIONS,
  options: { waitMs?: number } = {},
): Promise<number> {
  const records = migrationsOf(db);
  const known = migrations.at(-1)?.version ?? 0;
  const current = await schemaVersion(db);
  if (current > known) {
    throw new SchemaVersionError(
      `The database is at schema version ${current}, newer than this server knows (${known}). ` +
        'Run the newer server version, or restore the backup taken before it.',
    );
  }
  for (const migration of migrations) {
    const id = String(migration.version);
    const claimed = await insertIfAbsent(records, {
      _id: id,
      version: migration.version,
      name: migration.name,
      startedAt: new Date(),
    });
    if (!claimed) {
      await waitForOther(records, migration, options.waitMs ?? WAIT_FOR_OTHER_MS);
      continue;
    }
    const at = performance.now();
    await migration.up(db);
    await records.updateOne({ _id: id }, { $set: { completedAt: new Date() } });
    logger.info(
      { version: migration.version, name: migration.name, ms: Math.round(performance.now() - at) },
      'schema migration applied',
    );
  }
  return known;
}
