// A joint statement's text as frozen and published (issue 5). The live text is a Yjs document
// (layout in ./format.ts); this is its plain, canonical form: what parties consent to, what is
// hashed, released, listed on the public page and exported.

import { TEXT_MARKS, type TextMark } from '../richText';

/** The marks a statement's text may carry: the same as the memo's (../richText.ts). */
export const STATEMENT_MARKS = TEXT_MARKS;
export type StatementMark = TextMark;

/** A run of text with the same marks. A hard line break is '\n' inside `text`. */
export interface StatementRun {
  text: string;
  /** Sorted, never empty when present. */
  marks?: StatementMark[];
}

export type StatementBlock =
  | { type: 'paragraph'; runs: StatementRun[] }
  /** Each item is one paragraph's runs. */
  | { type: 'list'; ordered: boolean; items: StatementRun[][] };

export interface StatementContent {
  blocks: StatementBlock[];
}
