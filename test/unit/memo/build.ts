// Builds memo documents node by node, in the layout the editor writes (docs/memo-format.md).
import * as Y from 'yjs';
import type { Confidentiality } from '../../../shared/confidentiality';
import { MEMO_NODES, type MEMO_ATTRS } from '../../../shared/memo/format';
import { memoFragment } from '../../../shared/memo/memoDoc';

type Child = Y.XmlElement | Y.XmlText;
type Attrs = Partial<Record<(typeof MEMO_ATTRS)[keyof typeof MEMO_ATTRS], string>>;

function element(name: string, attrs: Attrs, children: readonly Child[]): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) node.setAttribute(key, value);
  }
  node.insert(0, [...children]);
  return node;
}

/** A paragraph of plain text, or of formatted runs. */
export function paragraph(
  text: string | { text: string; marks?: Record<string, true> }[],
  confidentiality?: Confidentiality,
): Y.XmlElement {
  const content = new Y.XmlText();
  // Not content.length: a type outside a document does not know its length yet.
  let offset = 0;
  for (const run of typeof text === 'string' ? [{ text }] : text) {
    content.insert(offset, run.text, 'marks' in run ? run.marks : undefined);
    offset += run.text.length;
  }
  return element(MEMO_NODES.paragraph, { confidentiality }, [content]);
}

export function listItem(...children: Y.XmlElement[]): Y.XmlElement {
  return element(MEMO_NODES.listItem, {}, children);
}

export function bulletList(items: Y.XmlElement[], confidentiality?: Confidentiality) {
  return element(MEMO_NODES.bulletList, { confidentiality }, items);
}

export function orderedList(items: Y.XmlElement[], confidentiality?: Confidentiality) {
  return element(MEMO_NODES.orderedList, { confidentiality }, items);
}

export function agreedPoint(id: string, text: string, confidentiality?: Confidentiality) {
  return element(MEMO_NODES.agreedPoint, { id, confidentiality }, [paragraph(text)]);
}

export function followUp(
  id: string,
  text: string,
  attrs: {
    owner?: string;
    ownerRef?: string;
    due?: string;
    confidentiality?: Confidentiality;
  } = {},
) {
  return element(MEMO_NODES.followUp, { id, ...attrs }, [paragraph(text)]);
}

export function section(
  attrs: { id: string; title: string; agendaItemId?: string; confidentiality?: Confidentiality },
  ...blocks: Y.XmlElement[]
): Y.XmlElement {
  const title = element(MEMO_NODES.sectionTitle, {}, [new Y.XmlText(attrs.title)]);
  return element(
    MEMO_NODES.section,
    { id: attrs.id, agendaItemId: attrs.agendaItemId, confidentiality: attrs.confidentiality },
    [title, ...blocks],
  );
}

/** A memo room document holding the given top-level nodes. */
export function memoDoc(...nodes: Child[]): Y.Doc {
  const doc = new Y.Doc();
  memoFragment(doc).insert(0, nodes);
  return doc;
}

/** A party room document, written by `write`. */
export function partyDoc(write: (doc: Y.Doc) => void): Y.Doc {
  const doc = new Y.Doc();
  write(doc);
  return doc;
}
