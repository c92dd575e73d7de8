// Every TipTap extension of the memo editor, bound to one meeting's memo room.
import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { Confidentiality } from '../../shared/confidentiality';
import { MEMO_FRAGMENT } from '../../shared/memo/format';
import { renderCaret, renderSelection } from './caret';
import { MemoCommands } from './commands';
import { ConfidentialityMarks } from './confidentialityMarks';
import { memoNodes, type MemoNodeViews } from './nodes';
import { MemoStructure } from './structure';

export interface MemoEditorSetup {
  doc: Y.Doc;
  provider: WebsocketProvider;
  views: MemoNodeViews;
  levelLabel: (level: Confidentiality) => string;
  addDissent: (sectionId: string) => boolean;
}

export function memoExtensions(setup: MemoEditorSetup): Extensions {
  return [
    // Only what the memo schema has: everything else is switched off.
    StarterKit.configure({
      document: false,
      heading: false,
      blockquote: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      link: false,
      listItem: false,
      bulletList: false,
      orderedList: false,
      trailingNode: false,
      // Yjs keeps the history, per person, so undo never takes back someone else's typing.
      undoRedo: false,
    }),
    ...memoNodes(setup.views),
    MemoStructure,
    MemoCommands.configure({ addDissent: setup.addDissent }),
    ConfidentialityMarks.configure({ label: setup.levelLabel }),
    Collaboration.configure({ document: setup.doc, field: MEMO_FRAGMENT }),
    CollaborationCaret.configure({
      provider: setup.provider,
      // The server replaces this with the person's identity from their session.
      user: {},
      render: renderCaret,
      selectionRender: renderSelection,
    }),
  ];
}
