import { DuplicateKeyError } from '../errors';
import type { BaseDoc, DocCollection } from './collection';

/**
 * Insert unless a unique index already holds the key; true when this call inserted. Atomic on
 * every engine, so "only the first one wins" is built on it.
 */
export async function insertIfAbsent<T extends BaseDoc>(
  collection: DocCollection<T>,
  doc: T,
): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (error) {
    if (error instanceof DuplicateKeyError) return false;
    throw error;
  }
}
