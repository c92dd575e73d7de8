// Every TipTap extension of the joint statement's editor, bound to one statement room. The
// statement's schema is the memo's text without its structure: paragraphs, lists, hard breaks and
// the four marks (shared/statement/format.ts); the collab server refuses anything else.
import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { STATEMENT_FRAGMENT } from '../../shared/statement/format';
import { AttributelessOrderedList, collaboration, STARTER_KIT_OFF } from '../memo/collabText';

export interface StatementEditorSetup {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

export function statementExtensions(setup: StatementEditorSetup): Extensions {
  return [
    StarterKit.configure(STARTER_KIT_OFF),
    AttributelessOrderedList,
    ...collaboration(setup.doc, setup.provider, STATEMENT_FRAGMENT),
  ];
}
