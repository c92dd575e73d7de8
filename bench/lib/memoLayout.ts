// The memo layout every workload types into, on every server: sections from the agenda (ours
// seeds them on the server; for the peers the first client writes the same thing), and text in
// paragraphs, exactly as the editor would write them (docs/memo-format.md).
import * as Y from 'yjs';
import { MEMO_ATTRS, MEMO_NODES } from '../../shared/memo/format';
import {
  appendAgendaSections,
  memoFragment,
  type AgendaSectionSeed,
} from '../../shared/memo/memoDoc';

/** The agenda of a meeting the orchestrator creates on our server, and the peers' equivalent. */
export const BENCH_AGENDA_TITLES = ['Talousarvio 2027', 'Kouluverkko'];

export const PEER_AGENDA: AgendaSectionSeed[] = BENCH_AGENDA_TITLES.map((title, index) => ({
  agendaItemId: `item-${index + 1}`,
  title,
  confidentiality: 'groups',
}));

const LETTERS = 'abcdefghijklmnopqrstuvwxyzäö ';

export function letter(index: number): string {
  return LETTERS[index % LETTERS.length] ?? 'x';
}

/** Write the agenda sections into an empty memo (the peers' stand-in for our server's seed). */
export function ensureLayout(doc: Y.Doc, agenda: readonly AgendaSectionSeed[] = PEER_AGENDA) {
  if (memoFragment(doc).length === 0) appendAgendaSections(doc, agenda);
}

export function section(doc: Y.Doc, index: number): Y.XmlElement {
  const node = memoFragment(doc).get(index);
  if (!(node instanceof Y.XmlElement) || node.nodeName !== MEMO_NODES.section)
    throw new Error(`memo has no section ${index}`);
  return node;
}

export function sectionCount(doc: Y.Doc): number {
  return memoFragment(doc).length;
}

/** Append a paragraph holding an empty text to a section; returns the text to type into. */
export function addParagraph(doc: Y.Doc, sectionIndex = 0, initial = ''): Y.XmlText {
  const target = section(doc, sectionIndex);
  const paragraph = new Y.XmlElement(MEMO_NODES.paragraph);
  paragraph.setAttribute(MEMO_ATTRS.confidentiality, 'groups');
  const text = new Y.XmlText();
  if (initial) text.insert(0, initial);
  paragraph.insert(0, [text]);
  doc.transact(() => target.insert(target.length, [paragraph]));
  return paragraph.get(0) as Y.XmlText;
}

/**
 * A memo typed one character at a time: the agenda sections, a paragraph, then `count` updates
 * of one character each. Returns every update in order (the first two are the layout).
 */
export function typedMemoUpdates(
  agenda: readonly AgendaSectionSeed[],
  count: number,
): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  memoFragment(doc);
  appendAgendaSections(doc, agenda);
  const text = addParagraph(doc);
  for (let i = 0; i < count; i++) text.insert(i, letter(i));
  doc.destroy();
  return updates;
}

/** The same memo as one update (what a snapshot holds). */
export function mergedState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  });
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
