import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GridFSBucket, type Collection, type Db } from 'mongodb';
import { AppError, StorageWriteError } from '../errors';
import { UploadGuard } from './guard';
import type { DocumentStore, PutOptions, StoredBlob } from './store';

/** GridFS's two collections are `documentFiles.files` and `documentFiles.chunks`. */
export const GRIDFS_BUCKET = 'documentFiles';

/**
 * Blobs in MongoDB GridFS, on the MongoDB path. The driver writes 255 kB chunks and then the
 * files entry (with the client's write concern, majority and journaled); a failed or refused
 * upload is aborted, which deletes the chunks already written, so nothing is left half-stored.
 */
export class GridFsDocumentStore implements DocumentStore {
  private readonly bucket: GridFSBucket;
  private readonly chunks: Collection;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: GRIDFS_BUCKET });
    this.chunks = db.collection(`${GRIDFS_BUCKET}.chunks`);
  }

  async put(source: Readable, options: PutOptions): Promise<StoredBlob> {
    const id = options.id ?? randomUUID();
    const guard = new UploadGuard(options);
    const upload = this.bucket.openUploadStreamWithId(id as never, id);
    // Written one awaited write at a time (the driver answers a write once its chunks are
    // stored), never piped: a pipe torn down by an error can leave a chunk insert in flight that
    // lands after abort() deleted the others.
    try {
      for await (const chunk of source.pipe(guard) as AsyncIterable<Buffer>) {
        await new Promise<void>((resolve, reject) =>
          upload.write(chunk, (error) => (error ? reject(error) : resolve())),
        );
      }
      await new Promise<void>((resolve, reject) => {
        upload.once('error', reject);
        upload.end(() => resolve());
      });
    } catch (error) {
      source.unpipe(guard);
      guard.destroy();
      await upload.abort().catch(() => undefined);
      if (error instanceof AppError) throw error;
      throw new StorageWriteError('A document could not be stored in GridFS', undefined, {
        cause: error,
      });
    }
    return { id, size: guard.size, sha256: guard.sha256 };
  }

  async hasAny(): Promise<boolean> {
    return (await this.bucket.find({}, { limit: 1 }).toArray()).length > 0;
  }

  async get(id: string): Promise<Readable | null> {
    const [file] = await this.bucket.find({ _id: id as never }, { limit: 1 }).toArray();
    if (!file) return null;
    // A download missing a chunk fails only after its headers are out; count them first, so
    // that a damaged file is answered as missing instead of as a cut-off download.
    const chunks = await this.chunks.countDocuments({ files_id: id });
    if (chunks !== Math.ceil(file.length / file.chunkSize)) return null;
    return this.bucket.openDownloadStream(id as never);
  }

  async delete(id: string): Promise<void> {
    try {
      await this.bucket.delete(id as never);
    } catch (error) {
      // Already gone (a repeated delete, or a put that never finished): nothing to remove.
      if ((error as { message?: string }).message?.includes('File not found')) return;
      throw error;
    }
  }
}
