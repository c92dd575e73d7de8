// Shows every section-level note or list with its confidentiality: a coloured edge for each
// level and a label for the levels other than the default. Agreed points, follow-ups and
// sections draw their own controls in their node views.
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Confidentiality } from '../../shared/confidentiality';
import { MEMO_ATTRS, MEMO_NODES, mostClosed, readConfidentiality } from '../../shared/memo/format';

export interface ConfidentialityMarksOptions {
  /** The visible label of a level, in the interface language. */
  label: (level: Confidentiality) => string;
}

export const confidentialityMarksKey = new PluginKey<DecorationSet>('confidentialityMarks');

const DECORATED: readonly string[] = [
  MEMO_NODES.paragraph,
  MEMO_NODES.bulletList,
  MEMO_NODES.orderedList,
];

function decorate(doc: PMNode, label: ConfidentialityMarksOptions['label']): DecorationSet {
  const decorations: Decoration[] = [];
  doc.forEach((section, sectionOffset) => {
    const sectionLevel = readConfidentiality(section.attrs[MEMO_ATTRS.confidentiality]);
    section.forEach((block, blockOffset) => {
      if (!DECORATED.includes(block.type.name)) return;
      const level = mostClosed(
        sectionLevel,
        readConfidentiality(block.attrs[MEMO_ATTRS.confidentiality]),
      );
      const from = sectionOffset + 1 + blockOffset;
      decorations.push(
        Decoration.node(from, from + block.nodeSize, {
          class: `memo-block memo-level-${level}`,
          title: label(level),
          ...(level === 'groups' ? {} : { 'data-level-label': label(level) }),
        }),
      );
    });
  });
  return DecorationSet.create(doc, decorations);
}

export const ConfidentialityMarks = Extension.create<ConfidentialityMarksOptions>({
  name: 'confidentialityMarks',

  addOptions: () => ({ label: (level) => level }),

  addProseMirrorPlugins() {
    const { label } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: confidentialityMarksKey,
        state: {
          init: (_config, state) => decorate(state.doc, label),
          // The `refresh` meta redraws the labels after a change of language.
          apply: (tr, current) =>
            tr.docChanged || tr.getMeta(confidentialityMarksKey)
              ? decorate(tr.doc, label)
              : current,
        },
        props: {
          decorations: (state) => confidentialityMarksKey.getState(state),
        },
      }),
    ];
  },
});
