import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, StorageWriteError } from '../errors';
import { UploadGuard } from './guard';
import type { DocumentStore, PutOptions, StoredBlob } from './store';

/** Where unfinished uploads are written; whatever is there at start-up never finished. */
const INCOMING = '.incoming';
const BLOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Blobs as files under DATA_DIR/documents, for the embedded engine. A blob is written to a
 * temporary file, fsynced, renamed into place and the directory fsynced: a file under its id is
 * whole, and a full disk or a crash leaves at most a temporary file (removed at once, or at the
 * next start). The data directory's lock (dataDirLock.ts) keeps other processes out.
 */
export class FileDocumentStore implements DocumentStore {
  private constructor(readonly dir: string) {}

  static async open(dataDir: string): Promise<FileDocumentStore> {
    const dir = path.join(dataDir, 'documents');
    await fsp.rm(path.join(dir, INCOMING), { recursive: true, force: true });
    await fsp.mkdir(path.join(dir, INCOMING), { recursive: true });
    return new FileDocumentStore(dir);
  }

  private pathOf(id: string): string | null {
    return BLOB_ID.test(id) ? path.join(this.dir, id) : null;
  }

  async put(source: Readable, options: PutOptions): Promise<StoredBlob> {
    const id = options.id ?? randomUUID();
    if (!BLOB_ID.test(id)) throw new Error(`"${id}" is not a document id`);
    const temporary = path.join(this.dir, INCOMING, `${id}.part`);
    const guard = new UploadGuard(options);
    try {
      await pipeline(source, guard, fs.createWriteStream(temporary, { flags: 'wx' }));
      const handle = await fsp.open(temporary, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temporary, path.join(this.dir, id));
      await syncDirectory(this.dir);
    } catch (error) {
      await fsp.rm(temporary, { force: true }).catch(() => undefined);
      throw asStoreError(error);
    }
    return { id, size: guard.size, sha256: guard.sha256 };
  }

  async hasAny(): Promise<boolean> {
    const names = await fsp.readdir(this.dir);
    return names.some((name) => BLOB_ID.test(name));
  }

  async get(id: string): Promise<Readable | null> {
    const file = this.pathOf(id);
    if (!file) return null;
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    const file = this.pathOf(id);
    if (file) await fsp.rm(file, { force: true });
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A refusal stays as it is; a system error of the disk becomes "nothing was stored" (503). */
function asStoreError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && ['ENOSPC', 'EFBIG', 'EIO', 'EDQUOT', 'EROFS'].includes(code)) {
    return new StorageWriteError(`A document could not be stored (${code})`, code, {
      cause: error,
    });
  }
  return error;
}
