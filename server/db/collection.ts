// The small part of the MongoDB Collection API that our repositories use. Both engines implement
// it, so the repositories are written once and the contract suite checks the engines agree.

export interface BaseDoc {
  _id: string;
}

type Operators<V> = {
  $in?: readonly V[];
  $ne?: V | null;
  $lt?: V;
  $lte?: V;
  $gt?: V;
  $gte?: V;
  $exists?: boolean;
};

export type Filter<T> = { [K in keyof T]?: T[K] | null | Operators<T[K]> };

type NumericKeys<T> = { [K in keyof T]-?: T[K] extends number ? K : never }[keyof T];
type ArrayKeys<T> = { [K in keyof T]-?: T[K] extends readonly unknown[] ? K : never }[keyof T];
type ElementOf<A> = A extends readonly (infer E)[] ? E : never;

export interface Update<T> {
  $set?: Partial<T>;
  $unset?: { [K in keyof T]?: true };
  $inc?: { [K in NumericKeys<T>]?: number };
  $push?: { [K in ArrayKeys<T>]?: ElementOf<T[K]> };
}

export interface FindOptions<T> {
  sort?: { [K in keyof T]?: 1 | -1 };
  limit?: number;
}

export interface DocCollection<T extends BaseDoc> {
  /** Throws DuplicateKeyError when a unique index refuses the document. */
  insertOne(doc: T): Promise<void>;
  /**
   * Insert in order (a restore's batches); throws DuplicateKeyError like insertOne. What a refused
   * batch leaves differs: NeDB none of it, MongoDB the documents before the refused one.
   */
  insertMany(docs: readonly T[]): Promise<void>;
  findOne(filter: Filter<T>): Promise<T | null>;
  find(filter: Filter<T>, options?: FindOptions<T>): Promise<T[]>;
  /**
   * Returns the document after the update. Not a compare-and-set: FerretDB (our MongoDB stand-in)
   * applies a guarded update non-atomically, so two callers can both "win" the same filter. A race
   * is decided by a unique-key insert (insertIfAbsent.ts); this only updates what is already ours.
   */
  findOneAndUpdate(
    filter: Filter<T>,
    update: Update<T>,
    options?: { upsert?: boolean },
  ): Promise<T | null>;
  updateOne(filter: Filter<T>, update: Update<T>): Promise<{ matched: number }>;
  deleteOne(filter: Filter<T>): Promise<number>;
  deleteMany(filter: Filter<T>): Promise<number>;
  countDocuments(filter: Filter<T>): Promise<number>;
}

export interface IndexSpec {
  collection: string;
  fields: readonly string[];
  unique?: boolean;
}

/** A database: named collections plus lifecycle. */
export interface Database {
  readonly engine: 'mongodb' | 'embedded';
  collection<T extends BaseDoc>(name: string): DocCollection<T>;
  ensureIndexes(specs: readonly IndexSpec[]): Promise<void>;
  /** Cheap round trip for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Test helper: remove every document of every collection. */
  dropAll(): Promise<void>;
}
