// Every TipTap extension of the joint statement's editor, bound to one statement room. The
// statement's schema is the memo's text without its structure: paragraphs, lists, hard breaks and
// the four marks (shared/statements/format.ts); the collab server refuses anything else.
import { Extension, type Extensions } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { MAX_NESTING_DEPTH } from '../../shared/memo/limits';
import { STATEMENT_FRAGMENT } from '../../shared/statements/format';
import { AttributelessOrderedList, collaboration, STARTER_KIT_OFF } from '../memo/collabText';
import { isRemote } from '../memo/structure';

export interface StatementEditorSetup {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

/** The extensions that make the statement's ProseMirror schema (shared/statements/schema.ts). */
export function statementSchemaExtensions(): Extensions {
  return [StarterKit.configure(STARTER_KIT_OFF), AttributelessOrderedList];
}

/**
 * Lists may nest inside list items, but the server refuses content deeper than
 * MAX_NESTING_DEPTH: indenting further is refused here, before it could cost the connection.
 */
const NestingLimit = Extension.create({
  name: 'nestingLimit',
  addProseMirrorPlugins: () => [
    new Plugin({
      key: new PluginKey('nestingLimit'),
      filterTransaction: (tr) =>
        !tr.docChanged || isRemote(tr) || deepestLevel(tr.doc) <= MAX_NESTING_DEPTH,
    }),
  ],
});

/** Levels below the document (a text node counts as one, as a Y.XmlText does in Yjs). */
export function deepestLevel(doc: PMNode): number {
  let deepest = 0;
  const pending: [PMNode, number][] = [[doc, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, level] = next;
    deepest = Math.max(deepest, level);
    node.forEach((child) => pending.push([child, level + 1]));
  }
  return deepest;
}

export function statementExtensions(setup: StatementEditorSetup): Extensions {
  return [
    ...statementSchemaExtensions(),
    NestingLimit,
    ...collaboration(setup.doc, setup.provider, STATEMENT_FRAGMENT),
  ];
}
