// "Write here" hints in the memo's empty paragraphs. TipTap's Placeholder marks every empty
// paragraph with a decoration class (never anything in the shared document), and only while the
// editor is editable, so read-only viewers see no hints. The words depend on where the paragraph
// is (an item's notes, an agreed point, a follow-up): each node view sets them as a CSS custom
// property on its content, which the stylesheet shows for the empty paragraphs inside.
import { Placeholder } from '@tiptap/extensions';
import type { CSSProperties } from 'react';

export const EMPTY_CLASS = 'memo-empty';

export const MemoPlaceholder = Placeholder.configure({
  emptyNodeClass: EMPTY_CLASS,
  // The words come from the stylesheet; see placeholderStyle.
  placeholder: '',
  showOnlyWhenEditable: true,
  // Every empty paragraph says where to write, not only the one with the caret, and the
  // paragraphs sit inside sections and blocks, not at the top level.
  showOnlyCurrent: false,
  includeChildren: true,
});

/** The hint for the empty paragraphs inside a node view's content, as a quoted CSS string. */
export function placeholderStyle(hint: string): CSSProperties {
  return { '--memo-placeholder': JSON.stringify(hint) } as CSSProperties;
}
