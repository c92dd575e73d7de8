// The memo's ProseMirror schema as TipTap nodes. Names, content and attributes are the contract
// in shared/memo/format.ts and shared/memo/schema.ts: the collab server rejects anything else, so
// nothing extra is added. Content expressions come from the shared layout; the nodes StarterKit
// brings are checked against it (test/unit/memo/editorSchema.test.ts).
import { Extension, mergeAttributes, Node, type Attribute } from '@tiptap/core';
import { BulletList, ListItem } from '@tiptap/extension-list';
import { ReactNodeViewRenderer, type ReactNodeViewProps } from '@tiptap/react';
import type { ComponentType } from 'react';
import { layoutRule } from '../../shared/layout';
import {
  MEMO_ATTRS,
  MEMO_FRAGMENT,
  MEMO_NODES,
  readConfidentiality,
} from '../../shared/memo/format';
import { MEMO_LAYOUT } from '../../shared/memo/schema';
import { AttributelessOrderedList } from './collabText';

export interface MemoNodeViews {
  section: ComponentType<ReactNodeViewProps>;
  agreedPoint: ComponentType<ReactNodeViewProps>;
  followUp: ComponentType<ReactNodeViewProps>;
}

/** A block's level; paragraphs keep it when split, so new text is never more open. */
export const confidentialityAttribute: Attribute = {
  default: 'groups',
  keepOnSplit: true,
  parseHTML: (element) => readConfidentiality(element.getAttribute('data-confidentiality')),
  renderHTML: (attributes) => ({ 'data-confidentiality': String(attributes.confidentiality) }),
};

// Ids stay with their block but never with a copy made by splitting it.
const idAttribute: Attribute = {
  default: null,
  keepOnSplit: false,
  parseHTML: (element) => element.getAttribute('data-id'),
  renderHTML: (attributes) => (attributes.id ? { 'data-id': String(attributes.id) } : {}),
};

// A missing text attribute means its default, so an empty one is stored as absent (null).
function textAttribute(name: string, dataName: string): Attribute {
  return {
    default: null,
    keepOnSplit: false,
    parseHTML: (element) => element.getAttribute(`data-${dataName}`) || null,
    renderHTML: (attributes) =>
      attributes[name] ? { [`data-${dataName}`]: String(attributes[name]) } : {},
  };
}

/** The node's content expression in the shared layout. */
const contentOf = (name: string) => layoutRule(MEMO_LAYOUT, name).content;

const MemoDocument = Node.create({
  name: 'doc',
  topNode: true,
  content: contentOf(MEMO_FRAGMENT),
});

function memoSection(view: MemoNodeViews['section']) {
  return Node.create({
    name: MEMO_NODES.section,
    content: contentOf(MEMO_NODES.section),
    defining: true,
    // Typing never merges two agenda items' sections.
    isolating: true,
    addAttributes: () => ({
      [MEMO_ATTRS.id]: idAttribute,
      [MEMO_ATTRS.agendaItemId]: textAttribute(MEMO_ATTRS.agendaItemId, 'agenda-item-id'),
      [MEMO_ATTRS.confidentiality]: confidentialityAttribute,
    }),
    parseHTML: () => [{ tag: 'section[data-memo-section]' }],
    renderHTML: ({ HTMLAttributes }) => [
      'section',
      mergeAttributes(HTMLAttributes, { 'data-memo-section': '' }),
      0,
    ],
    addNodeView: () => ReactNodeViewRenderer(view, { as: 'div', className: 'memo-section-view' }),
  });
}

const SectionTitle = Node.create({
  name: MEMO_NODES.sectionTitle,
  content: contentOf(MEMO_NODES.sectionTitle),
  marks: layoutRule(MEMO_LAYOUT, MEMO_NODES.sectionTitle).marks.join(' '),
  defining: true,
  parseHTML: () => [{ tag: 'h2[data-section-title]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'h2',
    mergeAttributes(HTMLAttributes, { 'data-section-title': '', class: 'memo-section-title' }),
    0,
  ],
});

function typedBlock(
  name: typeof MEMO_NODES.agreedPoint | typeof MEMO_NODES.followUp,
  view: ComponentType<ReactNodeViewProps>,
  extraAttributes: Record<string, Attribute> = {},
) {
  return Node.create({
    name,
    content: contentOf(name),
    defining: true,
    isolating: true,
    addAttributes: () => ({
      [MEMO_ATTRS.id]: idAttribute,
      [MEMO_ATTRS.confidentiality]: confidentialityAttribute,
      ...extraAttributes,
    }),
    parseHTML: () => [{ tag: `div[data-memo-block="${name}"]` }],
    renderHTML: ({ HTMLAttributes }) => [
      'div',
      mergeAttributes(HTMLAttributes, { 'data-memo-block': name }),
      0,
    ],
    addNodeView: () => ReactNodeViewRenderer(view, { as: 'div', className: `memo-${name}-view` }),
  });
}

// Plain notes and lists directly in a section carry their own level too.
const BlockConfidentiality = Extension.create({
  name: 'blockConfidentiality',
  addGlobalAttributes: () => [
    {
      types: [MEMO_NODES.paragraph, MEMO_NODES.bulletList, MEMO_NODES.orderedList],
      attributes: { [MEMO_ATTRS.confidentiality]: confidentialityAttribute },
    },
  ],
});

/** The memo's nodes; StarterKit supplies paragraph, text, hard break and the marks. */
export function memoNodes(views: MemoNodeViews) {
  return [
    MemoDocument,
    BlockConfidentiality,
    memoSection(views.section),
    SectionTitle,
    typedBlock(MEMO_NODES.agreedPoint, views.agreedPoint),
    typedBlock(MEMO_NODES.followUp, views.followUp, {
      [MEMO_ATTRS.owner]: textAttribute(MEMO_ATTRS.owner, 'owner'),
      [MEMO_ATTRS.ownerRef]: textAttribute(MEMO_ATTRS.ownerRef, 'owner-ref'),
      [MEMO_ATTRS.due]: textAttribute(MEMO_ATTRS.due, 'due'),
    }),
    // List items hold paragraphs only: the memo has no nested lists.
    ListItem.extend({ content: contentOf(MEMO_NODES.listItem) }),
    BulletList,
    AttributelessOrderedList,
  ];
}
