// Reading every backed-up collection as of one moment, on either engine (see docs/architecture.md,
// "Backup and restore"). Documents become lines of canonical Extended JSON at once: a line keeps
// dates, binary and number types exactly and no later write can change it.
import { BSON, type ClientSession } from 'mongodb';
import type { Database } from '../db/collection';
import { EmbeddedDatabase } from '../db/embedded';
import { MongoDatabase } from '../db/mongo';
import { COLLECTIONS, type MigrationDoc } from '../db/schema';
import { BACKED_UP } from './coverage';
import type { ConsistencyMethod } from './manifest';
import { validate, type Validation } from './validate';

export interface Snapshot {
  engine: 'embedded' | 'mongodb';
  method: ConsistencyMethod;
  attempts: number;
  note: string;
  schemaVersion: number;
  /** Per backed-up collection, in BACKED_UP order: one canonical EJSON document per line. */
  lines: Map<string, string[]>;
  validation: Validation;
}

/** A backup that could not be taken; the message says why. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** How often the MongoDB fallback reads everything again before it gives up. */
export const MAX_ATTEMPTS = 5;
const RETRY_PAUSE_MS = 200;
/** MongoDB 5.0's wire version: the first with snapshot reads outside transactions. */
const SNAPSHOT_WIRE_VERSION = 13;

export const toLine = (doc: unknown) => BSON.EJSON.stringify(doc, { relaxed: false });
/** Back to plain values: numbers as numbers, dates as Date (canonical keeps which was which). */
export const fromLine = (line: string) =>
  BSON.EJSON.parse(line, { relaxed: true }) as Record<string, unknown>;

export function schemaVersionOf(migrations: readonly Partial<MigrationDoc>[]): number {
  return Math.max(
    0,
    ...migrations.filter((m) => m.completedAt !== undefined).map((m) => m.version ?? 0),
  );
}

function check(lines: Map<string, string[]>): { validation: Validation; schemaVersion: number } {
  const parsed = new Map<string, Record<string, unknown>[]>();
  const docsOf = (name: string) => {
    let docs = parsed.get(name);
    if (!docs) parsed.set(name, (docs = (lines.get(name) ?? []).map(fromLine)));
    return docs;
  };
  return {
    validation: validate(docsOf),
    schemaVersion: schemaVersionOf(docsOf(COLLECTIONS.migrations)),
  };
}

/** The embedded engine: one synchronous pass over NeDB's memory (EmbeddedDatabase.snapshot). */
export async function embeddedSnapshot(db: EmbeddedDatabase): Promise<Snapshot> {
  const lines = await db.snapshot(BACKED_UP, toLine);
  return {
    engine: 'embedded',
    method: 'embedded-memory-snapshot',
    attempts: 1,
    note: 'every collection copied from memory in one synchronous pass, then synced to disk',
    lines,
    ...check(lines),
  };
}

async function supportsSnapshotReads(db: MongoDatabase): Promise<boolean> {
  const hello = (await db.driver().db.admin().command({ hello: 1 })) as {
    setName?: string;
    maxWireVersion?: number;
  };
  return Boolean(hello.setName) && (hello.maxWireVersion ?? 0) >= SNAPSHOT_WIRE_VERSION;
}

async function readAll(db: MongoDatabase, session?: ClientSession): Promise<Map<string, string[]>> {
  const native = db.driver().db;
  const lines = new Map<string, string[]>();
  // BACKED_UP keeps the schema's order: a room's entries before its snapshots, so a compaction
  // between the two reads leaves a newer snapshot over entries already read (still whole), never
  // entries newer than a snapshot that misses what was compacted away.
  for (const name of BACKED_UP) {
    const docs = await native
      .collection(name)
      .find({}, session ? { session } : {})
      .sort({ _id: 1 })
      .toArray();
    lines.set(name, docs.map(toLine));
  }
  return lines;
}

/**
 * MongoDB: every collection at one cluster time in a snapshot session where the server offers
 * one; otherwise (FerretDB, a standalone server) read in order, validate, and read everything
 * again while a check fails (a write raced the read), at most MAX_ATTEMPTS times.
 */
export async function mongoSnapshot(
  db: MongoDatabase,
  options: { maxAttempts?: number; log?: (line: string) => void } = {},
): Promise<Snapshot> {
  const log = options.log ?? (() => undefined);
  if (await supportsSnapshotReads(db)) {
    const session = db.driver().client.startSession({ snapshot: true });
    try {
      const lines = await readAll(db, session);
      return {
        engine: 'mongodb',
        method: 'mongodb-snapshot-session',
        attempts: 1,
        note: 'every collection read at one cluster time (a snapshot session)',
        lines,
        ...check(lines),
      };
    } finally {
      await session.endSession();
    }
  }
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  let problems: string[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const lines = await readAll(db);
    const checked = check(lines);
    problems = checked.validation.problems;
    if (problems.length === 0) {
      return {
        engine: 'mongodb',
        method: 'mongodb-validated-reads',
        attempts: attempt,
        note:
          'the server offers no snapshot reads: collections read in order, then every version ' +
          'hash, audit chain and room log checked' +
          (attempt > 1 ? ` (read ${attempt} times: a write raced the earlier reads)` : ''),
        lines,
        ...checked,
      };
    }
    log(`Read ${attempt} of ${maxAttempts} did not validate (${problems[0]}); reading again.`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
  }
  throw new BackupError(
    `The database did not read consistently in ${maxAttempts} attempts; nothing was written. ` +
      `Problems in the last read:\n  ${problems.join('\n  ')}`,
  );
}

export function takeSnapshot(
  db: Database,
  options: { log?: (line: string) => void } = {},
): Promise<Snapshot> {
  if (db instanceof EmbeddedDatabase) return embeddedSnapshot(db);
  if (db instanceof MongoDatabase) return mongoSnapshot(db, options);
  throw new Error(`No backup for the ${db.engine} engine.`);
}
