// Reading and seeding the memo fragment with plain Yjs, so the server and tools need no editor.
import { formatOwnerRef, parseOwnerRef } from './followUpOwner';
import * as Y from 'yjs';
import type { Confidentiality } from '../confidentiality';
import {
  MEMO_ATTRS,
  MEMO_FRAGMENT,
  MEMO_NODES,
  mostClosed,
  newBlockId,
  readConfidentiality,
  SECTION_BLOCK_NODES,
} from './format';
import { readDueDate } from './schema';

export interface AgendaSectionSeed {
  agendaItemId: string;
  title: string;
  confidentiality: Confidentiality;
  /** The agenda item's description: the text the section starts with. */
  description?: string;
}

/**
 * At most this many paragraphs come from one description; further lines join the last one. A
 * description is at most 5,000 characters, so without this a 100-item agenda of one-character
 * lines would seed 250,000 paragraphs, beyond the memo's limits (shared/memo/limits.ts); with it,
 * a whole agenda seeds at most a few thousand nodes.
 */
export const MAX_SEEDED_PARAGRAPHS = 20;

/** A description as the paragraphs a section starts with: one per non-blank line. */
export function descriptionParagraphs(description: string): string[] {
  const lines = description
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length <= MAX_SEEDED_PARAGRAPHS) return lines;
  const kept = lines.slice(0, MAX_SEEDED_PARAGRAPHS - 1);
  return [...kept, lines.slice(MAX_SEEDED_PARAGRAPHS - 1).join(' ')];
}

function seededParagraph(text: string, confidentiality: Confidentiality): Y.XmlElement {
  const paragraph = new Y.XmlElement(MEMO_NODES.paragraph);
  paragraph.setAttribute(MEMO_ATTRS.confidentiality, confidentiality);
  if (text) paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

/** The memo's root fragment in a memo room's document. */
export function memoFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(MEMO_FRAGMENT);
}

/** Agenda item ids that already have a section. */
export function sectionAgendaIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const node of memoFragment(doc).toArray()) {
    if (node instanceof Y.XmlElement && node.nodeName === MEMO_NODES.section) {
      const agendaItemId = node.getAttribute(MEMO_ATTRS.agendaItemId);
      if (typeof agendaItemId === 'string') ids.add(agendaItemId);
    }
  }
  return ids;
}

/**
 * Append one section per agenda item that has none yet; returns how many were added. A section
 * starts with its item's description at the item's own level (it is the agenda's text, no more
 * open than the agenda), then an empty notes paragraph at the default level for what is said:
 * notes typed there are never more open than notes always were, whatever the item's level.
 */
export function appendAgendaSections(doc: Y.Doc, agenda: readonly AgendaSectionSeed[]): number {
  const present = sectionAgendaIds(doc);
  const missing = agenda.filter((item) => !present.has(item.agendaItemId));
  if (missing.length === 0) return 0;
  doc.transact(() => {
    const fragment = memoFragment(doc);
    fragment.insert(
      fragment.length,
      missing.map((item) => {
        const section = new Y.XmlElement(MEMO_NODES.section);
        section.setAttribute(MEMO_ATTRS.id, newBlockId('sec'));
        section.setAttribute(MEMO_ATTRS.agendaItemId, item.agendaItemId);
        section.setAttribute(MEMO_ATTRS.confidentiality, item.confidentiality);
        const title = new Y.XmlElement(MEMO_NODES.sectionTitle);
        title.insert(0, [new Y.XmlText(item.title)]);
        const description = descriptionParagraphs(item.description ?? '').map((text) =>
          seededParagraph(text, item.confidentiality),
        );
        section.insert(0, [title, ...description, seededParagraph('', 'groups')]);
        return section;
      }),
    );
  });
  return missing.length;
}

/**
 * The plain text of the memo, or of one of its nodes, as the layout defines it
 * (shared/memo/schema.ts): a title's text, a paragraph's text with hard breaks as newlines, a
 * block's paragraphs and list items, a section's title and blocks, separated by newlines.
 * Whatever the layout does not allow inside a node is not read, so a node smuggled into another
 * one is never part of its text (it could carry words past the node's level), and no document,
 * however deep, makes this recurse.
 */
export function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlFragment): string {
  if (node instanceof Y.XmlText) return deltaText(node);
  if (!(node instanceof Y.XmlElement)) {
    return childElements(node, MEMO_NODES.section)
      .map((section) => plainText(section))
      .join('\n')
      .trim();
  }
  switch (node.nodeName) {
    case MEMO_NODES.section:
      return node
        .toArray()
        .filter(
          (child): child is Y.XmlElement =>
            child instanceof Y.XmlElement &&
            (child.nodeName === MEMO_NODES.sectionTitle ||
              SECTION_BLOCK_NODES.includes(child.nodeName)),
        )
        .map((child) => plainText(child))
        .join('\n')
        .trim();
    case MEMO_NODES.sectionTitle:
      return textOf(node).trim();
    case MEMO_NODES.paragraph:
      return paragraphText(node);
    case MEMO_NODES.bulletList:
    case MEMO_NODES.orderedList:
      return listItems(node)
        .map((item) => linesText(item))
        .join('\n')
        .trim();
    case MEMO_NODES.listItem:
    case MEMO_NODES.agreedPoint:
    case MEMO_NODES.followUp:
      return linesText(node);
    default:
      return '';
  }
}

/** The strings of the Y.XmlText children (a title's text has no hard breaks). */
function textOf(node: Y.XmlElement): string {
  let text = '';
  for (const child of node.toArray()) if (child instanceof Y.XmlText) text += deltaText(child);
  return text;
}

function deltaText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('');
}

