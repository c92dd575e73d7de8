// The rich text the memo and a joint statement share: the paragraph, lists and hard break of the
// editor (TipTap's StarterKit) and the inline marks, as they appear in Yjs (Y.XmlElement node
// names, Y.XmlText formatting attributes). The memo adds its own nodes around these; a statement
// has only these.

/** ProseMirror node names of the shared text nodes. None of them has attributes of its own. */
export const TEXT_NODES = {
  paragraph: 'paragraph',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  hardBreak: 'hardBreak',
} as const;

/** Inline marks allowed in text (Y.XmlText formatting attributes). */
export const TEXT_MARKS = ['bold', 'italic', 'underline', 'strike'] as const;
export type TextMark = (typeof TEXT_MARKS)[number];
