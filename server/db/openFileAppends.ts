// NeDB appends every write to its data file with fs.appendFile, which opens and closes the file
// each time: three trips through libuv's thread pool per insert, and `open` alone was 13 % of the
// server's CPU while people typed (docs/performance.md). Here each data file stays open and an
// append is one write(2) on it.
//
// What "stored" means here (docs/architecture.md, "The embedded engine on disk"):
// - A write that fails (a full disk, a file size limit) is cut back off the file, so the file
//   never ends in half a line that a later append would glue onto, and the caller gets a
//   StorageWriteError (undoFailedWrites.ts takes the document back out of NeDB's memory).
// - Group commit: `flush()` resolves once one fdatasync(2) has covered every byte appended so far.
//   Writes that arrive while a sync runs share the next one, so a busy room costs one sync per
//   batch of writes, not one per write.
// - The file is compacted while the server runs, once enough was appended (`compactAfterBytes`).
//   NeDB rewrites it in its executor, which also runs every append, so no append can race it; the
//   descriptor is closed first and the next append opens the new file.
import fs from 'node:fs';
import { promisify } from 'node:util';
import type Datastore from '@seald-io/nedb';
import { StorageWriteError } from '../errors';
import { persistenceOf, serialize, type NedbPersistence } from './nedbInternals';

const fdatasync = promisify(fs.fdatasync);

export type CompactionReport =
  | { file: string; bytesBefore: number; bytesAfter: number; ms: number }
  | { file: string; error: unknown };

export interface AppenderOptions {
  /**
   * Compact once this many bytes were appended since the last compaction and at least as many as
   * the file held after it (so the file stays under about twice its live size plus this).
   */
  compactAfterBytes: number;
  /** Told about every compaction, for the log; a failed one has left the old file in place. */
  onCompaction?(report: CompactionReport): void;
}

export interface AppendStats {
  /** Appends written (failed ones not counted). */
  appends: number;
  /** fdatasync calls that succeeded. */
  syncs: number;
  compactions: number;
}

export interface OpenFileAppender {
  /** Resolves once everything appended so far is on stable storage; rejects if it cannot be. */
  flush(): Promise<void>;
  /** Flush, then close the file (the store must not be written to afterwards). */
  close(): Promise<void>;
  readonly stats: Readonly<AppendStats>;
}

/**
 * Make `store` append through a file descriptor it keeps open, cut failed writes back off the
 * file, sync in groups and compact by size.
 */
export function appendThroughOpenFile(
  store: Datastore<Record<string, unknown>>,
  options: AppenderOptions,
): OpenFileAppender {
  const persistence = persistenceOf(store);
  if (persistence.inMemoryOnly) {
    return { flush: () => Promise.resolve(), close: () => Promise.resolve(), stats: emptyStats() };
  }
  const file = new AppendedFile(store, persistence, options);
  return { flush: () => file.flush(), close: () => file.close(), stats: file.stats };
}

const emptyStats = (): AppendStats => ({ appends: 0, syncs: 0, compactions: 0 });

class AppendedFile {
  readonly stats = emptyStats();
  private fd: number | null = null;
  /** The file's length while it holds only whole lines: where a failed write is cut back to. */
  private length = 0;
  /** A failed write's bytes are still on the file (cutting failed): cut before the next append. */
  private cutPending = false;
  /** Bytes appended since start (a counter, not an offset: compaction starts a new file). */
  private appended = 0;
  /** How many of `appended` are known to be on stable storage. */
  private synced = 0;
  private syncing: Promise<void> | null = null;
  /** The fdatasync(2) in flight, which the descriptor must outlive. */
  private fdSyncing: Promise<void> | null = null;
  private rewriting: Promise<void> | null = null;
  /** Once a sync has failed nothing written since the last good one can be vouched for. */
  private failure: StorageWriteError | null = null;
  private sinceCompaction = 0;
  private bytesAfterCompaction = 0;
  private compactionQueued = false;
  private closed = false;