/** A paragraph's text: its text and hard breaks, nothing nested. */
function paragraphText(paragraph: Y.XmlElement): string {
  const parts: string[] = [];
  for (const child of paragraph.toArray()) {
    if (child instanceof Y.XmlText) parts.push(deltaText(child));
    else if (child instanceof Y.XmlElement && child.nodeName === MEMO_NODES.hardBreak)
      parts.push('\n');
  }
  return parts.join('').trim();
}

function childElements(node: Y.XmlElement | Y.XmlFragment, name: string): Y.XmlElement[] {
  return node
    .toArray()
    .filter(
      (child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === name,
    );
}

/** A list item's, agreed point's or follow-up's paragraphs. */
function paragraphsOf(node: Y.XmlElement): string[] {
  return childElements(node, MEMO_NODES.paragraph).map(paragraphText);
}

function linesText(node: Y.XmlElement): string {
  return paragraphsOf(node).join('\n').trim();
}

function listItems(list: Y.XmlElement): Y.XmlElement[] {
  return childElements(list, MEMO_NODES.listItem);
}

/** Prefix of the `index`-th (0-based) item of a bullet or ordered list in `blockParagraphs`. */
export function listItemPrefix(ordered: boolean, index: number): string {
  return ordered ? `${index + 1}. ` : '• ';
}

/**
 * A block's text as paragraphs: one string per paragraph and one per list item (prefixed by
 * `listItemPrefix`; a list item's own paragraphs are joined by newlines). Blank paragraphs and
 * items are left out (and not counted), so a block of empty paragraphs has none.
 */
export function blockParagraphs(node: Y.XmlElement): string[] {
  if (node.nodeName === MEMO_NODES.paragraph) {
    const text = paragraphText(node);
    return text ? [text] : [];
  }
  if (node.nodeName === MEMO_NODES.bulletList || node.nodeName === MEMO_NODES.orderedList) {
    const ordered = node.nodeName === MEMO_NODES.orderedList;
    return listItems(node)
      .map((item) => nonEmpty(paragraphsOf(item)).join('\n'))
      .filter((text) => text.length > 0)
      .map((text, index) => listItemPrefix(ordered, index) + text);
  }
  return nonEmpty(paragraphsOf(node));
}

function nonEmpty(texts: string[]): string[] {
  return texts.filter((text) => text.length > 0);
}

/** What a block directly in a section is: an agreed point, a follow-up, or plain notes. */
export function blockKind(nodeName: string): MemoBlock['kind'] {
  if (nodeName === MEMO_NODES.agreedPoint) return 'agreedPoint';
  if (nodeName === MEMO_NODES.followUp) return 'followUp';
  return 'notes';
}

export interface MemoBlock {
  kind: 'notes' | 'agreedPoint' | 'followUp';
  /** Agreed points and follow-ups have ids; plain notes do not. */
  id: string | null;
  text: string;
  /** The text as paragraphs and prefixed list items (`blockParagraphs`). */
  paragraphs: string[];
  /** The block's own level combined with its section's: never more open than the section. */
  confidentiality: Confidentiality;
  owner: string;
  /** A follow-up's owner reference (`member:<id>` / `party:<id>`), when it has a valid one. */
  ownerRef?: string;
  due: string;
}

export interface MemoSection {
  id: string;
  agendaItemId: string | null;
  title: string;
  confidentiality: Confidentiality;
  blocks: MemoBlock[];
}

/** The memo as plain data: sections with their typed blocks, in document order. */
export function readMemo(doc: Y.Doc): MemoSection[] {
  const sections: MemoSection[] = [];
  for (const node of memoFragment(doc).toArray()) {
    if (!(node instanceof Y.XmlElement) || node.nodeName !== MEMO_NODES.section) continue;
    const confidentiality = readConfidentiality(node.getAttribute(MEMO_ATTRS.confidentiality));
    const section: MemoSection = {
      id: stringAttr(node, MEMO_ATTRS.id),
      agendaItemId: stringAttr(node, MEMO_ATTRS.agendaItemId) || null,
      title: '',
      confidentiality,
      blocks: [],
    };
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === MEMO_NODES.sectionTitle) {
        section.title = plainText(child);
        continue;
      }
      // Only what the layout allows in a section is part of the memo.
      if (!SECTION_BLOCK_NODES.includes(child.nodeName)) continue;
      const kind = blockKind(child.nodeName);
      section.blocks.push({
        kind,
        id: kind === 'notes' ? null : stringAttr(child, MEMO_ATTRS.id),
        text: plainText(child),
        paragraphs: blockParagraphs(child),
        confidentiality: mostClosed(
          confidentiality,
          readConfidentiality(child.getAttribute(MEMO_ATTRS.confidentiality)),
        ),
        owner: kind === 'followUp' ? stringAttr(child, MEMO_ATTRS.owner) : '',
        ...(kind === 'followUp' ? ownerRefOf(child) : {}),
        // A date stored before dates were checked may be anything: readers get a date or ''.
        due: kind === 'followUp' ? readDueDate(child.getAttribute(MEMO_ATTRS.due)) : '',
      });
    }
    sections.push(section);
  }
  return sections;
}

/** `{ ownerRef }` when the node holds a valid reference, else nothing (old memos, bad data). */
function ownerRefOf(node: Y.XmlElement): { ownerRef?: string } {
  const ref = parseOwnerRef(node.getAttribute(MEMO_ATTRS.ownerRef));
  return ref ? { ownerRef: formatOwnerRef(ref) } : {};
}

function stringAttr(node: Y.XmlElement, name: string): string {
  const value: unknown = node.getAttribute(name);
  return typeof value === 'string' ? value : '';
}
