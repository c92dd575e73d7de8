// Notices when an edit changes the confidentiality level of something that already existed, so
// the history can say who opened (or closed) what. A block inserted with a level is no change.
import * as Y from 'yjs';
import type { Confidentiality, ConfidentialityChange } from '../../shared/confidentiality';
import {
  MEMO_ATTRS,
  MEMO_NODES,
  SECTION_BLOCK_NODES,
  readConfidentiality,
} from '../../shared/memo/format';
import { blockKind, memoFragment, plainText } from '../../shared/memo/memoDoc';
import { DISSENTS_MAP, dissentEntrySchema } from '../../shared/memo/partyDoc';

export interface DetectedChange {
  targetId: string;
  targetKind: ConfidentialityChange['targetKind'];
  excerpt: string;
  from: Confidentiality;
  to: Confidentiality;
}

const EXCERPT_LENGTH = 120;

function excerptOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT_LENGTH);
}

function stringAttr(node: Y.XmlElement, name: string): string {
  const value: unknown = node.getAttribute(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Call `onChange(origin, change)` for every level change an applied transaction makes to the
 * memo's sections and blocks. Yjs only raises events for types that existed before the
 * transaction, which is what excludes new blocks.
 */
export function watchMemoConfidentiality(
  doc: Y.Doc,
  onChange: (origin: unknown, change: DetectedChange) => void,
): void {
  memoFragment(doc).observeDeep((events, transaction) => {
    for (const event of events) {
      const change = memoChange(event as Y.YEvent<Y.AbstractType<unknown>>);
      if (change) onChange(transaction.origin, change);
    }
  });
}

/** The same for the dissents of a party room (stored as plain entries of one root map). */
export function watchDissentConfidentiality(
  doc: Y.Doc,
  onChange: (origin: unknown, change: DetectedChange) => void,
): void {
  doc.getMap<unknown>(DISSENTS_MAP).observe((event, transaction) => {
    for (const change of dissentChanges(event)) onChange(transaction.origin, change);
  });
}

/** Narrowed by hand: `instanceof` alone yields an element typed with `any` attributes. */
function asElement(value: unknown): Y.XmlElement | null {
  return value instanceof Y.XmlElement ? (value as Y.XmlElement) : null;
}

function memoChange(event: Y.YEvent<Y.AbstractType<unknown>>): DetectedChange | null {
  const node = asElement(event.target);
  if (!node) return null;
  const key = event.changes.keys.get(MEMO_ATTRS.confidentiality);
  if (!key) return null;
  const from = readConfidentiality(key.oldValue);
  const to = readConfidentiality(node.getAttribute(MEMO_ATTRS.confidentiality));
  if (from === to) return null;
  if (node.nodeName === MEMO_NODES.section) {
    const title = node
      .toArray()
      .find(
        (child): child is Y.XmlElement =>
          child instanceof Y.XmlElement && child.nodeName === MEMO_NODES.sectionTitle,
      );
    return {
      targetId: stringAttr(node, MEMO_ATTRS.id),
      targetKind: 'section',
      excerpt: excerptOf(title ? plainText(title) : ''),
      from,
      to,
    };
  }
  const section = asElement(node.parent);
  if (
    !section ||
    section.nodeName !== MEMO_NODES.section ||
    !SECTION_BLOCK_NODES.includes(node.nodeName)
  )
    return null;
  const targetKind = blockKind(node.nodeName);
  return {
    targetId:
      (targetKind !== 'notes' && stringAttr(node, MEMO_ATTRS.id)) ||
      stringAttr(section, MEMO_ATTRS.id),
    targetKind,
    excerpt: excerptOf(plainText(node)),
    from,
    to,
  };
}

function dissentChanges(event: Y.YMapEvent<unknown>): DetectedChange[] {
  const changes: DetectedChange[] = [];
  event.changes.keys.forEach((key, dissentId) => {
    if (key.action !== 'update') return;
    const before = dissentEntrySchema.safeParse(key.oldValue);
    const after = dissentEntrySchema.safeParse(event.target.get(dissentId));
    if (!before.success || !after.success) return;
    if (before.data.confidentiality === after.data.confidentiality) return;
    changes.push({
      targetId: dissentId,
      targetKind: 'dissent',
      excerpt: excerptOf(after.data.reason),
      from: before.data.confidentiality,
      to: after.data.confidentiality,
    });
  });
  return changes;
}
