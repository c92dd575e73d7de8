// Keeps the memo's structure sound while people type: every section, agreed point and
// follow-up has a unique id, and no edit removes an agenda item's section.
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { BLOCK_ID_PATTERN, MEMO_ATTRS, MEMO_NODES, newBlockId } from '../../shared/memo/format';

const ID_PREFIX: Record<string, 'sec' | 'ap' | 'fu'> = {
  [MEMO_NODES.section]: 'sec',
  [MEMO_NODES.agreedPoint]: 'ap',
  [MEMO_NODES.followUp]: 'fu',
};

/** Edits arriving from Yjs are someone else's: their own editor keeps them sound. */
export function isRemote(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return !!meta?.isChangeOrigin;
}

function sectionIds(doc: PMNode): Set<string> {
  const ids = new Set<string>();
  doc.forEach((section) => {
    const id: unknown = section.attrs[MEMO_ATTRS.id];
    if (typeof id === 'string') ids.add(id);
  });
  return ids;
}

/** Positions of id-carrying nodes whose id is missing, malformed or already used above. */
function nodesNeedingIds(doc: PMNode): { pos: number; prefix: 'sec' | 'ap' | 'fu' }[] {
  const seen = new Set<string>();
  const found: { pos: number; prefix: 'sec' | 'ap' | 'fu' }[] = [];
  const check = (node: PMNode, pos: number) => {
    const prefix = ID_PREFIX[node.type.name];
    if (!prefix) return;
    const id: unknown = node.attrs[MEMO_ATTRS.id];
    if (typeof id === 'string' && BLOCK_ID_PATTERN.test(id) && !seen.has(id)) seen.add(id);
    else found.push({ pos, prefix });
  };
  doc.forEach((section, sectionOffset) => {
    check(section, sectionOffset);
    section.forEach((block, blockOffset) => check(block, sectionOffset + 1 + blockOffset));
  });
  return found;
}

export const MemoStructure = Extension.create({
  name: 'memoStructure',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('memoStructure'),
        // Sections come from the agenda; selecting everything and typing must not drop them.
        filterTransaction: (tr, state) => {
          if (!tr.docChanged || isRemote(tr)) return true;
          const after = sectionIds(tr.doc);
          for (const id of sectionIds(state.doc)) if (!after.has(id)) return false;
          return true;
        },
        appendTransaction: (transactions, _oldState, state) => {
          if (!transactions.some((tr) => tr.docChanged && !isRemote(tr))) return null;
          const missing = nodesNeedingIds(state.doc);
          if (missing.length === 0) return null;
          const tr = state.tr;
          for (const { pos, prefix } of missing) {
            tr.setNodeAttribute(pos, MEMO_ATTRS.id, newBlockId(prefix));
          }
          return tr;
        },
      }),
    ];
  },
});
