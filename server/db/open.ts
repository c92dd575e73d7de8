import type { Config } from '../env';
import type { Database } from './collection';
import { EmbeddedDatabase } from './embedded';
import { MongoDatabase } from './mongo';
import { INDEXES } from './indexes';

/** Open the configured engine and make sure every index exists before serving. */
export async function openDatabase(storage: Config['storage']): Promise<Database> {
  const db =
    storage.kind === 'mongodb'
      ? await MongoDatabase.connect(storage.uri, storage.dbName)
      : await EmbeddedDatabase.open(storage.dataDir);
  await db.ensureIndexes(INDEXES);
  return db;
}
