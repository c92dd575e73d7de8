import { MongoClient, MongoServerError, type Collection, type Db } from 'mongodb';
import { DuplicateKeyError } from '../errors';
import type { BaseDoc, Database, DocCollection, IndexSpec } from './collection';

const DUPLICATE_KEY = 11000;

async function translateErrors<R>(operation: () => Promise<R>): Promise<R> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) {
      throw new DuplicateKeyError(error.message);
    }
    throw error;
  }
}

class MongoDocCollection<T extends BaseDoc> implements DocCollection<T> {
  constructor(private readonly inner: Collection<T>) {}

  // The driver's generic filter types are stricter than our subset; our Filter<T> is a subset of
  // its query language, so the casts below only bridge the type declarations.
  async insertOne(doc: T): Promise<void> {
    await translateErrors(() => this.inner.insertOne(doc as never));
  }

  async findOne(filter: object): Promise<T | null> {
    return (await this.inner.findOne(filter as never)) as T | null;
  }

  async find(filter: object, options: { sort?: object; limit?: number } = {}): Promise<T[]> {
    let cursor = this.inner.find(filter as never);
    if (options.sort) cursor = cursor.sort(options.sort as never);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as T[];
  }

  async findOneAndUpdate(
    filter: object,
    update: object,
    options: { upsert?: boolean } = {},
  ): Promise<T | null> {
    return translateErrors(
      async () =>
        (await this.inner.findOneAndUpdate(filter as never, update as never, {
          returnDocument: 'after',
          upsert: options.upsert ?? false,
        })) as T | null,
    );
  }

  async updateOne(filter: object, update: object): Promise<{ matched: number }> {
    const result = await translateErrors(() =>
      this.inner.updateOne(filter as never, update as never),
    );
    return { matched: result.matchedCount };
  }

  async deleteOne(filter: object): Promise<number> {
    return (await this.inner.deleteOne(filter)).deletedCount;
  }

  async deleteMany(filter: object): Promise<number> {
    return (await this.inner.deleteMany(filter)).deletedCount;
  }

  async countDocuments(filter: object): Promise<number> {
    return this.inner.countDocuments(filter);
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return;
    await translateErrors(() => this.inner.insertMany(docs.map((doc) => ({ ...doc })) as never));
  }
}

export class MongoDatabase implements Database {
  readonly engine = 'mongodb';
  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  static async connect(uri: string, dbName: string): Promise<MongoDatabase> {
    const client = new MongoClient(uri, {
      // An answered write is in the journal of a majority of the replica set: it survives a
      // failover, and power loss on any minority of the machines.
      writeConcern: { w: 'majority', journal: true },
      serverSelectionTimeoutMS: 10_000,
    });
    await client.connect();
    return new MongoDatabase(client, client.db(dbName));
  }

  /** The driver's client and database, for a backup's snapshot reads (server/backup/). */
  driver(): { client: MongoClient; db: Db } {
    return { client: this.client, db: this.db };
  }

  collection<T extends BaseDoc>(name: string): DocCollection<T> {
    return new MongoDocCollection(this.db.collection<T>(name));
  }

  async ensureIndexes(specs: readonly IndexSpec[]): Promise<void> {
    for (const spec of specs) {
      const keys = Object.fromEntries(spec.fields.map((field) => [field, 1 as const]));
      await this.db.collection(spec.collection).createIndex(keys, { unique: spec.unique ?? false });
    }
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async dropAll(): Promise<void> {
    for (const { name } of await this.db.listCollections({}, { nameOnly: true }).toArray()) {
      await this.db.collection(name).deleteMany({});
    }
  }
}
