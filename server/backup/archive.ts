// The archive: a gzipped tar (readable with plain `tar tzf`) holding manifest.json and one file per
// collection, one canonical Extended JSON document per line. Written whole from a snapshot, and
// read back whole and checked before a restore writes anything.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { MIGRATIONS } from '../db/migrations';
import { COLLECTIONS } from '../db/schema';
import { BACKED_UP, EXCLUDED } from './coverage';
import { checkDocumentBytes, documentFileOf, type DocumentBytes } from './documentBytes';
import {
  appVersion,
  FORMAT_VERSION,
  fileOf,
  MANIFEST_FILE,
  type CollectionEntry,
  type Manifest,
} from './manifest';
import { fromLine, type Snapshot } from './snapshot';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Stream the archive of `snapshot` and the bytes of its documents into `out`; resolves with its
 * manifest once all is written.
 */
export async function writeArchive(
  snapshot: Snapshot,
  documents: readonly DocumentBytes[],
  out: Writable,
  now = new Date(),
): Promise<Manifest> {
  const files: { name: string; bytes: Buffer }[] = [];
  const collections: CollectionEntry[] = [];
  for (const [name, lines] of snapshot.lines) {
    const bytes = Buffer.from(lines.length ? `${lines.join('\n')}\n` : '', 'utf8');
    const file = fileOf(name);
    files.push({ name: file, bytes });
    collections.push({ name, file, documents: lines.length, sha256: sha256(bytes) });
  }
  for (const { id, bytes } of documents) files.push({ name: documentFileOf(id), bytes });
  const manifest: Manifest = {
    format: 'neuvottelu-backup',
    formatVersion: FORMAT_VERSION,
    appVersion: appVersion(),
    schemaVersion: snapshot.schemaVersion,
    engine: snapshot.engine,
    createdAt: now.toISOString(),
    consistency: { method: snapshot.method, attempts: snapshot.attempts, note: snapshot.note },
    collections,
    documents: documents.map(({ id, bytes }) => ({
      id,
      file: documentFileOf(id),
      size: bytes.length,
      sha256: sha256(bytes),
    })),
    excluded: [...EXCLUDED].map(([name, reason]) => ({ name, reason })),
    validation: snapshot.validation,
  };
  const pack = tar.pack();
  const written = pipeline(pack, zlib.createGzip(), out);
  // A failed destination (a full disk) fails the pipeline and destroys the entry being added:
  // its own error is the same one, reported through `written`.
  const add = (name: string, bytes: Buffer) =>
    Promise.race([
      written.then(() => {
        throw new Error('the archive ended early');
      }),
      new Promise<void>((resolve, reject) => {
        const entry = pack.entry(
          { name, size: bytes.length, mtime: now, mode: 0o600 },
          bytes,
          (error) => (error ? reject(error) : resolve()),
        );
        entry.on('error', () => undefined);
      }),
    ]);
  try {
    await add(MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
    for (const file of files) await add(file.name, file.bytes);
    pack.finalize();
  } catch (error) {
    pack.destroy();
    await written.catch(() => undefined);
    throw error;
  }
  await written;
  return manifest;
}

/** The archive cannot be restored; nothing was written. The message says why. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}

export interface VerifiedArchive {
  manifest: Manifest;
  /** Per collection in the manifest, its documents in the archive's order. */
  docs: Map<string, Record<string, unknown>[]>;
  /** The bytes of every agenda document, each checked against the manifest and its metadata. */
  documentBytes: DocumentBytes[];
}

async function readEntries(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      entries.set(header.name, Buffer.concat(chunks));
      next();
    });
    stream.on('error', next);
  });
  try {
    await pipeline(fs.createReadStream(file), zlib.createGunzip(), extract);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new ArchiveError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    throw new ArchiveError(
      `${file} is not a whole backup archive (damaged or cut short): ${(error as Error).message}`,
    );
  }
  return entries;
}

function parseManifest(file: string, bytes: Buffer | undefined): Manifest {
  if (!bytes) throw new ArchiveError(`${file} has no ${MANIFEST_FILE}: not a backup archive.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw new ArchiveError(`${file}: ${MANIFEST_FILE} is not valid JSON.`);
  }
  if (manifest.format !== 'neuvottelu-backup' || manifest.formatVersion !== FORMAT_VERSION) {
    throw new ArchiveError(
      `${file} is archive format ${String(manifest.format)} version ` +
        `${String(manifest.formatVersion)}; this version reads neuvottelu-backup version ` +
        `${FORMAT_VERSION} only.`,
    );
  }
  const known = MIGRATIONS.at(-1)?.version ?? 0;
  if (!(manifest.schemaVersion <= known)) {
    throw new ArchiveError(
      `${file} was taken at schema version ${manifest.schemaVersion}, newer than this version ` +
        `knows (${known}): restore it with the Neuvottelu version that made it (${manifest.appVersion}) or newer.`,
    );
  }
  return manifest;
}

/**
 * Read the whole archive and check it before anything is written: the format version, that
 * the schema is not newer than this code, that every collection is one this code backs up, and
 * each file's SHA-256 and document count against the manifest, and that every agenda document
 * listed has its bytes with the SHA-256 its metadata records.
 */
export async function readArchive(file: string): Promise<VerifiedArchive> {
  const entries = await readEntries(file);
  const manifest = parseManifest(file, entries.get(MANIFEST_FILE));
  const expected = new Set([MANIFEST_FILE]);
  const docs = new Map<string, Record<string, unknown>[]>();
  for (const entry of manifest.collections) {
    if (!BACKED_UP.includes(entry.name))
      throw new ArchiveError(
        `${file} holds the collection "${entry.name}", which this version does not restore.`,
      );
    expected.add(entry.file);
    const bytes = entries.get(entry.file);
    if (!bytes) throw new ArchiveError(`${file} lacks ${entry.file}, which its manifest lists.`);
    if (sha256(bytes) !== entry.sha256)
      throw new ArchiveError(
        `${file}: ${entry.file} does not match the SHA-256 in the manifest: the archive was changed or damaged.`,
      );
    const lines = bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '');
    if (lines.length !== entry.documents)
      throw new ArchiveError(
        `${file}: ${entry.file} holds ${lines.length} documents, the manifest says ${entry.documents}.`,
      );
    try {
      docs.set(entry.name, lines.map(fromLine));
    } catch (error) {
      throw new ArchiveError(
        `${file}: ${entry.file} is not Extended JSON: ${(error as Error).message}`,
      );
    }
  }
  const documentBytes = checkDocumentBytes(
    manifest.documents ?? [],
    entries,
    docs.get(COLLECTIONS.documents) ?? [],
    (message) => new ArchiveError(`${file}: ${message}.`),
  );
  for (const entry of manifest.documents ?? []) expected.add(entry.file);
  const extra = [...entries.keys()].find((name) => !expected.has(name));
  if (extra) throw new ArchiveError(`${file} holds ${extra}, which its manifest does not list.`);
  return { manifest, docs, documentBytes };
}
