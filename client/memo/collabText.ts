// What the memo's and a joint statement's editors have in common: the StarterKit parts neither
// has, the ordered list without attributes, and the binding to a Yjs room with people's carets.
import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { OrderedList } from '@tiptap/extension-list';
import type { StarterKitOptions } from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { caretActivity, renderCaret, renderSelection } from './caret';

/** Switched off in StarterKit for both: not in either schema, or made differently. */
export const STARTER_KIT_OFF = {
  heading: false,
  blockquote: false,
  codeBlock: false,
  code: false,
  horizontalRule: false,
  link: false,
  // Ours has no attributes: AttributelessOrderedList.
  orderedList: false,
  // It would write an empty paragraph into the shared text by merely opening it.
  trailingNode: false,
  // Yjs keeps the history, per person, so undo never takes back someone else's typing.
  undoRedo: false,
} as const satisfies Partial<StarterKitOptions>;

/** The contract has no `start` or `type` on lists; a stored attribute would be refused. */
export const AttributelessOrderedList = OrderedList.extend({ addAttributes: () => ({}) });

/** The editor's document is `field` of the room's Y.Doc; others' carets come by its provider. */
export function collaboration(doc: Y.Doc, provider: WebsocketProvider, field: string): Extensions {
  return [
    Collaboration.configure({ document: doc, field }),
    CollaborationCaret.configure({
      provider,
      // The server replaces this with the person's identity from their session.
      user: {},
      render: renderCaret,
      selectionRender: renderSelection,
    }),
    caretActivity(provider.awareness),
  ];
}
