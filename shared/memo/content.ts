// The memo as structured plain data: what an approved version stores, what its hash covers and
// what each audience receives (redaction.ts) and compares (diff.ts).
//
// Hashing: the server (Node crypto) and the browser (SubtleCrypto) each compute SHA-256 over the
// UTF-8 bytes of `canonicalMemoJson(content)`. shared/ stays pure, so it does no hashing itself.
import type * as Y from 'yjs';
import type { Audience, Confidentiality } from '../confidentiality';
import { mostClosed } from './format';
import { readMemo, type MemoBlock } from './memoDoc';
import { readDissents, readStances, type PartyDissent, type StanceEntry } from './partyDoc';

/** The version of the MemoContent layout; bump it when the shape changes. */
export const MEMO_CONTENT_FORMAT = 1;

/**
 * Stands in for a block or dissent the audience may not receive (a whole section has its own
 * `WithheldSection`). It says only that something is there: no id, no length, no text, no
 * stance, no party.
 */
export interface WithheldMarker {
  kind: 'withheld';
}

/**
 * Stands in for a whole section (agenda item) the audience may not receive. Unlike the other
 * markers it keeps the item's place in the numbering, so a reader can tell that item 3 exists:
 * `number` is its 1-based position among all sections, and `title` is the agenda item's title
 * only where the audience may see that agenda item anyway (see `redactMemoContent`), else null
 * (renderings then say "Luottamuksellinen asia"). The section's own title, text, id and level
 * never travel in it.
 */
export interface WithheldSection {
  kind: 'withheld';
  number: number;
  title: string | null;
}

export interface ContentParty {
  partyId: string;
  shortName: string;
  name: string;
}

/** One party's stance on an agreed point; `entry` null means "not stated". */
export interface ContentStance {
  partyId: string;
  entry: StanceEntry | null;
}

export interface NotesBlock {
  kind: 'notes';
  id: null;
  /** Effective level: the block's own combined with its section's. */
  confidentiality: Confidentiality;
  /** One string per paragraph and per list item (`• ` or `1. ` in front). */
  paragraphs: string[];
}

export interface AgreedPointBlock {
  kind: 'agreedPoint';
  id: string;
  confidentiality: Confidentiality;
  paragraphs: string[];
  /** Every party of the meeting, in the order given to `extractMemoContent`. */
  stances: ContentStance[];
}

export interface FollowUpBlock {
  kind: 'followUp';
  id: string;
  confidentiality: Confidentiality;
  paragraphs: string[];
  /** The owner's name as written (old memos: free text). */
  owner: string;
  /**
   * `member:<userId>` or `party:<partyId>` when the owner was picked from the group (issue 19);
   * absent in memos written before, so their content (and hash) is unchanged.
   */
  ownerRef?: string;
  /** `YYYY-MM-DD` or empty. */
  due: string;
}

export type ContentBlock = NotesBlock | AgreedPointBlock | FollowUpBlock;

/** A party's dissent in a section (from the party's room). */
export interface ContentDissent {
  kind: 'dissent';
  id: string;
  partyId: string;
  reason: string;
  /** Effective level: the dissent's own combined with its section's. */
  confidentiality: Confidentiality;
}

export interface ContentSection {
  kind: 'section';
  id: string;
  agendaItemId: string | null;
  title: string;
  confidentiality: Confidentiality;
  blocks: (ContentBlock | WithheldMarker)[];
  dissents: (ContentDissent | WithheldMarker)[];
}

export interface MemoContent {
  format: typeof MEMO_CONTENT_FORMAT;
  /** Who this content is shaped for: `negotiators` when nothing is withheld. */
  audience: Audience;
  parties: ContentParty[];
  sections: (ContentSection | WithheldSection)[];
}

export interface ContentPartyInput extends ContentParty {
  /** The party's room; null (not loaded) counts as no stances and no dissents. */
  doc: Y.Doc | null;
}

/**
 * Read the memo room and the party rooms into plain data, nothing withheld. Sections and blocks
 * keep document order; notes blocks without any text are left out (every section is seeded with
 * an empty paragraph); dissents come per section in party order, then by id; dissents whose
 * section is no longer in the memo are left out.
 */
export function extractMemoContent(
  memo: Y.Doc,
  parties: readonly ContentPartyInput[],
): MemoContent {
  const rooms = parties.map(({ partyId, doc }) => ({
    partyId,
    stances: doc ? readStances(doc) : new Map<string, StanceEntry>(),
    dissents: doc ? readDissents(doc) : [],
  }));
  const sections = readMemo(memo).map((section): ContentSection => ({
    kind: 'section',
    id: section.id,
    agendaItemId: section.agendaItemId,
    title: section.title,
    confidentiality: section.confidentiality,
    blocks: section.blocks.flatMap((block) => contentBlock(block, rooms)),
    dissents: rooms.flatMap(({ partyId, dissents }) =>
      dissents
        .filter((dissent) => dissent.sectionId === section.id)
        .map((dissent) => contentDissent(partyId, dissent, section.confidentiality)),
    ),
  }));
  return {
    format: MEMO_CONTENT_FORMAT,
    audience: 'negotiators',
    parties: parties.map(({ partyId, shortName, name }) => ({ partyId, shortName, name })),
    sections,
  };
}

function contentBlock(
  block: MemoBlock,
  rooms: readonly { partyId: string; stances: Map<string, StanceEntry> }[],
): ContentBlock[] {
  const { confidentiality, paragraphs } = block;
  const id = block.id ?? '';
  switch (block.kind) {
    case 'notes':
      return paragraphs.length > 0
        ? [{ kind: 'notes', id: null, confidentiality, paragraphs }]
        : [];
    case 'agreedPoint':
      return [
        {
          kind: 'agreedPoint',
          id,
          confidentiality,
          paragraphs,
          stances: rooms.map(({ partyId, stances }) => ({
            partyId,
            entry: stances.get(id) ?? null,
          })),
        },
      ];
    case 'followUp':
      return [
        {
          kind: 'followUp',
          id,
          confidentiality,
          paragraphs,
          owner: block.owner,
          ...(block.ownerRef ? { ownerRef: block.ownerRef } : {}),
          due: block.due,
        },
      ];
  }
}

function contentDissent(
  partyId: string,
  dissent: PartyDissent,
  sectionLevel: Confidentiality,
): ContentDissent {
  return {
    kind: 'dissent',
    id: dissent.id,
    partyId,
    reason: dissent.reason,
    confidentiality: mostClosed(sectionLevel, dissent.confidentiality),
  };
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort` compares) and no
 * whitespace, so the same data always gives the same string. `undefined` object values are left
 * out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The canonical form of a memo version: its SHA-256 (of the UTF-8) identifies the version. */
export function canonicalMemoJson(content: MemoContent): string {
  return canonicalJson(content);
}
