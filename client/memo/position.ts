// Where the selection is in the memo's structure: which section, which section-level block.
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection, type EditorState } from '@tiptap/pm/state';
import type { Confidentiality } from '../../shared/confidentiality';
import { MEMO_NODES, readConfidentiality, SECTION_BLOCK_NODES } from '../../shared/memo/format';

export interface BlockTarget {
  /** The node whose confidentiality the toolbar shows and changes: a block, or the section. */
  node: PMNode;
  pos: number;
  kind: 'section' | 'block';
  confidentiality: Confidentiality;
}

export interface SelectionPlace {
  section: PMNode;
  sectionPos: number;
  /** The section-level block holding the selection, null in the section title. */
  block: { node: PMNode; pos: number } | null;
  /** Where a new block goes: right after the current one (or after the title). */
  insertPos: number;
}

/** The section and section-level block around the selection, or null outside any section. */
export function selectionPlace(state: EditorState): SelectionPlace | null {
  const { selection } = state;
  const $pos = selection.$from;
  // A selected block sits between positions of its section, one level higher than its text.
  if (selection instanceof NodeSelection && $pos.depth === 1) {
    const node = selection.node;
    if (SECTION_BLOCK_NODES.includes(node.type.name)) {
      return {
        section: $pos.node(1),
        sectionPos: $pos.before(1),
        block: { node, pos: selection.from },
        insertPos: selection.to,
      };
    }
  }
  if ($pos.depth < 1) return null;
  const section = $pos.node(1);
  if (section.type.name !== MEMO_NODES.section) return null;
  const sectionPos = $pos.before(1);
  if ($pos.depth < 2) {
    return { section, sectionPos, block: null, insertPos: sectionPos + section.nodeSize - 1 };
  }
  const child = $pos.node(2);
  const childPos = $pos.before(2);
  const insertPos = childPos + child.nodeSize;
  if (child.type.name === MEMO_NODES.sectionTitle) {
    return { section, sectionPos, block: null, insertPos };
  }
  return { section, sectionPos, block: { node: child, pos: childPos }, insertPos };
}

/** What the confidentiality control acts on: the current block, or the section in its title. */
export function confidentialityTarget(state: EditorState): BlockTarget | null {
  const place = selectionPlace(state);
  if (!place) return null;
  const { node, pos } = place.block ?? { node: place.section, pos: place.sectionPos };
  return {
    node,
    pos,
    kind: place.block ? 'block' : 'section',
    confidentiality: readConfidentiality(node.attrs.confidentiality),
  };
}

/** The id of the section holding the selection. */
export function currentSectionId(state: EditorState): string | null {
  const id: unknown = selectionPlace(state)?.section.attrs.id;
  return typeof id === 'string' ? id : null;
}
