import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Database } from '../../server/db/collection';
import { openDatabase } from '../../server/db/open';
import { createRepositories } from '../../server/repositories';
import { seedDemo } from '../../server/seed/demo';

export const ENGINES = ['embedded', 'mongodb'] as const;
export type Engine = (typeof ENGINES)[number];

export type StorageEnv = { DATA_DIR: string } | { MONGODB_URI: string; MONGODB_DB: string };

/** Environment variables that point the server at a fresh, empty store on `engine`. */
export function freshStorageEnv(engine: Engine): StorageEnv {
  if (engine === 'embedded') {
    // Under the run's temporary root (test/support/tempRoot.ts), which the run removes.
    return { DATA_DIR: fs.mkdtempSync(path.join(inject('tempRoot'), 'store-')) };
  }
  // One database per test file (or server) on the run's shared MongoDB-compatible server.
  return { MONGODB_URI: inject('mongodbUri'), MONGODB_DB: `t_${randomUUID().slice(0, 8)}` };
}

/**
 * A fresh store on `engine` with the demo group, for a server process: the server seeds an empty
 * embedded store itself when asked (SEED_DEMO), but never MongoDB.
 */
export async function demoStorageEnv(engine: Engine): Promise<Record<string, string>> {
  const env = freshStorageEnv(engine);
  if ('MONGODB_URI' in env) {
    const db = await openDatabase({
      kind: 'mongodb',
      uri: env.MONGODB_URI,
      dbName: env.MONGODB_DB,
    });
    await seedDemo(createRepositories(db));
    await db.close();
    return { ...env };
  }
  return { ...env, SEED_DEMO: 'true' };
}

/** Open a fresh database with every index, on `engine`. */
export async function openTestDatabase(engine: Engine): Promise<Database> {
  const env = freshStorageEnv(engine);
  return openDatabase(
    'DATA_DIR' in env
      ? { kind: 'embedded', dataDir: env.DATA_DIR }
      : { kind: 'mongodb', uri: env.MONGODB_URI, dbName: env.MONGODB_DB },
  );
}
