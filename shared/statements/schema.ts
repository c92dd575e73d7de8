// A joint statement's layout as rules (see shared/layout.ts): the memo's text nodes without any
// attributes, lists nested in list items as the editor allows. The server refuses anything else.
import { nodeRule, type Layout } from '../layout';
import { TEXT_MARKS } from '../richText';
import { STATEMENT_FRAGMENT, STATEMENT_NODES } from './format';

const BLOCKS = [
  STATEMENT_NODES.paragraph,
  STATEMENT_NODES.bulletList,
  STATEMENT_NODES.orderedList,
].join(' | ');

/** The statement fragment: paragraphs and lists, list items holding paragraphs and lists. */
export const STATEMENT_LAYOUT: Layout = {
  root: STATEMENT_FRAGMENT,
  nodes: {
    [STATEMENT_FRAGMENT]: nodeRule(`(${BLOCKS})+`),
    [STATEMENT_NODES.paragraph]: nodeRule(`(text | ${STATEMENT_NODES.hardBreak})*`, {
      marks: TEXT_MARKS,
    }),
    [STATEMENT_NODES.bulletList]: nodeRule(`${STATEMENT_NODES.listItem}+`),
    [STATEMENT_NODES.orderedList]: nodeRule(`${STATEMENT_NODES.listItem}+`),
    [STATEMENT_NODES.listItem]: nodeRule(`${STATEMENT_NODES.paragraph} (${BLOCKS})*`),
    [STATEMENT_NODES.hardBreak]: nodeRule(''),
  },
};
