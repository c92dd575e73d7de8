// The archive: a gzipped tar (readable with plain `tar tzf`) holding manifest.json and one file per
// collection, one canonical Extended JSON document per line. Written whole from a snapshot, and
// read back whole and checked before a restore writes anything.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { finished, pipeline } from 'node:stream/promises';
import { Readable, type Writable } from 'node:stream';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import { MIGRATIONS } from '../db/migrations';
import { COLLECTIONS } from '../db/schema';
import { BACKED_UP, EXCLUDED } from './coverage';
import {
  checkDocumentBytes,
  DOCUMENT_FILE_PREFIX,
  documentFileOf,
  verifiedStream,
  type DocumentSource,
  type FileDigest,
} from './documentBytes';
import {
  appVersion,
  FORMAT_VERSION,
  fileOf,
  MANIFEST_FILE,
  type CollectionEntry,
  type DocumentEntry,
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
  documents: readonly DocumentSource[],
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
  const manifest: Manifest = {
    format: 'neuvottelu-backup',
    formatVersion: FORMAT_VERSION,
    appVersion: appVersion(),
    schemaVersion: snapshot.schemaVersion,
    engine: snapshot.engine,
    createdAt: now.toISOString(),
    consistency: { method: snapshot.method, attempts: snapshot.attempts, note: snapshot.note },
    collections,
    documents: documents.map(({ id, size, sha256 }) => ({
      id,
      file: documentFileOf(id),
      size,
      sha256,
    })),
    excluded: [...EXCLUDED].map(([name, reason]) => ({ name, reason })),
    validation: snapshot.validation,
  };
  const pack = tar.pack();
  const written = pipeline(pack, zlib.createGzip(), out);
  // A failed destination (a full disk) fails the pipeline and destroys the entry being added:
  // its own error is the same one, reported through `written`.
  const endedEarly = written.then(() => {
    throw new Error('the archive ended early');
  });
  const add = (name: string, bytes: Buffer) =>
    Promise.race([
      endedEarly,
      new Promise<void>((resolve, reject) => {
        const entry = pack.entry(
          { name, size: bytes.length, mtime: now, mode: 0o600 },
          bytes,
          (error) => (error ? reject(error) : resolve()),
        );
        entry.on('error', () => undefined);
      }),
    ]);
  // A document's bytes stream through: tar-stream refuses more or fewer than `size`, and the
  // source itself fails on bytes that do not match their SHA-256.
  const stream = async (name: string, size: number, source: Readable) =>
    Promise.race([
      endedEarly,
      new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name, size, mtime: now, mode: 0o600 }, (error) =>
          error ? reject(error) : resolve(),
        );
        pipeline(source, entry).catch(reject);
      }),
    ]);
  try {
    await add(MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
    for (const file of files) await add(file.name, file.bytes);
    for (const document of documents)
      await stream(documentFileOf(document.id), document.size, await document.open());
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
  /** Every agenda document, its bytes checked against the manifest and its metadata. */
  documents: DocumentEntry[];
  /**
   * Read the archive again and hand each document's bytes to `each` as a stream, one at a time;
   * a stream fails at its end should its bytes no longer be what the check found.
   */
  streamDocuments(each: (entry: DocumentEntry, bytes: Readable) => Promise<void>): Promise<void>;
}

interface Entries {
  /** Manifest and collection files, whole. */
  files: Map<string, Buffer>;
  /** Documents' bytes: only their size and SHA-256 (any number of 20 MB files fit no memory). */
  digests: Map<string, FileDigest>;
}

/** Go through the archive's entries in order; `each` must consume (or drain) the stream. */
async function forEachEntry(
  file: string,
  each: (name: string, stream: Readable) => Promise<void>,
): Promise<void> {
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    // tar-stream's entries are streamx streams: as Node's own, they pipe and fail like the rest.
    each(header.name, Readable.from(stream, { objectMode: false })).then(
      () => next(),
      (error: unknown) => extract.destroy(error as Error),
    );
  });
  try {
    await pipeline(fs.createReadStream(file), zlib.createGunzip(), extract);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new ArchiveError(`Cannot read ${file}: ${(error as Error).message}`);
    }
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(
      `${file} is not a whole backup archive (damaged or cut short): ${(error as Error).message}`,
    );
  }
}

async function readEntries(file: string): Promise<Entries> {
  const entries: Entries = { files: new Map(), digests: new Map() };
  await forEachEntry(file, async (name, stream) => {
    if (name.startsWith(DOCUMENT_FILE_PREFIX)) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
      entries.digests.set(name, { size, sha256: hash.digest('hex') });
    } else {
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
      entries.files.set(name, Buffer.concat(chunks));
    }
  });
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
  const { files: entries, digests } = await readEntries(file);
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
  const fail = (message: string) => new ArchiveError(`${file}: ${message}.`);
  const documents = checkDocumentBytes(
    manifest.documents ?? [],
    digests,
    docs.get(COLLECTIONS.documents) ?? [],
    fail,
  );
  for (const entry of manifest.documents ?? []) expected.add(entry.file);
  const extra = [...entries.keys(), ...digests.keys()].find((name) => !expected.has(name));
  if (extra) throw new ArchiveError(`${file} holds ${extra}, which its manifest does not list.`);
  const byFile = new Map(documents.map((entry) => [entry.file, entry]));
  return {
    manifest,
    docs,
    documents,
    streamDocuments: (each) =>
      forEachEntry(file, async (name, stream) => {
        const entry = byFile.get(name);
        if (!entry) return finished(stream.resume());
        await each(
          entry,
          verifiedStream(stream, entry.sha256, () =>
            fail(`${entry.file} changed while it was restored`),
          ),
        );
      }),
  };
}
