// Inserting the memo's typed blocks and setting confidentiality, with their keyboard shortcuts.
import { Extension, type CommandProps } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../shared/confidentiality';
import { MEMO_ATTRS, MEMO_NODES, newBlockId } from '../../shared/memo/format';
import { confidentialityTarget, currentSectionId, selectionPlace } from './position';

/** Shortcuts in ProseMirror's notation; the toolbar shows the same keys. */
export const MEMO_SHORTCUTS = {
  agreedPoint: 'Mod-Alt-1',
  dissent: 'Mod-Alt-2',
  followUp: 'Mod-Alt-3',
  confidentiality: 'Mod-Alt-0',
} as const;

export interface MemoCommandsOptions {
  /** Start a dissent of the user's party in a section; false when the user may not. */
  addDissent: (sectionId: string) => boolean;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    memo: {
      /** Insert an agreed point after the current block and put the caret in it. */
      insertAgreedPoint: () => ReturnType;
      /** Insert a follow-up after the current block and put the caret in it. */
      insertFollowUp: () => ReturnType;
      /** Set the level of the current block, or of the section when in its title. */
      setConfidentiality: (level: Confidentiality) => ReturnType;
      /** Step the current block's level: public → groups → confidential → public. */
      cycleConfidentiality: () => ReturnType;
    };
  }
}

function nextLevel(level: Confidentiality): Confidentiality {
  const index = CONFIDENTIALITY_LEVELS.indexOf(level);
  return CONFIDENTIALITY_LEVELS[(index + 1) % CONFIDENTIALITY_LEVELS.length] ?? 'groups';
}

function insertTypedBlock(
  name: typeof MEMO_NODES.agreedPoint | typeof MEMO_NODES.followUp,
  prefix: 'ap' | 'fu',
) {
  return ({ state, tr, dispatch }: CommandProps): boolean => {
    const place = selectionPlace(state);
    const type = state.schema.nodes[name];
    const paragraph = state.schema.nodes[MEMO_NODES.paragraph];
    if (!place || !type || !paragraph) return false;
    if (dispatch) {
      const node = type.create({ [MEMO_ATTRS.id]: newBlockId(prefix) }, paragraph.create());
      tr.insert(place.insertPos, node);
      // Inside the new block's first paragraph: block start + 1, paragraph start + 1.
      tr.setSelection(TextSelection.create(tr.doc, place.insertPos + 2)).scrollIntoView();
    }
    return true;
  };
}

export const MemoCommands = Extension.create<MemoCommandsOptions>({
  name: 'memoCommands',
  // Before Paragraph's own Mod-Alt-0 ("turn into a paragraph", priority 1000), which the memo
  // does not need: it rebuilt the paragraph with default attributes, so the shortcut reset a
  // confidential paragraph's level instead of stepping it.
  priority: 1100,

  addOptions: () => ({ addDissent: () => false }),

  addCommands() {
    return {
      insertAgreedPoint: () => insertTypedBlock(MEMO_NODES.agreedPoint, 'ap'),
      insertFollowUp: () => insertTypedBlock(MEMO_NODES.followUp, 'fu'),
      setConfidentiality:
        (level) =>
        ({ state, tr, dispatch }) => {
          const target = confidentialityTarget(state);
          if (!target) return false;
          if (dispatch) tr.setNodeAttribute(target.pos, MEMO_ATTRS.confidentiality, level);
          return true;
        },
      cycleConfidentiality:
        () =>
        ({ state, commands }) => {
          const target = confidentialityTarget(state);
          return !!target && commands.setConfidentiality(nextLevel(target.confidentiality));
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      [MEMO_SHORTCUTS.agreedPoint]: () => this.editor.commands.insertAgreedPoint(),
      [MEMO_SHORTCUTS.followUp]: () => this.editor.commands.insertFollowUp(),
      // Taken even where there is nothing to step, so Paragraph's binding never runs.
      [MEMO_SHORTCUTS.confidentiality]: () => {
        this.editor.commands.cycleConfidentiality();
        return true;
      },
      [MEMO_SHORTCUTS.dissent]: () => {
        const sectionId = currentSectionId(this.editor.state);
        return !!sectionId && this.options.addDissent(sectionId);
      },
      // Enter on an empty last line of an agreed point or follow-up leaves the block.
      Enter: () =>
        this.editor.commands.command(({ state, tr, dispatch }) => {
          const { $from, empty } = state.selection;
          if (!empty || $from.depth < 3 || $from.parent.content.size > 0) return false;
          const block = $from.node(-1);
          if (
            block.type.name !== MEMO_NODES.agreedPoint &&
            block.type.name !== MEMO_NODES.followUp
          ) {
            return false;
          }
          if (block.childCount < 2 || $from.index(-1) !== block.childCount - 1) return false;
          if (dispatch) {
            const paragraphStart = $from.before();
            const blockEnd = $from.after(-1);
            const paragraph = state.schema.nodes[MEMO_NODES.paragraph];
            if (!paragraph) return false;
            tr.delete(paragraphStart, $from.after());
            const insertAt = tr.mapping.map(blockEnd);
            tr.insert(insertAt, paragraph.create());
            tr.setSelection(TextSelection.create(tr.doc, insertAt + 1)).scrollIntoView();
          }
          return true;
        }),
    };
  },
});