  constructor(
    private readonly store: Datastore<Record<string, unknown>>,
    private readonly persistence: NedbPersistence,
    private readonly options: AppenderOptions,
  ) {
    persistence.persistNewStateAsync = (docs) => {
      // NeDB's own format: one serialized document per line (its hooks are not used here).
      let lines = '';
      for (const doc of docs) lines += `${serialize(doc)}\n`;
      if (lines.length === 0) return Promise.resolve();
      try {
        this.append(Buffer.from(lines, 'utf8'));
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const rewrite = persistence.persistCachedDatabaseAsync.bind(persistence);
    persistence.persistCachedDatabaseAsync = () => this.compact(rewrite);
    const drop = persistence.dropDatabaseAsync.bind(persistence);
    persistence.dropDatabaseAsync = async () => {
      await this.releaseDescriptor();
      return drop();
    };
  }

  private get filename(): string {
    return this.persistence.filename;
  }

  private append(bytes: Buffer): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new StorageWriteError(`${this.filename} is closed`, undefined);
    try {
      const fd = this.open();
      if (this.cutPending) {
        fs.ftruncateSync(fd, this.length);
        this.cutPending = false;
      }
      writeFully(fd, bytes);
    } catch (error) {
      this.cutBack();
      throw storageError(`Could not append to ${this.filename}`, error);
    }
    this.length += bytes.length;
    this.appended += bytes.length;
    this.sinceCompaction += bytes.length;
    this.stats.appends += 1;
    this.compactIfDue();
  }

  private open(): number {
    if (this.fd !== null) return this.fd;
    const fd = fs.openSync(this.filename, 'a', this.persistence.modes.fileMode);
    // With a cut pending, `length` is where the file's whole lines end, not its size.
    if (!this.cutPending) this.length = fs.fstatSync(fd).size;
    this.fd = fd;
    return fd;
  }

  /** Take a failed write's first part (a short write before ENOSPC) back off the file. */
  private cutBack(): void {
    if (this.fd === null) return;
    try {
      fs.ftruncateSync(this.fd, this.length);
    } catch {
      this.cutPending = true;
    }
  }

  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= this.appended) return Promise.resolve();
    return this.syncUpTo(this.appended);
  }

  private async syncUpTo(target: number): Promise<void> {
    while (this.synced < target) {
      if (this.failure) throw this.failure;
      this.syncing ??= this.syncOnce().finally(() => {
        this.syncing = null;
      });
      await this.syncing;
    }
  }

  private async syncOnce(): Promise<void> {
    // A compaction writes and syncs a new file with everything in it: wait for it instead.
    if (this.rewriting) return this.rewriting;
    const upTo = this.appended;
    let fd: number;
    try {
      // After a failed compaction the descriptor is closed; the old file is still the one.
      fd = this.open();
    } catch (error) {
      throw storageError(`Could not open ${this.filename} to sync it`, error);
    }
    this.fdSyncing = fdatasync(fd);
    try {
      await this.fdSyncing;
    } catch (error) {
      // Whether the kernel still holds the data is unknown after a failed sync (it may have
      // dropped the pages): refuse everything from now on rather than guess. A restart reads the
      // files again, which is the truth.
      this.failure = storageError(
        `Could not sync ${this.filename} to disk; the server must be restarted`,
        error,
      );
      throw this.failure;
    } finally {
      this.fdSyncing = null;
    }
    this.stats.syncs += 1;
    this.synced = Math.max(this.synced, upTo);
  }

  private compactIfDue(): void {
    if (this.compactionQueued || this.closed) return;
    const due = Math.max(this.options.compactAfterBytes, this.bytesAfterCompaction);
    if (this.sinceCompaction < due) return;
    this.compactionQueued = true;
    // Queued in NeDB's executor behind the writes already waiting; it never rejects (see compact).
    void this.store.compactDatafileAsync().finally(() => {
      this.compactionQueued = false;
    });
  }

  /**
   * NeDB's rewrite of the file (at load, and by size while running), made safe: the descriptor
   * is closed first (no sync on it in flight), a failed rewrite leaves no temporary file behind
   * and is reported, not thrown (the old file is intact and still the store's file).
   */
  private async compact(rewrite: () => Promise<void>): Promise<void> {
    let done!: () => void;
    this.rewriting = new Promise<void>((resolve) => {
      done = resolve;
    });
    const started = performance.now();
    const bytesBefore = this.fd === null ? fileSize(this.filename) : this.length;
    try {
      await this.releaseDescriptor();
      try {
        await rewrite();
      } catch (error) {
        fs.rmSync(`${this.filename}~`, { force: true });
        this.sinceCompaction = 0;
        this.options.onCompaction?.({ file: this.filename, error });
        return;
      }
      // The new file holds everything in memory and NeDB synced it (and the directory) before
      // and after the rename: every byte appended so far is on stable storage, and whatever a
      // failed write left on the old file is gone with it.
      this.synced = this.appended;
      this.cutPending = false;
      this.sinceCompaction = 0;
      this.bytesAfterCompaction = fileSize(this.filename);
      this.stats.compactions += 1;
      this.options.onCompaction?.({
        file: this.filename,
        bytesBefore,
        bytesAfter: this.bytesAfterCompaction,
        ms: performance.now() - started,
      });
    } finally {
      this.rewriting = null;
      done();
    }
  }

  /** Close the descriptor once no sync is using it; the next append opens the file again. */
  private async releaseDescriptor(): Promise<void> {
    while (this.fdSyncing) await this.fdSyncing.catch(() => undefined);
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    fs.closeSync(fd);
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.rewriting) await this.rewriting;
    try {
      await this.flush();
    } finally {
      await this.releaseDescriptor();
    }
  }
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset);
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function storageError(message: string, cause: unknown): StorageWriteError {
  const code = (cause as { code?: unknown } | null)?.code;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new StorageWriteError(
    `${message}: ${reason}`,
    typeof code === 'string' ? code : undefined,
    {
      cause,
    },
  );
}
