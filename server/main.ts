import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { channelCommands } from './backup/channelCommands';
import { listenChannel } from './cli/channel';
import { DataDirLockedError } from './db/dataDirLock';
import { DataFileDamagedError } from './db/dataFileCheck';
import type { EmbeddedDatabase } from './db/embedded';
import { runMigrations, SchemaVersionError } from './db/migrations';
import { openDatabase } from './db/open';
import { ConfigError, loadConfig } from './env';
import { createLogger } from './logger';
import { createRepositories } from './repositories';
import { DEMO_PASSWORD } from './seed/demo';
import { DemoAccountsExistError, prepareFirstRun } from './seed/firstRun';
import { startServer } from './server';

/** Time past the drain limit for storing live rooms and closing the database. */
const STORE_ON_EXIT_MS = 5_000;

// The project root holds dist/client: one level above server/main.ts (run by tsx), two above the
// built dist/server/main.js.
const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), here.endsWith('.js') ? '../..' : '..');

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Opened here so the schema is migrated, and the demo seeded or its accounts refused, before
  // anyone can connect.
  const db = await openDatabase(config.storage, { logger, owner: 'server' });
  const logins = await runMigrations(db, logger)
    .then(() => prepareFirstRun(config, createRepositories(db)))
    .catch(async (error: unknown) => {
      await db.close();
      throw error;
    });
  if (config.demoRequested && !config.seedDemo) {
    logger.warn(
      { exposed: config.exposed, engine: config.storage.kind },
      'SEED_DEMO ignored: the demo is seeded only into an embedded database on a loopback HOST without an https PUBLIC_URL',
    );
  }
  const server = await startServer(config, logger, {
    clientDir: path.join(root, 'dist/client'),
    db,
  });
  // The embedded engine's data is this process's alone: admin commands that need it (a backup)
  // ask through a socket in DATA_DIR (server/cli/channel.ts). On MongoDB they read directly.
  const channel =
    db.engine === 'embedded' && config.storage.kind === 'embedded'
      ? await listenChannel(
          config.storage.dataDir,
          // Loaded only on this engine (server/db/open.ts); the engine name says which it is.
          channelCommands(db as EmbeddedDatabase, server.ctx.documents),
          logger,
        )
      : null;
  const engine =
    config.storage.kind === 'mongodb'
      ? 'MongoDB'
      : `embedded database in ${config.storage.dataDir}`;
  logger.info({ url: server.url, engine: server.ctx.db.engine }, 'listening');

  if (logins) {
    console.log(`\nDemo group seeded. Every demo password is "${DEMO_PASSWORD}".`);
    for (const login of logins.filter((l) => !l.email.endsWith('.lukija2@demo.example'))) {
      console.log(`  ${login.role.padEnd(15)} ${login.party ?? ''}\t${login.email}`);
    }
    console.log('  (every party also has a second reader: <party>.lukija2@demo.example)');
  }
  console.log(`\nNeuvottelu is running on ${server.ctx.publicUrl()} (${engine}).\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Requests in flight are cut off at the drain limit (server.ts); this bounds the rest:
    // storing live rooms and closing the database.
    const limitMs = config.drain.notReadyMs + config.drain.timeoutMs + STORE_ON_EXIT_MS;
    const force = setTimeout(() => {
      logger.error({ limitMs }, 'shutdown did not finish in time: exiting anyway');
      process.exit(1);
    }, limitMs);
    force.unref();
    Promise.all([server.close(), channel?.close()])
      .then(async ([{ abortedConnections }]) => {
        await db.close();
        return abortedConnections;
      })
      .then(
        (abortedConnections) => {
          if (abortedConnections === 0) process.exit(0);
          logger.error({ abortedConnections }, 'requests were cut off at the drain limit');
          process.exit(1);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof DataFileDamagedError ||
    error instanceof DemoAccountsExistError ||
    error instanceof SchemaVersionError
  ) {
    console.error(error.message);
  } else {
    console.error('Neuvottelu failed to start:', error);
  }
  process.exit(1);
});
