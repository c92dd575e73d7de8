import fs from 'node:fs/promises';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { DuplicateKeyError } from '../errors';
import type { BaseDoc, Database, DocCollection, IndexSpec } from './collection';
import { appendThroughOpenFile, type OpenFileAppender } from './openFileAppends';

// NeDB speaks the Mongo query and update language for the subset we use. Each collection is an
// append-only file under the data directory: an acknowledged write has been handed to the OS, so
// it survives the process being killed. Appends go through a file descriptor kept open
// (openFileAppends.ts) instead of NeDB's open-append-close per write.

type Store = Datastore<Record<string, unknown>>;

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

class EmbeddedDocCollection<T extends BaseDoc> implements DocCollection<T> {
  constructor(private readonly store: Store) {}

  async insertOne(doc: T): Promise<void> {
    await translateErrors(() => this.store.insertAsync({ ...doc } as Record<string, unknown>));
  }

  async findOne(filter: object): Promise<T | null> {
    return asDoc<T | null>(await this.store.findOneAsync(filter));
  }

  async find(filter: object, options: { sort?: object; limit?: number } = {}): Promise<T[]> {
    let cursor = this.store.findAsync(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.limit) cursor = cursor.limit(options.limit);
    return asDoc<T[]>(await cursor);
  }

  async findOneAndUpdate(
    filter: object,
    update: object,
    options: { upsert?: boolean } = {},
  ): Promise<T | null> {
    const result = await translateErrors(() =>
      this.store.updateAsync(filter, update, {
        upsert: options.upsert ?? false,
        returnUpdatedDocs: true,
        multi: false,
      }),
    );
    return asDoc<T | null>(result.affectedDocuments ?? null);
  }

  async updateOne(filter: object, update: object): Promise<{ matched: number }> {
    const result = await translateErrors(() =>
      this.store.updateAsync(filter, update, { multi: false }),
    );
    return { matched: result.numAffected };
  }

  async deleteOne(filter: object): Promise<number> {
    return this.store.removeAsync(filter, { multi: false });
  }

  async deleteMany(filter: object): Promise<number> {
    return this.store.removeAsync(filter, { multi: true });
  }

  async countDocuments(filter: object): Promise<number> {
    return this.store.countAsync(filter);
  }
}

export class EmbeddedDatabase implements Database {
  readonly engine = 'embedded';
  private readonly stores = new Map<string, Store>();
  private readonly appenders = new Map<string, OpenFileAppender>();
  private readonly loading = new Map<string, Promise<void>>();

  private constructor(private readonly dataDir: string) {}

  static async open(dataDir: string): Promise<EmbeddedDatabase> {
    await fs.mkdir(dataDir, { recursive: true });
    return new EmbeddedDatabase(dataDir);
  }

  private store(name: string): Store {
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(name)) throw new Error(`Invalid collection name: ${name}`);
    let store = this.stores.get(name);
    if (!store) {
      store = new Datastore({ filename: path.join(this.dataDir, `${name}.db`) });
      this.appenders.set(name, appendThroughOpenFile(store));
      this.stores.set(name, store);
      this.loading.set(name, store.loadDatabaseAsync());
    }
    return store;
  }

  private async loaded(name: string): Promise<Store> {
    const store = this.store(name);
    await this.loading.get(name);
    return store;
  }

  collection<T extends BaseDoc>(name: string): DocCollection<T> {
    // NeDB queues operations issued before loading finishes, so the store is usable at once.
    return new EmbeddedDocCollection<T>(this.store(name));
  }

  async ensureIndexes(specs: readonly IndexSpec[]): Promise<void> {
    for (const spec of specs) {
      const store = await this.loaded(spec.collection);
      const [first, ...rest] = spec.fields;
      if (!first) continue;
      await store.ensureIndexAsync({
        fieldName: rest.length === 0 ? first : [...spec.fields],
        unique: spec.unique ?? false,
      });
    }
  }

  async ping(): Promise<void> {
    await fs.access(this.dataDir);
  }

  async close(): Promise<void> {
    await Promise.all([...this.loading.values()]);
    for (const store of this.stores.values()) await store.compactDatafileAsync();
    for (const appender of this.appenders.values()) appender.close();
    this.stores.clear();
    this.appenders.clear();
  }

  async dropAll(): Promise<void> {
    for (const name of this.stores.keys()) {
      const store = await this.loaded(name);
      await store.removeAsync({}, { multi: true });
    }
  }
}
