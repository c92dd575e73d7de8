// Writes a joint statement's text through a real y-websocket editor, the way the browser does, and
// waits until the server has stored it (MESSAGE_SAVED covers the edit), so a test can put it to
// consent or answer right after.
import * as Y from 'yjs';
import {
  STATEMENT_NODES,
  statementFragment,
  statementRoomName,
} from '../../shared/statements/format';
import { connectEditor } from './collabClient';

/** A statement paragraph holding `text` (no marks). */
export function statementParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement(STATEMENT_NODES.paragraph);
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

/** Open the statement's room as `cookie`'s user, make one change, wait until it is stored. */
export async function editStatement(
  url: string,
  cookie: string,
  statementId: string,
  edit: (fragment: Y.XmlFragment) => void,
): Promise<void> {
  const editor = connectEditor(url, statementRoomName(statementId), cookie);
  try {
    await editor.settled();
    if (editor.access?.mode !== 'write')
      throw new Error(`statement ${statementId} is read-only here (${editor.access?.reason})`);
    editor.doc.transact(() => edit(statementFragment(editor.doc)));
    await editor.settled();
    if (editor.rejections.length > 0)
      throw new Error(`statement edit refused: ${editor.rejections.join(', ')}`);
  } finally {
    editor.destroy();
  }
}

/** An edit that puts one paragraph `text` into the statement where `place` puts it. */
function paragraphEdit(place: (fragment: Y.XmlFragment, paragraph: Y.XmlElement) => void) {
  return (url: string, cookie: string, statementId: string, text: string): Promise<void> =>
    editStatement(url, cookie, statementId, (fragment) =>
      place(fragment, statementParagraph(text)),
    );
}

/** Replace the whole statement with one paragraph `text`. */
export const writeStatement = paragraphEdit((fragment, paragraph) => {
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  fragment.insert(0, [paragraph]);
});

/** Add a paragraph `text` at the end of the statement. */
export const appendToStatement = paragraphEdit((fragment, paragraph) => {
  fragment.insert(fragment.length, [paragraph]);
});
