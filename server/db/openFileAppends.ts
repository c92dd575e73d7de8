// NeDB appends every write to its data file with fs.appendFile, which opens and closes the file
// each time: three trips through libuv's thread pool per insert, and `open` alone was 13 % of the
// server's CPU while people typed (docs/performance.md). Here each data file stays open and an
// append is one write(2) on it. A write that has returned is in the kernel's page cache, exactly
// as durable against `kill -9` as NeDB's own append (neither syncs to disk).
import fs from 'node:fs';
import type Datastore from '@seald-io/nedb';
import { serialize } from '@seald-io/nedb/lib/model.js';

/** The parts of NeDB's (untyped) Persistence this replaces or wraps; NeDB 4.x. */
interface NedbPersistence {
  filename: string;
  inMemoryOnly: boolean;
  modes: { fileMode: number };
  persistNewStateAsync(docs: readonly unknown[]): Promise<void>;
  persistCachedDatabaseAsync(): Promise<void>;
  dropDatabaseAsync(): Promise<void>;
}

export interface OpenFileAppender {
  /** Close the data file (the store must not be written to afterwards). */
  close(): void;
}

/**
 * Make `store` append through a file descriptor it keeps open. NeDB runs every write, every
 * compaction and the drop in its executor, one at a time, so the descriptor is never used and
 * replaced at once. Compaction writes a new file and renames it over the old one: the
 * descriptor is closed before and reopened (on the new file) at the next append.
 */
export function appendThroughOpenFile(store: Datastore<Record<string, unknown>>): OpenFileAppender {
  const persistence = (store as unknown as { persistence: NedbPersistence }).persistence;
  if (persistence.inMemoryOnly) return { close: () => undefined };
  let fd: number | null = null;
  const close = () => {
    if (fd === null) return;
    fs.closeSync(fd);
    fd = null;
  };

  persistence.persistNewStateAsync = (docs) => {
    // NeDB's own format: one serialized document per line (its hooks are not used here).
    let lines = '';
    for (const doc of docs) lines += `${serialize(doc)}\n`;
    if (lines.length === 0) return Promise.resolve();
    try {
      fd ??= fs.openSync(persistence.filename, 'a', persistence.modes.fileMode);
      writeFully(fd, Buffer.from(lines, 'utf8'));
      return Promise.resolve();
    } catch (error) {
      // A descriptor in an unknown state is not reused: the next append opens the file afresh.
      try {
        close();
      } catch {
        fd = null;
      }
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const rewrite = persistence.persistCachedDatabaseAsync.bind(persistence);
  persistence.persistCachedDatabaseAsync = () => {
    close();
    return rewrite();
  };
  const drop = persistence.dropDatabaseAsync.bind(persistence);
  persistence.dropDatabaseAsync = () => {
    close();
    return drop();
  };
  return { close };
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset);
}
