// Where the bytes of agenda documents live (issue 19). Two implementations behind one interface:
// GridFS on the MongoDB path (gridFsStore.ts), files under DATA_DIR/documents on the embedded
// engine (fileStore.ts). The metadata is a normal collection (`documents`), written after the
// bytes are stored and deleted before them, so a listed document always has its bytes.
import type { Readable } from 'node:stream';

export interface PutOptions {
  /** Store under this id (a restore keeps the archive's ids); a new UUID when absent. */
  id?: string;
  /** More bytes than this and nothing is stored: the put fails with a 413 error. */
  maxBytes: number;
  /**
   * Checks the first bytes (up to `headBytes`, fewer for a shorter file) before anything counts
   * as stored; it throws (a 415 error) to refuse the file.
   */
  checkHead?: (head: Uint8Array) => void;
  headBytes?: number;
}

export interface StoredBlob {
  id: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes as stored. */
  sha256: string;
}

export interface DocumentStore {
  /**
   * Store a stream. On any failure (too large, refused type, a full disk, a source that breaks)
   * nothing is left behind and the error is thrown; a full disk is a StorageWriteError.
   */
  put(source: Readable, options: PutOptions): Promise<StoredBlob>;
  /** The bytes, or null when no blob has this id. */
  get(id: string): Promise<Readable | null>;
  /** Remove a blob; removing one that is not there is not an error. */
  delete(id: string): Promise<void>;
  /** Some blob is stored (a restore writes only into an empty store). */
  hasAny(): Promise<boolean>;
}
