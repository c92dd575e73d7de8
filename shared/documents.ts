// Documents on agenda items (issue 19): which files are accepted, how a file name is made safe,
// and what each audience may learn of a document. Pure rules, used by the server and the client.
import {
  CONFIDENTIALITY_LEVELS,
  isVisibleTo,
  type Audience,
  type Confidentiality,
} from './confidentiality';

/** The largest file accepted: a council's preparation material, not a video. */
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;
/** A file name longer than this is shortened (keeping its extension). */
export const DOCUMENT_NAME_MAX_LENGTH = 120;
/** How many leading bytes the type check reads. */
export const DOCUMENT_SNIFF_BYTES = 512;

type Signature = 'pdf' | 'zip' | 'text';

interface DocumentType {
  mediaType: string;
  /** What the first bytes must be: the client's Content-Type is never trusted. */
  signature: Signature;
  /** An OpenDocument file's `mimetype` entry, which ODF requires to be first and uncompressed. */
  odfMimeType?: string;
}

/** The accepted types by extension (lower case, no dot). */
export const DOCUMENT_TYPES: Readonly<Record<string, DocumentType>> = {
  pdf: { mediaType: 'application/pdf', signature: 'pdf' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    signature: 'zip',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    signature: 'zip',
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    signature: 'zip',
  },
  odt: {
    mediaType: 'application/vnd.oasis.opendocument.text',
    signature: 'zip',
    odfMimeType: 'application/vnd.oasis.opendocument.text',
  },
  ods: {
    mediaType: 'application/vnd.oasis.opendocument.spreadsheet',
    signature: 'zip',
    odfMimeType: 'application/vnd.oasis.opendocument.spreadsheet',
  },
  odp: {
    mediaType: 'application/vnd.oasis.opendocument.presentation',
    signature: 'zip',
    odfMimeType: 'application/vnd.oasis.opendocument.presentation',
  },
  // A budget table is often a CSV export; plain text for a short note. Served as an attachment.
  csv: { mediaType: 'text/csv; charset=utf-8', signature: 'text' },
  txt: { mediaType: 'text/plain; charset=utf-8', signature: 'text' },
};

/** For the file input's `accept`. */
export const DOCUMENT_ACCEPT = Object.keys(DOCUMENT_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');

/** The extension of a (normalised) file name, lower case, when it is an accepted type. */
export function documentExtension(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = fileName.slice(dot + 1).toLowerCase();
  return Object.hasOwn(DOCUMENT_TYPES, ext) ? ext : null;
}

// C0 and C1 controls, and the bidirectional overrides that make "gpj.exe" read as "exe.jpg".
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a file is stored and offered under: only its last path part (a browser or a hostile
 * client may send `C:\…\x.pdf` or `../../x.pdf`), without control or direction characters, no
 * leading dots, spaces collapsed, at most DOCUMENT_NAME_MAX_LENGTH characters with the extension
 * kept. Null when nothing usable is left.
 */
export function normaliseFileName(raw: string): string | null {
  const lastPart = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = lastPart
    .normalize('NFC')
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  if (!cleaned) return null;
  const chars = Array.from(cleaned);
  if (chars.length <= DOCUMENT_NAME_MAX_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (ext.length >= DOCUMENT_NAME_MAX_LENGTH / 2)
    return chars.slice(0, DOCUMENT_NAME_MAX_LENGTH).join('');
  const stem = Array.from(cleaned.slice(0, dot > 0 ? dot : undefined));
  return (
    stem
      .slice(0, DOCUMENT_NAME_MAX_LENGTH - ext.length)
      .join('')
      .trimEnd() + ext.join('')
  );
}

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((byte, i) => head[at + i] === byte);
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/** Whether a byte is a control character no text file holds (tab, newlines, form feed, ESC pass). */
function isBinaryByte(byte: number): boolean {
  return byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b);
}

/**
 * Whether the first bytes of a file are what its extension claims: a PDF starts `%PDF-`, the
 * office formats are zip files (an OpenDocument one with its `mimetype` entry first), and a text
 * file holds no binary control bytes. An .exe renamed .pdf starts `MZ` and is refused.
 */
export function matchesSignature(ext: string, head: Uint8Array): boolean {
  const type = DOCUMENT_TYPES[ext];
  if (!type) return false;
  switch (type.signature) {
    case 'pdf':
      return startsWith(head, ascii('%PDF-'));
    case 'zip':
      if (!startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return false;
      // The local header: the name at 30, its length at 26; ODF stores `mimetype` uncompressed.
      if (!type.odfMimeType) return true;
      return (
        startsWith(head, ascii('mimetype'), 30) && startsWith(head, ascii(type.odfMimeType), 38)
      );
    case 'text':
      return !head.some(isBinaryByte);
  }
}

/** A document as a member who may see it receives it. */
export interface DocumentInfo {
  id: string;
  meetingId: string;
  agendaItemId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  confidentiality: Confidentiality;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: string;
}

/** What a reader receives in place of a document they may not see: that one exists, no more. */
export interface WithheldDocument {
  agendaItemId: string;
  withheld: true;
}

export type DocumentListing = DocumentInfo | WithheldDocument;

/** The more closed of two levels: a document on a confidential item is as closed as its item. */
export function moreClosed(a: Confidentiality, b: Confidentiality): Confidentiality {
  return CONFIDENTIALITY_LEVELS.indexOf(a) >= CONFIDENTIALITY_LEVELS.indexOf(b) ? a : b;
}

/**
 * The documents `audience` may learn of. The public learns of none (no document is published).
 * A document the audience may not read becomes a marker without id, name or size; documents of
 * an agenda item the audience may not see at all are left out, marker included, since the item
 * itself is withheld. `itemLevel` gives each agenda item's level (undefined: not on the agenda).
 */
export function redactDocuments(
  documents: readonly DocumentInfo[],
  audience: Audience,
  itemLevel: (agendaItemId: string) => Confidentiality | undefined,
): DocumentListing[] {
  if (audience === 'public') return [];
  const listing: DocumentListing[] = [];
  for (const document of documents) {
    const item = itemLevel(document.agendaItemId);
    if (item === undefined || !isVisibleTo(item, audience)) continue;
    listing.push(
      isVisibleTo(moreClosed(item, document.confidentiality), audience)
        ? document
        : { agendaItemId: document.agendaItemId, withheld: true },
    );
  }
  return listing;
}

/** A document as an approved version records it: what was on the table, at its item's level. */
export interface TabledDocument extends DocumentInfo {
  itemConfidentiality: Confidentiality;
}

/** The documents of an approved version as `audience` may learn of them (see redactDocuments). */
export function redactTabledDocuments(
  tabled: readonly TabledDocument[],
  audience: Audience,
): DocumentListing[] {
  const levels = new Map(tabled.map((doc) => [doc.agendaItemId, doc.itemConfidentiality]));
  const infos = tabled.map(({ itemConfidentiality: _level, ...info }) => info);
  return redactDocuments(infos, audience, (id) => levels.get(id));
}
