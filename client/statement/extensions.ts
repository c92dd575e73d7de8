// Every TipTap extension of the joint statement's editor, bound to one statement room. The
// statement's schema is the memo's text without its structure: paragraphs, lists, hard breaks and
// the four marks (shared/statement/format.ts); the collab server refuses anything else.
import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { OrderedList } from '@tiptap/extension-list';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { STATEMENT_FRAGMENT } from '../../shared/statement/format';
import { renderCaret, renderSelection } from '../memo/caret';

export interface StatementEditorSetup {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export function statementExtensions(setup: StatementEditorSetup): Extensions {
  return [
    StarterKit.configure({
      heading: false,
      blockquote: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      link: false,
      orderedList: false,
      // It would write an empty paragraph into the shared text by merely opening it.
      trailingNode: false,
      // Yjs keeps the history, per person, so undo never takes back someone else's typing.
      undoRedo: false,
    }),
    // The statement's lists have no `start` or `type`: a stored attribute would be refused.
    OrderedList.extend({ addAttributes: () => ({}) }),
    Collaboration.configure({ document: setup.doc, field: STATEMENT_FRAGMENT }),
    CollaborationCaret.configure({
      provider: setup.provider,
      // The server replaces this with the person's identity from their session.
      user: {},
      render: renderCaret,
      selectionRender: renderSelection,
    }),
  ];
}
