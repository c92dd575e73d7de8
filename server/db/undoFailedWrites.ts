// NeDB changes its in-memory indexes first and writes the data file after, and keeps the change
// when the write fails: a document that a full disk refused stayed findable, a retried unique-key
// insert then found its own key ("lost 50 sequence races in a row"), and a room reloaded from
// that memory told its editors text was saved that no file held. Here every change an insert,
// update or remove makes to the indexes is recorded, and taken back in reverse order when its
// write fails, so memory never holds what the file lacks.
import type Datastore from '@seald-io/nedb';
import { StorageWriteError } from '../errors';
import { writeInternalsOf } from './nedbInternals';

interface Modification {
  oldDoc: unknown;
  newDoc: unknown;
}

const OPERATIONS = ['_insertAsync', '_updateAsync', '_removeAsync'] as const;

/** Make a failed write of `store` leave its indexes exactly as they were before it. */
export function undoFailedWrites(store: Datastore<Record<string, unknown>>): void {
  const internals = writeInternalsOf(store);
  // NeDB runs one operation at a time per store (its executor), so one journal suffices; an
  // upsert's insert runs inside its update and shares the update's journal.
  let journal: (() => void)[] | null = null;

  const add = internals._addToIndexes.bind(internals);
  const remove = internals._removeFromIndexes.bind(internals);
  const update = internals._updateIndexes.bind(internals);
  internals._addToIndexes = (doc) => {
    add(doc);
    journal?.push(() => remove(doc));
  };
  internals._removeFromIndexes = (doc) => {
    remove(doc);
    journal?.push(() => add(doc));
  };
  internals._updateIndexes = (oldDoc, newDoc) => {
    update(oldDoc, newDoc);
    journal?.push(() =>
      Array.isArray(oldDoc)
        ? update((oldDoc as Modification[]).map((m) => ({ oldDoc: m.newDoc, newDoc: m.oldDoc })))
        : update(newDoc, oldDoc),
    );
  };

  for (const name of OPERATIONS) {
    const operation = internals[name].bind(internals);
    internals[name] = async (...args) => {
      if (journal !== null) return operation(...args);
      const changes: (() => void)[] = [];
      journal = changes;
      try {
        return await operation(...args);
      } catch (error) {
        // Only a failed write is undone: any other error was thrown before the indexes changed,
        // or after the file already held the change.
        if (error instanceof StorageWriteError) for (const undo of changes.reverse()) undo();
        throw error;
      } finally {
        journal = null;
      }
    };
  }
}
