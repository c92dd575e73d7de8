import fs from 'node:fs/promises';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { DuplicateKeyError, StorageWriteError } from '../errors';
import type { Logger } from '../logger';
import type { BaseDoc, Database, DocCollection, IndexSpec } from './collection';
import { lockDataDir, type DataDirLock } from './dataDirLock';
import { dropTornTail, findDamage } from './dataFileCheck';
import {
  appendThroughOpenFile,
  type CompactionReport,
  type OpenFileAppender,
} from './openFileAppends';
import { assertPinnedNedb, drain } from './nedbInternals';
import { undoFailedWrites } from './undoFailedWrites';

// NeDB speaks the Mongo query and update language for the subset we use. Each collection is an
// append-only file under the data directory, appended through a file kept open
// (openFileAppends.ts). An answer is given only once what it rests on is on stable storage: a
// write that failed is taken back out of memory and off the file (undoFailedWrites.ts), one that
// succeeded waits for the group's fdatasync. One process at a time (dataDirLock.ts).

type Store = Datastore<Record<string, unknown>>;

/** Compact a data file after this much was appended (and at least its size after the last). */
export const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;

export interface EmbeddedOptions {
  logger: Logger;
  /** Who holds the data directory, for the error another process gets (`server`, …). */
  owner?: string;
  compactAfterBytes?: number;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { errorType?: unknown }).errorType === 'uniqueViolated'
  );
}

async function translateErrors<R>(operation: () => Promise<R>): Promise<R> {
  try {
    return await operation();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateKeyError(String((error as Error).message));
    throw error;
  }
}

// NeDB returns its own copies with the same shape; our documents are plain JSON-like objects.
const asDoc = <T>(value: unknown) => value as T;

/** How a collection reaches its store: once loaded, and answered once durable. */
interface StoreAccess {
  read<R>(operation: (store: Store) => Promise<R>): Promise<R>;
  write<R>(operation: (store: Store) => Promise<R>): Promise<R>;
}

class EmbeddedDocCollection<T extends BaseDoc> implements DocCollection<T> {
  constructor(private readonly access: StoreAccess) {}

  async insertOne(doc: T): Promise<void> {
    await this.access.write((store) =>
      translateErrors(() => store.insertAsync({ ...doc } as Record<string, unknown>)),
    );
  }

  async findOne(filter: object): Promise<T | null> {
    return asDoc<T | null>(await this.access.read((store) => store.findOneAsync(filter)));
  }

  async find(filter: object, options: { sort?: object; limit?: number } = {}): Promise<T[]> {
    return asDoc<T[]>(
      await this.access.read(async (store) => {
        let cursor = store.findAsync(filter);
        if (options.sort) cursor = cursor.sort(options.sort);
        if (options.limit) cursor = cursor.limit(options.limit);
        return await cursor;
      }),
    );
  }

  async findOneAndUpdate(
    filter: object,
    update: object,
    options: { upsert?: boolean } = {},
  ): Promise<T | null> {
    const result = await this.access.write((store) =>
      translateErrors(() =>
        store.updateAsync(filter, update, {
          upsert: options.upsert ?? false,
          returnUpdatedDocs: true,
          multi: false,
        }),
      ),
    );
    return asDoc<T | null>(result.affectedDocuments ?? null);
  }

  async updateOne(filter: object, update: object): Promise<{ matched: number }> {
    const result = await this.access.write((store) =>
      translateErrors(() => store.updateAsync(filter, update, { multi: false })),
    );
    return { matched: result.numAffected };
  }

  deleteOne(filter: object): Promise<number> {
    return this.access.write((store) => store.removeAsync(filter, { multi: false }));
  }

  deleteMany(filter: object): Promise<number> {
    return this.access.write((store) => store.removeAsync(filter, { multi: true }));
  }

  countDocuments(filter: object): Promise<number> {
    return this.access.read((store) => store.countAsync(filter));
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return;
    await this.access.write((store) =>
      translateErrors(() =>
        store.insertAsync(docs.map((doc) => ({ ...doc }) as Record<string, unknown>)),
      ),
    );
  }
}

interface Entry {
  store: Store;
  appender: OpenFileAppender;
  loaded: Promise<void>;
}

const COLLECTION_NAME = /^[a-z][a-zA-Z0-9_]*$/;
/** /readyz reads from a collection every server has, looking for an id no document has. */
const PING_COLLECTION = 'users';
const PING_ID = '';

