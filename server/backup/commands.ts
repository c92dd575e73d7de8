// `npm run admin -- backup` and `restore`: the file handling and the order of the steps. The
// admin CLI (server/cli/admin.ts) only parses the flags and dispatches here.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { runThroughChannel } from '../cli/channel';
import type { Database } from '../db/collection';
import { openDatabase } from '../db/open';
import { COLLECTIONS } from '../db/schema';
import { openDocumentStore } from '../documents/open';
import type { Config } from '../env';
import type { Logger } from '../logger';
import { ArchiveError, readArchive, writeArchive } from './archive';
import { documentSources } from './documentBytes';
import { describeBackup, describeValidation } from './report';
import { BackupError, takeSnapshot } from './snapshot';
import { validate } from './validate';

/** Documents per insert while restoring. */
const BATCH = 500;

export interface CommandContext {
  config: Config;
  logger: Logger;
  out: (text: string) => void;
  err: (text: string) => void;
}

function finished(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.closed) return resolve();
    stream.once('close', () => resolve());
    stream.once('error', reject);
  });
}

async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Write the archive into `tmp`: through the running embedded server's admin channel when one
 * listens, else from the database opened here. Returns the exit code.
 */
async function writeBackup(ctx: CommandContext, tmp: string): Promise<number> {
  // Opened first: a file that cannot be made fails the backup before anything is read.
  const file = fs.createWriteStream(tmp, { mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', reject);
  });
  // A write that fails (a full disk) fails the backup, whichever way the bytes came.
  const failed: { error?: Error } = {};
  file.on('error', (error) => (failed.error ??= error));
  let code: number;
  try {
    const storage = ctx.config.storage;
    const served =
      storage.kind === 'embedded'
        ? await runThroughChannel(storage.dataDir, 'backup', [], {
            out: ctx.out,
            err: ctx.err,
            data: () => file,
          })
        : null;
    if (served === 0) ctx.out('(Taken by the running server, from its memory.)\n');
    code = served ?? (await backupHere(ctx, file));
  } finally {
    if (!file.writableEnded) file.end();
    await finished(file);
  }
  if (failed.error) throw failed.error;
  return code;
}

/** The backup from the database opened in this process (no server holds it, or MongoDB). */
async function backupHere(ctx: CommandContext, file: Writable): Promise<number> {
  const db = await openDatabase(ctx.config.storage, { logger: ctx.logger, owner: 'admin command' });
  try {
    const snapshot = await takeSnapshot(db, { log: (line) => ctx.err(`${line}\n`) });
    const store = await openDocumentStore(ctx.config.storage, db);
    const documents = documentSources(snapshot.lines, store, (message) => new BackupError(message));
    ctx.out(describeBackup(await writeArchive(snapshot, documents, file)));
    return 0;
  } finally {
    await db.close();
  }
}

/** `backup --out FILE [--force]`: FILE.tmp, fsync, rename; no partial FILE on any failure. */
export async function backupCommand(
  ctx: CommandContext,
  options: { out: string; force: boolean },
): Promise<number> {
  const target = path.resolve(options.out);
  if (!options.force && fs.existsSync(target)) {
    ctx.err(`${target} exists. Choose another file, or replace it with --force.\n`);
    return 2;
  }
  const tmp = `${target}.tmp`;
  try {
    const code = await writeBackup(ctx, tmp);
    if (code !== 0) {
      fs.rmSync(tmp, { force: true });
      ctx.err(`The backup failed; ${target} was not written.\n`);
      return code;
    }
    await syncFile(tmp);
    fs.renameSync(tmp, target);
    await syncDir(path.dirname(target));
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    const message =
      error instanceof BackupError ? error.message : String((error as Error).message ?? error);
    ctx.err(`The backup failed; ${target} was not written. ${message}\n`);
    return 1;
  }
  ctx.out(`Wrote ${target} (${fs.statSync(target).size} bytes).\n`);
  return 0;
}

async function nonEmpty(db: Database): Promise<{ name: string; count: number } | null> {
  for (const name of Object.values(COLLECTIONS)) {
    const count = await db.collection(name).countDocuments({});
    if (count > 0) return { name, count };
  }
  return null;
}

async function readBack(db: Database, names: readonly string[]) {
  const docs = new Map<string, unknown[]>();
  for (const name of names) docs.set(name, await db.collection(name).find({}));
  return docs;
}

/** `restore --in FILE`: check the whole archive, then load it into an empty database. */
export async function restoreCommand(
  ctx: CommandContext,
  options: { in: string },
): Promise<number> {
  const file = path.resolve(options.in);
  let archive;
  try {
    archive = await readArchive(file);
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    ctx.err(`Nothing was restored. ${error.message}\n`);
    return 1;
  }
  const { manifest, docs, documents } = archive;
  const db = await openDatabase(ctx.config.storage, {
    logger: ctx.logger,
    owner: 'admin command',
  });
  try {
    const occupied = await nonEmpty(db);
    const store = await openDocumentStore(ctx.config.storage, db);
    const what = occupied
      ? `the collection "${occupied.name}" holds ${occupied.count} documents`
      : (await store.hasAny())
        ? 'its document store holds agenda documents'
        : null;
    if (what) {
      ctx.err(
        `Nothing was restored: the target database is not empty (${what}). Restore into an ` +
          `empty database: a new MONGODB_DB, or an empty DATA_DIR.\n`,
      );
      return 1;
    }
    const started = performance.now();
    let written = 0;
    try {
      // The bytes first, as an upload stores them: a listed document always has its bytes.
      await archive.streamDocuments(async ({ id, size }, bytes) => {
        await store.put(bytes, { id, maxBytes: size });
      });
      for (const entry of manifest.collections) {
        const all = docs.get(entry.name) ?? [];
        const target = db.collection<{ _id: string }>(entry.name);
        for (let at = 0; at < all.length; at += BATCH) {
          await target.insertMany(all.slice(at, at + BATCH) as { _id: string }[]);
          written += Math.min(BATCH, all.length - at);
        }
      }
    } catch (error) {
      ctx.err(
        `The restore failed after writing ${written} documents: ${(error as Error).message}\n` +
          'Empty the target database (drop it, or remove DATA_DIR) before trying again.\n',
      );
      return 1;
    }
    const names = manifest.collections.map((entry) => entry.name);
    const restored = await readBack(db, names);
    const short = manifest.collections.find(
      (entry) => (restored.get(entry.name)?.length ?? 0) !== entry.documents,
    );
    const validation = validate((name) => restored.get(name) ?? []);
    const fresh = validation.problems.filter((p) => !manifest.validation.problems.includes(p));
    ctx.out(
      `Restored ${written} documents in ${names.length} collections and the bytes of ` +
        `${documents.length} agenda documents from ${file} ` +
        `(taken ${manifest.createdAt} on the ${manifest.engine} engine, schema version ` +
        `${manifest.schemaVersion}) in ${Math.round(performance.now() - started)} ms.\n` +
        `Checked: ${describeValidation(validation)}.\n`,
    );
    for (const problem of validation.problems) ctx.err(`WARNING: ${problem}\n`);
    if (short || fresh.length > 0) {
      ctx.err(
        short
          ? `The restored ${short.name} does not hold the ${short.documents} documents of the archive.\n`
          : 'The restored data does not verify as the archive did.\n',
      );
      return 1;
    }
    ctx.out(
      'Everyone logs in again (sessions are not restored). Start the server: it runs any ' +
        'migrations a backup from an older version needs.\n',
    );
    return 0;
  } finally {
    await db.close();
  }
}
