// Each agenda item's title starts with its number, as in the approved memo, where the number is
// the item's place. A widget decoration, not CSS generated content: screen readers then read the
// heading as "2. Kaavoitus" too, and the number never enters the shared document.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import { MEMO_NODES } from '../../shared/memo/format';

const itemNumbersKey = new PluginKey<DecorationSet>('memoItemNumbers');

function numberWidget(number: number): HTMLElement {
  const span = document.createElement('span');
  span.className = 'memo-item-number';
  span.contentEditable = 'false';
  span.textContent = `${number}. `;
  return span;
}

function decorate(doc: PMNode): DecorationSet {
  const widgets: Decoration[] = [];
  let number = 0;
  doc.forEach((section, offset) => {
    if (section.type.name !== MEMO_NODES.section) return;
    number += 1;
    const title = section.firstChild;
    if (title?.type.name !== MEMO_NODES.sectionTitle) return;
    // Inside the title, before its text: the section's and the title's opening tokens.
    widgets.push(
      Decoration.widget(offset + 2, numberWidget(number), {
        side: -1,
        key: `item-${number}`,
        ignoreSelection: true,
      }),
    );
  });
  return DecorationSet.create(doc, widgets);
}

export const MemoItemNumbers = Extension.create({
  name: 'memoItemNumbers',
  addProseMirrorPlugins: () => [
    new Plugin<DecorationSet>({
      key: itemNumbersKey,
      state: {
        init: (_, state) => decorate(state.doc),
        apply: (tr, set) => (tr.docChanged ? decorate(tr.doc) : set),
      },
      props: { decorations: (state) => itemNumbersKey.getState(state) },
    }),
  ],
});