export class EmbeddedDatabase implements Database {
  readonly engine = 'embedded';
  private readonly entries = new Map<string, Entry>();
  private lock: DataDirLock | null = null;
  /** Set when this process may no longer write (another took the directory over). */
  private failure: StorageWriteError | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly dataDir: string,
    private readonly options: EmbeddedOptions,
  ) {}

  /**
   * Lock the data directory and load every data file in it. A file whose last line a write cut
   * short loses that line (logged); a file damaged anywhere else stops the start with a message
   * naming the file and line.
   */
  static async open(dataDir: string, options: EmbeddedOptions): Promise<EmbeddedDatabase> {
    assertPinnedNedb();
    await fs.mkdir(dataDir, { recursive: true });
    const db = new EmbeddedDatabase(dataDir, options);
    db.lock = await lockDataDir(dataDir, {
      owner: options.owner ?? 'process',
      logger: options.logger,
      onLost: (error) => db.lockLost(error),
    });
    try {
      for (const file of await fs.readdir(dataDir)) {
        const name = file.endsWith('.db') ? file.slice(0, -3) : '';
        if (COLLECTION_NAME.test(name)) await db.loaded(name);
      }
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return db;
  }

  private lockLost(error: Error): void {
    this.failure = new StorageWriteError(
      `Another process has taken over the data directory ${this.dataDir}; this one no longer ` +
        'writes to it and must be restarted once the other has stopped',
      'ELOCKLOST',
      { cause: error },
    );
    this.options.logger.fatal({ err: error, dataDir: this.dataDir }, this.failure.message);
  }

  private entry(name: string): Entry {
    if (!COLLECTION_NAME.test(name)) throw new Error(`Invalid collection name: ${name}`);
    const existing = this.entries.get(name);
    if (existing) return existing;
    const filename = path.join(this.dataDir, `${name}.db`);
    // Any damaged line stops loading (dataFileCheck.ts says which), none is dropped in silence.
    const store: Store = new Datastore({ filename, corruptAlertThreshold: 0 });
    const appender = appendThroughOpenFile(store, {
      compactAfterBytes: this.options.compactAfterBytes ?? COMPACT_AFTER_BYTES,
      onCompaction: (report) => this.logCompaction(report),
    });
    undoFailedWrites(store);
    const entry: Entry = { store, appender, loaded: this.load(filename, store) };
    this.entries.set(name, entry);
    // A file that failed to load is tried afresh by the next use.
    entry.loaded.catch(() => {
      if (this.entries.get(name) === entry) this.entries.delete(name);
    });
    return entry;
  }

  private async load(filename: string, store: Store): Promise<void> {
    const dropped = await dropTornTail(filename);
    if (dropped) {
      this.options.logger.warn(
        dropped,
        'dropped the unfinished last line of a data file: a write cut short, never acknowledged',
      );
    }
    try {
      await store.loadDatabaseAsync();
    } catch (error) {
      const damaged = (error as { corruptItems?: unknown }).corruptItems !== undefined;
      throw (damaged && (await findDamage(filename))) || error;
    }
  }

  private logCompaction(report: CompactionReport): void {
    const file = path.basename(report.file);
    if ('error' in report) {
      this.options.logger.warn(
        { err: report.error, file },
        'could not compact a data file; it stays as it was and is tried again later',
      );
    } else if (report.bytesBefore > 0) {
      this.options.logger.info({ ...report, file }, 'compacted a data file');
    } else {
      // Loading rewrites every file once, empty ones included: not news.
      this.options.logger.debug({ ...report, file }, 'compacted a data file');
    }
  }

  private async loaded(name: string): Promise<Entry> {
    if (this.closing) throw new Error('The embedded database is closed.');
    const entry = this.entry(name);
    await entry.loaded;
    return entry;
  }

  private access(name: string): StoreAccess {
    // An answer waits for the sync of everything appended before it, its own write included:
    // nothing read or written is reported that a power cut could still take back.
    const answer = async <R>(operation: (store: Store) => Promise<R>): Promise<R> => {
      const { store, appender } = await this.loaded(name);
      const result = await operation(store);
      await appender.flush();
      return result;
    };
    return {
      read: answer,
      write: (operation) => {
        if (this.failure) return Promise.reject(this.failure);
        return answer(operation);
      },
    };
  }

  collection<T extends BaseDoc>(name: string): DocCollection<T> {
    this.entry(name);
    return new EmbeddedDocCollection<T>(this.access(name));
  }

  /**
   * Every document of the collections `names`, each turned into `encode(doc)`, in ONE synchronous
   * pass over NeDB's memory: no operation can change a store in between, so the result is exactly
   * one moment of the whole database (a write's change to memory and its append to the file happen
   * in one synchronous step, see openFileAppends.ts and undoFailedWrites.ts). Resolves once
   * everything appended up to that moment is on stable storage, so nothing in it can still be
   * taken back; rejects when that sync fails.
   */
  async snapshot<R>(
    names: readonly string[],
    encode: (doc: Record<string, unknown>) => R,
  ): Promise<Map<string, R[]>> {
    const entries: [string, Entry][] = [];
    for (const name of names) entries.push([name, await this.loaded(name)]);
    if (this.failure) throw this.failure;
    const result = new Map<string, R[]>();
    for (const [name, { store }] of entries) result.set(name, store.getAllData().map(encode));
    await Promise.all(entries.map(([, { appender }]) => appender.flush()));
    return result;
  }

  async ensureIndexes(specs: readonly IndexSpec[]): Promise<void> {
    for (const spec of specs) {
      const [first, ...rest] = spec.fields;
      if (!first) continue;
      await this.access(spec.collection).write((store) =>
        store.ensureIndexAsync({
          fieldName: rest.length === 0 ? first : [...spec.fields],
          unique: spec.unique ?? false,
        }),
      );
    }
  }

  /**
   * A read through the engine, as a request's would go: it waits behind the collection's queue
   * and the sync of what was appended before it, so a stuck queue or disk fails the probe too.
   */
  async ping(): Promise<void> {
    if (this.failure) throw this.failure;
    await fs.access(this.dataDir);
    await this.access(PING_COLLECTION).read((store) => store.findOneAsync({ _id: PING_ID }));
  }

  /** Finish what is queued, sync and close every file, release the lock. Never compacts. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    const results = await Promise.allSettled(
      entries.map(async ({ store, appender, loaded }) => {
        if (
          await loaded.then(
            () => true,
            () => false,
          )
        )
          await drain(store);
        await appender.close();
      }),
    );
    await this.lock?.release().catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'could not release the data directory lock');
    });
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async dropAll(): Promise<void> {
    for (const name of [...this.entries.keys()]) {
      await this.access(name).write((store) => store.removeAsync({}, { multi: true }));
    }
  }
}
