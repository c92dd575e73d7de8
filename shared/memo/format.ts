// The memo's Yjs layout, shared by the editor, the server and any tool that reads a memo.
// docs/memo-format.md describes the same layout in prose; keep the two in step.
import { uuidv4 } from 'lib0/random';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../confidentiality';
import { TEXT_MARKS, TEXT_NODES } from '../richText';

/**
 * One meeting is several Yjs documents ("rooms"), because a CRDT cannot police single nodes:
 * - the memo room holds the text every negotiator may edit;
 * - one party room per party holds that party's stances and dissents, writable only by the
 *   party's own representatives and deputies.
 */
export type MemoRoom =
  { kind: 'memo'; meetingId: string } | { kind: 'party'; meetingId: string; partyId: string };

/** A joint statement's live text (issue 5; layout in shared/statements/format.ts). */
export interface StatementRoom {
  kind: 'statement';
  statementId: string;
}

/** Every room the collab endpoint serves. */
export type CollabRoom = MemoRoom | StatementRoom;

const ID = '[A-Za-z0-9_-]{1,64}';
const ROOM_PATTERN = new RegExp(`^(${ID})/(memo|statement|party/(${ID}))$`);

/** The room's name: the path after `/collab/` on the WebSocket URL. */
export function roomName(room: CollabRoom): string {
  switch (room.kind) {
    case 'memo':
      return `${room.meetingId}/memo`;
    case 'party':
      return `${room.meetingId}/party/${room.partyId}`;
    case 'statement':
      return `${room.statementId}/statement`;
  }
}

/** Parse a room name; null for anything that is not exactly a memo, party or statement room. */
export function parseRoomName(name: string): CollabRoom | null {
  const match = ROOM_PATTERN.exec(name);
  if (!match?.[1]) return null;
  const id = match[1];
  if (match[3]) return { kind: 'party', meetingId: id, partyId: match[3] };
  return match[2] === 'statement'
    ? { kind: 'statement', statementId: id }
    : { kind: 'memo', meetingId: id };
}

/** The memo room's one root type: a Y.XmlFragment holding the ProseMirror document. */
export const MEMO_FRAGMENT = 'memo';

/**
 * ProseMirror node names used in the memo fragment (Y.XmlElement node names): the memo's own and
 * the text nodes it shares with a statement (../richText.ts).
 */
export const MEMO_NODES = {
  section: 'memoSection',
  sectionTitle: 'sectionTitle',
  agreedPoint: 'agreedPoint',
  followUp: 'followUp',
  ...TEXT_NODES,
} as const;
export type MemoNodeName = (typeof MEMO_NODES)[keyof typeof MEMO_NODES];
export const MEMO_NODE_NAMES: readonly string[] = Object.values(MEMO_NODES);

/** Inline marks allowed in memo text (Y.XmlText formatting attributes): the shared ones. */
export const MEMO_MARKS = TEXT_MARKS;

/** Blocks that sit directly in a section and carry their own confidentiality level. */
export const SECTION_BLOCK_NODES: readonly string[] = [
  MEMO_NODES.paragraph,
  MEMO_NODES.bulletList,
  MEMO_NODES.orderedList,
  MEMO_NODES.agreedPoint,
  MEMO_NODES.followUp,
];

/** Attribute names on memo nodes. A missing attribute means its default. */
export const MEMO_ATTRS = {
  id: 'id',
  agendaItemId: 'agendaItemId',
  confidentiality: 'confidentiality',
  owner: 'owner',
  /** A follow-up's owner as `member:<userId>` or `party:<partyId>` (./followUpOwner.ts). */
  ownerRef: 'ownerRef',
  due: 'due',
} as const;

/** Ids of sections, agreed points, follow-ups and dissents. */
export const BLOCK_ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/** A fresh block id; random enough that two editors never pick the same one. */
export function newBlockId(prefix: 'sec' | 'ap' | 'fu' | 'ds'): string {
  return `${prefix}_${uuidv4().replaceAll('-', '')}`;
}

/** Read a confidentiality attribute; anything missing or unknown counts as the default. */
export function readConfidentiality(value: unknown): Confidentiality {
  return (CONFIDENTIALITY_LEVELS as readonly unknown[]).includes(value)
    ? (value as Confidentiality)
    : 'groups';
}

/** The more closed of two levels: a block is never more open than its section. */
export function mostClosed(a: Confidentiality, b: Confidentiality): Confidentiality {
  return CONFIDENTIALITY_LEVELS.indexOf(a) >= CONFIDENTIALITY_LEVELS.indexOf(b) ? a : b;
}

/** Longest text allowed in one stance reason, dissent or follow-up attribute. */
export const MAX_REASON_LENGTH = 4000;
