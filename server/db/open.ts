import type { Config } from '../env';
import { createLogger, type Logger } from '../logger';
import type { Database } from './collection';
import { INDEXES } from './indexes';

export interface OpenOptions {
  /** Where the embedded engine says what it repaired or could not do; stdout by default. */
  logger?: Logger;
  /** Who holds an embedded data directory, for the error a second process gets. */
  owner?: string;
}

/** Open the configured engine and make sure every index exists before serving. */
export async function openDatabase(
  storage: Config['storage'],
  options: OpenOptions = {},
): Promise<Database> {
  // Each engine is loaded only when chosen: the other's driver would cost memory for nothing.
  const db =
    storage.kind === 'mongodb'
      ? await (await import('./mongo')).MongoDatabase.connect(storage.uri, storage.dbName)
      : await (
          await import('./embedded')
        ).EmbeddedDatabase.open(storage.dataDir, {
          logger: options.logger ?? createLogger('info'),
          owner: options.owner ?? 'process',
        });
  try {
    await db.ensureIndexes(INDEXES);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
