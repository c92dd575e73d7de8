// The bytes of agenda documents in a backup (issue 19): the `documents` collection holds only
// their metadata, the bytes live in the document store (GridFS, or files under DATA_DIR). A backup
// copies each listed document's bytes into the archive as `documents/<id>`; a restore refuses an
// archive where any listed document lacks its bytes or they do not match its SHA-256.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { COLLECTIONS } from '../db/schema';
import type { DocumentStore } from '../documents/store';
import type { DocumentEntry } from './manifest';
import { fromLine } from './snapshot';

export interface DocumentBytes {
  id: string;
  bytes: Buffer;
}

/** Document ids are UUIDs (the store makes them): never a path of their own. */
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const documentFileOf = (id: string) => `documents/${id}`;
export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The bytes of every document the snapshot lists, checked against its metadata. Throws (with
 * `fail`'s error) when one is missing or differs: a document deleted while the backup ran, or
 * a damaged store; the backup is then not written.
 */
export async function readDocumentBytes(
  lines: ReadonlyMap<string, readonly string[]>,
  store: DocumentStore,
  fail: (message: string) => Error,
): Promise<DocumentBytes[]> {
  const result: DocumentBytes[] = [];
  for (const line of lines.get(COLLECTIONS.documents) ?? []) {
    const doc = fromLine(line) as { _id: string; sha256: string };
    const stream = await store.get(doc._id);
    if (!stream)
      throw fail(
        `document ${doc._id} is listed but its bytes are not in the store (deleted while the ` +
          'backup ran? run the backup again)',
      );
    const bytes = await readAll(stream);
    if (sha256Of(bytes) !== doc.sha256)
      throw fail(`document ${doc._id}: its stored bytes do not match its SHA-256`);
    result.push({ id: doc._id, bytes });
  }
  return result;
}

/**
 * The bytes of every document in a read archive, checked: each manifest entry's file is there with
 * its size and SHA-256, and every `documents` row has an entry with the row's SHA-256.
 */
export function checkDocumentBytes(
  entries: readonly DocumentEntry[],
  files: ReadonlyMap<string, Buffer>,
  rows: readonly Record<string, unknown>[],
  fail: (message: string) => Error,
): DocumentBytes[] {
  const byId = new Map<string, DocumentBytes>();
  for (const entry of entries) {
    if (!DOCUMENT_ID.test(entry.id) || entry.file !== documentFileOf(entry.id))
      throw fail(`the manifest lists document bytes under "${entry.file}", not a document's name`);
    const bytes = files.get(entry.file);
    if (!bytes) throw fail(`lacks ${entry.file}, which its manifest lists`);
    if (bytes.length !== entry.size || sha256Of(bytes) !== entry.sha256)
      throw fail(`${entry.file} does not match the size and SHA-256 in the manifest`);
    byId.set(entry.id, { id: entry.id, bytes });
  }
  for (const row of rows) {
    const found = byId.get(row._id as string);
    if (!found) throw fail(`document ${String(row._id)} is listed but its bytes are not in it`);
    if (sha256Of(found.bytes) !== row.sha256)
      throw fail(`document ${String(row._id)}: its bytes do not match its SHA-256`);
  }
  if (byId.size !== rows.length) throw fail('it holds bytes of documents it does not list');
  return [...byId.values()];
}
