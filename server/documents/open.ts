import type { Database } from '../db/collection';
import type { Config } from '../env';
import type { DocumentStore } from './store';

/** The document store that goes with the configured engine; each loaded only when chosen. */
export async function openDocumentStore(
  storage: Config['storage'],
  db: Database,
): Promise<DocumentStore> {
  if (storage.kind === 'embedded') {
    return (await import('./fileStore')).FileDocumentStore.open(storage.dataDir);
  }
  const { MongoDatabase } = await import('../db/mongo');
  if (!(db instanceof MongoDatabase)) throw new Error('The MongoDB path needs a MongoDB database.');
  return new (await import('./gridFsStore')).GridFsDocumentStore(db.driver().db);
}
