// The bytes of agenda documents in a backup (issue 19): the `documents` collection holds only
// their metadata, the bytes live in the document store (GridFS, or files under DATA_DIR). A backup
// copies each listed document's bytes into the archive as `documents/<id>`; a restore refuses an
// archive where any listed document lacks its bytes or they do not match its SHA-256.
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { COLLECTIONS } from '../db/schema';
import type { DocumentStore } from '../documents/store';
import type { DocumentEntry } from './manifest';
import { fromLine } from './snapshot';

/** Document ids are UUIDs (the store makes them): never a path of their own. */
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const documentFileOf = (id: string) => `documents/${id}`;
export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** One agenda document as a backup writes it: its metadata, and its bytes read when written. */
export interface DocumentSource {
  id: string;
  size: number;
  sha256: string;
  /** The bytes as a stream that fails (with `fail`'s error) unless they match `sha256`. */
  open(): Promise<Readable>;
}

/**
 * Every document the snapshot lists, to be streamed into the archive one at a time (20 MB each
 * at most, any number of them: never all in memory). A document whose bytes are gone or differ
 * from its metadata fails the backup as it is written: one deleted while the backup ran, or a
 * damaged store.
 */
export function documentSources(
  lines: ReadonlyMap<string, readonly string[]>,
  store: DocumentStore,
  fail: (message: string) => Error,
): DocumentSource[] {
  return (lines.get(COLLECTIONS.documents) ?? []).map((line) => {
    const doc = fromLine(line) as { _id: string; size: number; sha256: string };
    return {
      id: doc._id,
      size: doc.size,
      sha256: doc.sha256,
      async open() {
        const stream = await store.get(doc._id);
        if (!stream)
          throw fail(
            `document ${doc._id} is listed but its bytes are not in the store (deleted while the ` +
              'backup ran? run the backup again)',
          );
        return verifiedStream(stream, doc.sha256, () => fail(mismatch(doc._id)));
      },
    };
  });
}

const mismatch = (id: string) => `document ${id}: its stored bytes do not match its SHA-256`;

/** Passes bytes through, and fails at their end unless they hash to `sha256`. */
function checkedAgainst(sha256: string, error: () => Error): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      callback(hash.digest('hex') === sha256 ? null : error());
    },
  });
}

/** What reading an archive learnt of one document file without keeping its bytes. */
export interface FileDigest {
  size: number;
  sha256: string;
}

/** Archive entries under this prefix are documents' bytes: hashed as read, never held. */
export const DOCUMENT_FILE_PREFIX = 'documents/';

/**
 * The documents of a read archive, checked: each manifest entry's file is there with its size
 * and SHA-256, and every `documents` row has an entry with the row's SHA-256. Returns the
 * manifest's entries, the bytes of which a restore streams from the archive again.
 */
export function checkDocumentBytes(
  entries: readonly DocumentEntry[],
  files: ReadonlyMap<string, FileDigest>,
  rows: readonly Record<string, unknown>[],
  fail: (message: string) => Error,
): DocumentEntry[] {
  const byId = new Map<string, DocumentEntry>();
  for (const entry of entries) {
    if (!DOCUMENT_ID.test(entry.id) || entry.file !== documentFileOf(entry.id))
      throw fail(`the manifest lists document bytes under "${entry.file}", not a document's name`);
    const digest = files.get(entry.file);
    if (!digest) throw fail(`lacks ${entry.file}, which its manifest lists`);
    if (digest.size !== entry.size || digest.sha256 !== entry.sha256)
      throw fail(`${entry.file} does not match the size and SHA-256 in the manifest`);
    byId.set(entry.id, entry);
  }
  for (const row of rows) {
    const found = byId.get(row._id as string);
    if (!found) throw fail(`document ${String(row._id)} is listed but its bytes are not in it`);
    if (found.sha256 !== row.sha256)
      throw fail(`document ${String(row._id)}: its bytes do not match its SHA-256`);
  }
  if (byId.size !== rows.length) throw fail('it holds bytes of documents it does not list');
  return [...byId.values()];
}

/** `source` as it passes through, failing at its end unless it hashes to `sha256`. */
export function verifiedStream(source: Readable, sha256: string, error: () => Error): Readable {
  return source.pipe(checkedAgainst(sha256, error));
}
