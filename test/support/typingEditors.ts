// Editors that type and delete on their own, for the fault tests that count what was saved.
import * as Y from 'yjs';
import { memoFragment } from '../../shared/memo/memoDoc';
import type { CollabEditor } from './collabClient';

/** The text of the notes of section `index % 2`, made if missing. */
export function notes(editor: CollabEditor, index: number): Y.XmlText | null {
  const section = memoFragment(editor.doc).get(index % 2) as Y.XmlElement | undefined;
  const paragraph = section?.get(1) as Y.XmlElement | undefined;
  if (!paragraph) return null;
  if (!(paragraph.get(0) instanceof Y.XmlText)) paragraph.insert(0, [new Y.XmlText('')]);
  return paragraph.get(0) as Y.XmlText;
}

/**
 * `who` types a word and deletes a letter of an earlier one, a few times a second. Returns the
 * function that stops them.
 */
export function startTyping(
  editors: Record<string, CollabEditor>,
  who: readonly string[],
  everyMs = 120,
): () => void {
  let round = 0;
  const timer = setInterval(() => {
    round += 1;
    who.forEach((name, index) => {
      const words = notes(editors[name]!, index);
      if (!words) return;
      // Every third tick is only a deletion: nothing in the state vector says it is stored.
      if (round % 3 === 0 && words.length > 2) words.delete(Math.floor(words.length / 2), 1);
      else words.insert(words.length, `${name.slice(0, 3)}${round} `);
    });
  }, everyMs);
  return () => clearInterval(timer);
}

/** Append `text` to the first section's notes of a memo document. */
export function typeInFirstSection(doc: Y.Doc, text: string): void {
  const section = memoFragment(doc).get(0) as Y.XmlElement;
  const paragraph = section.get(1) as Y.XmlElement;
  const existing = paragraph.get(0);
  if (existing instanceof Y.XmlText) existing.insert(existing.length, text);
  else paragraph.insert(0, [new Y.XmlText(text)]);
}
