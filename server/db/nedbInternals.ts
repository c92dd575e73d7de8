// The one place that reaches into NeDB's private parts. The embedded engine changes three things
// NeDB has no public hook for: how a write reaches the file (openFileAppends.ts), taking a failed
// write back out of memory (undoFailedWrites.ts), and waiting for its queue (embedded.ts); start-up
// reads data-file lines with NeDB's own (de)serializer (dataFileCheck.ts). These internals are
// written against exactly NEDB_VERSION, which package.json pins without a range: an upgrade is a
// deliberate change that reads NeDB's lib/datastore.js and lib/persistence.js again, runs
// test/unit/db/ and updates NEDB_VERSION. A different version installed refuses to start.
import { createRequire } from 'node:module';
import type Datastore from '@seald-io/nedb';

export { deserialize, serialize } from '@seald-io/nedb/lib/model.js';

export const NEDB_VERSION = '4.1.2';

type Store = Datastore<Record<string, unknown>>;

/** NeDB's Persistence: the parts openFileAppends.ts replaces or wraps. */
export interface NedbPersistence {
  filename: string;
  inMemoryOnly: boolean;
  modes: { fileMode: number };
  persistNewStateAsync(docs: readonly unknown[]): Promise<void>;
  persistCachedDatabaseAsync(): Promise<void>;
  dropDatabaseAsync(): Promise<void>;
}

/** The Datastore's index maintenance and write operations that undoFailedWrites.ts wraps. */
export interface NedbWriteInternals {
  _addToIndexes(doc: unknown): void;
  _removeFromIndexes(doc: unknown): void;
  _updateIndexes(oldDoc: unknown, newDoc?: unknown): void;
  _insertAsync(...args: unknown[]): Promise<unknown>;
  _updateAsync(...args: unknown[]): Promise<unknown>;
  _removeAsync(...args: unknown[]): Promise<unknown>;
}

/** Refuse to run on a NeDB whose internals were not read for this code. */
export function assertPinnedNedb(): void {
  const installed = (
    createRequire(import.meta.url)('@seald-io/nedb/package.json') as { version: string }
  ).version;
  if (installed !== NEDB_VERSION) {
    throw new Error(
      `The embedded engine is written against @seald-io/nedb ${NEDB_VERSION}, but ${installed} ` +
        'is installed. Install the pinned version (npm ci), or see server/db/nedbInternals.ts.',
    );
  }
}

export function persistenceOf(store: Store): NedbPersistence {
  return (store as unknown as { persistence: NedbPersistence }).persistence;
}

export function writeInternalsOf(store: Store): NedbWriteInternals {
  return store as unknown as NedbWriteInternals;
}

/** Wait until the operations NeDB has queued for `store` have run. */
export function drain(store: Store): Promise<void> {
  const { executor } = store as unknown as {
    executor: { pushAsync(task: () => Promise<void>): Promise<void> };
  };
  return executor.pushAsync(() => Promise.resolve());
}
