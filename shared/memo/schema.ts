// The memo fragment's layout as rules: which node sits in which, where text and marks go, and
// every attribute with the check of its value. The server refuses updates that break these
// rules, the editor's TipTap nodes take their content from them (client/memo/nodes.ts), and the
// readers (memoDoc.ts) read only what they allow. docs/memo-format.md describes the same layout.
import { CONFIDENTIALITY_LEVELS } from '../confidentiality';
import { nodeRule, type AttributeCheck, type Layout } from '../layout';
import { TEXT_MARKS } from '../richText';
import { BLOCK_ID_PATTERN, MEMO_ATTRS, MEMO_FRAGMENT, MEMO_NODES } from './format';
import { parseOwnerRef } from './followUpOwner';

/** Longest `owner` of a follow-up: a person's or a party's name, not a text. */
export const MAX_OWNER_LENGTH = 200;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (no 2027-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear: Date.UTC would read the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** A follow-up's `due` as readers use it: a calendar date, or '' for anything else. */
export function readDueDate(value: unknown): string {
  return typeof value === 'string' && isCalendarDate(value) ? value : '';
}

const isBlockId: AttributeCheck = (value) =>
  typeof value === 'string' && BLOCK_ID_PATTERN.test(value);
const isLevel: AttributeCheck = (value) =>
  (CONFIDENTIALITY_LEVELS as readonly unknown[]).includes(value);
const isOwner: AttributeCheck = (value) =>
  typeof value === 'string' && value.length <= MAX_OWNER_LENGTH;
// Strict: exactly one reference, nothing else. Whether it names a member or party of this group is
// decided where the group is known (server/continuity/trackVersion.ts), not in the layout.
const isOwnerRef: AttributeCheck = (value) => parseOwnerRef(value) !== null;
const isDue: AttributeCheck = (value) =>
  typeof value === 'string' && (value === '' || isCalendarDate(value));

const level = { [MEMO_ATTRS.confidentiality]: isLevel };
const SECTION_BLOCKS = [
  MEMO_NODES.paragraph,
  MEMO_NODES.bulletList,
  MEMO_NODES.orderedList,
  MEMO_NODES.agreedPoint,
  MEMO_NODES.followUp,
].join(' | ');

/**
 * The memo fragment (docs/memo-format.md). Paragraphs carry a level wherever they are, because
 * the editor's level attribute belongs to the node type, not to its place.
 */
export const MEMO_LAYOUT: Layout = {
  root: MEMO_FRAGMENT,
  nodes: {
    [MEMO_FRAGMENT]: nodeRule(`${MEMO_NODES.section}+`),
    [MEMO_NODES.section]: nodeRule(`${MEMO_NODES.sectionTitle} (${SECTION_BLOCKS})*`, {
      attrs: {
        [MEMO_ATTRS.id]: isBlockId,
        [MEMO_ATTRS.agendaItemId]: isBlockId,
        ...level,
      },
    }),
    // The agenda item's title: plain text, no marks, nothing nested.
    [MEMO_NODES.sectionTitle]: nodeRule('text*'),
    [MEMO_NODES.paragraph]: nodeRule(`(text | ${MEMO_NODES.hardBreak})*`, {
      marks: TEXT_MARKS,
      attrs: level,
    }),
    [MEMO_NODES.bulletList]: nodeRule(`${MEMO_NODES.listItem}+`, { attrs: level }),
    [MEMO_NODES.orderedList]: nodeRule(`${MEMO_NODES.listItem}+`, { attrs: level }),
    // No nested lists in the memo.
    [MEMO_NODES.listItem]: nodeRule(`${MEMO_NODES.paragraph}+`),
    [MEMO_NODES.agreedPoint]: nodeRule(`${MEMO_NODES.paragraph}+`, {
      attrs: { [MEMO_ATTRS.id]: isBlockId, ...level },
    }),
    [MEMO_NODES.followUp]: nodeRule(`${MEMO_NODES.paragraph}+`, {
      attrs: {
        [MEMO_ATTRS.id]: isBlockId,
        ...level,
        [MEMO_ATTRS.owner]: isOwner,
        [MEMO_ATTRS.ownerRef]: isOwnerRef,
        [MEMO_ATTRS.due]: isDue,
      },
    }),
    [MEMO_NODES.hardBreak]: nodeRule(''),
  },
};
