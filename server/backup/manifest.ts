// What a backup archive says about itself (manifest.json), and the archive format's version.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The archive layout this code writes and reads; a restore refuses any other. */
export const FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** How the documents of every collection were made to belong to one moment. */
export type ConsistencyMethod =
  /** The running server (or this process) copied NeDB's memory in one synchronous pass. */
  | 'embedded-memory-snapshot'
  /** MongoDB read every collection at one cluster time (a snapshot session, 5.0+ replica sets). */
  | 'mongodb-snapshot-session'
  /** Read in order and validated (versions, audit chains, room logs), re-read when not valid. */
  | 'mongodb-validated-reads';

export interface CollectionEntry {
  name: string;
  file: string;
  documents: number;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
}

/** What the manifest says of each document's bytes (server/backup/documentBytes.ts). */
export interface DocumentEntry {
  id: string;
  file: string;
  size: number;
  sha256: string;
}

export interface Manifest {
  format: 'neuvottelu-backup';
  formatVersion: number;
  appVersion: string;
  /** The highest completed migration of the backed-up database (server/db/migrations.ts). */
  schemaVersion: number;
  engine: 'embedded' | 'mongodb';
  createdAt: string;
  consistency: { method: ConsistencyMethod; attempts: number; note: string };
  collections: CollectionEntry[];
  /**
   * The bytes of every agenda document (`documents/<id>` files, server/backup/documentBytes.ts).
   * Absent in archives taken before documents existed, which then list none.
   */
  documents?: DocumentEntry[];
  /** Collections deliberately left out, with why (server/backup/coverage.ts). */
  excluded: { name: string; reason: string }[];
  /** What the checks of server/backup/validate.ts found in the backed-up documents. */
  validation: { versions: number; auditEntries: number; rooms: number; problems: string[] };
}

export const fileOf = (collection: string) => `${collection}.jsonl`;

/** package.json's version: two levels above server/backup/*.ts and the built dist/server/*.js. */
export function appVersion(): string {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
