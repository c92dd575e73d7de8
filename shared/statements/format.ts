// A joint statement's live Yjs layout (issue 5) and its reading into the canonical content that
// parties consent to. Deliberately smaller than the memo: one flat text, no attributes, because a
// statement has no sections, levels or ids — only words everyone must agree to.
import * as Y from 'yjs';
import { canonicalJson } from '../memo/content';
import { roomName } from '../memo/format';
import { TEXT_NODES } from '../richText';
import {
  STATEMENT_MARKS,
  type StatementBlock,
  type StatementContent,
  type StatementMark,
  type StatementRun,
} from './content';

/** The statement room's one root type: a Y.XmlFragment holding the ProseMirror document. */
export const STATEMENT_FRAGMENT = 'statement';

/** ProseMirror node names used in the statement fragment: the shared text nodes, no attributes. */
export const STATEMENT_NODES = TEXT_NODES;
export const STATEMENT_NODE_NAMES: readonly string[] = Object.values(STATEMENT_NODES);

/** A statement's live room: its id is the statement's (and its consent request's) id. */
export function statementRoomName(statementId: string): string {
  return roomName({ kind: 'statement', statementId });
}

/** The statement's root fragment in a statement room's document. */
export function statementFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(STATEMENT_FRAGMENT);
}

/**
 * The statement as canonical content: top-level paragraphs and lists in document order, each
 * list item as one paragraph's runs (a list item's paragraphs joined by a line break, nested
 * lists flattened into the item). Adjacent runs with the same marks are merged; empty runs, empty
 * paragraphs and empty items are left out, so whitespace-free "nothing" has no blocks. Anything
 * outside the layout (the server refuses it anyway) is ignored.
 */
export function statementContent(doc: Y.Doc): StatementContent {
  const blocks: StatementBlock[] = [];
  for (const node of statementFragment(doc).toArray()) {
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName === STATEMENT_NODES.paragraph) {
      const runs = inlineRuns(node);
      if (runs.length > 0) blocks.push({ type: 'paragraph', runs });
    } else if (
      node.nodeName === STATEMENT_NODES.bulletList ||
      node.nodeName === STATEMENT_NODES.orderedList
    ) {
      const items = listItems(node);
      if (items.length > 0)
        blocks.push({
          type: 'list',
          ordered: node.nodeName === STATEMENT_NODES.orderedList,
          items,
        });
    }
  }
  return { blocks };
}

/** The canonical form of a statement: its SHA-256 (of the UTF-8) is what a round holds. */
export function canonicalStatementJson(content: StatementContent): string {
  return canonicalJson(content);
}

/**
 * Plain text for emails-free places that need words only (PDF search, public feed summaries):
 * blocks separated by a blank line, list items on their own lines with `• ` or `n. `.
 */
export function statementPlainText(content: StatementContent): string {
  return content.blocks
    .map((block) =>
      block.type === 'paragraph'
        ? runsText(block.runs)
        : block.items
            .map((item, index) => `${block.ordered ? `${index + 1}. ` : '• '}${runsText(item)}`)
            .join('\n'),
    )
    .join('\n\n');
}

/** True when the statement has no visible characters (only whitespace counts as empty). */
export function isEmptyStatement(content: StatementContent): boolean {
  return statementPlainText(content).trim().length === 0;
}

function runsText(runs: readonly StatementRun[]): string {
  return runs.map((run) => run.text).join('');
}

/**
 * A list's items, each as its paragraphs joined by line breaks, the paragraphs of lists nested
 * in it included in document order. Walked with a stack, not by recursion: a statement stored
 * before the nesting limit may nest lists deeper than any call stack.
 */
function listItems(list: Y.XmlElement): StatementRun[][] {
  const items: StatementRun[][] = [];
  for (const item of childElements(list, STATEMENT_NODES.listItem)) {
    const lines: StatementRun[][] = [];
    const pending: Y.XmlElement[] = [item];
    for (let node = pending.pop(); node; node = pending.pop()) {
      if (node.nodeName === STATEMENT_NODES.paragraph) {
        const runs = inlineRuns(node);
        if (runs.length > 0) lines.push(runs);
        continue;
      }
      // A list item holds paragraphs and lists; a list holds items. Pushed in reverse, so that
      // they come off the stack in document order.
      const children =
        node.nodeName === STATEMENT_NODES.listItem
          ? node
              .toArray()
              .filter(
                (child): child is Y.XmlElement =>
                  child instanceof Y.XmlElement &&
                  (child.nodeName === STATEMENT_NODES.paragraph || isList(child)),
              )
          : childElements(node, STATEMENT_NODES.listItem);
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]!);
    }
    const runs = mergeRuns(
      lines.flatMap((line, i) => (i === 0 ? line : [{ text: '\n' }, ...line])),
    );
    if (runs.length > 0) items.push(runs);
  }
  return items;
}

function isList(node: Y.XmlElement): boolean {
  return (
    node.nodeName === STATEMENT_NODES.bulletList || node.nodeName === STATEMENT_NODES.orderedList
  );
}

function childElements(node: Y.XmlElement, name: string): Y.XmlElement[] {
  return node
    .toArray()
    .filter(
      (child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === name,
    );
}

/** A paragraph's runs: text with marks, hard breaks as '\n'. */
function inlineRuns(paragraph: Y.XmlElement): StatementRun[] {
  const runs: StatementRun[] = [];
  for (const child of paragraph.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as {
        insert: unknown;
        attributes?: Record<string, unknown>;
      }[]) {
        if (typeof op.insert !== 'string' || op.insert.length === 0) continue;
        runs.push(withMarks(op.insert, marksOf(op.attributes)));
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === STATEMENT_NODES.hardBreak) {
      runs.push({ text: '\n' });
    }
  }
  return mergeRuns(runs);
}

function marksOf(attributes: Record<string, unknown> | undefined): StatementMark[] {
  if (!attributes) return [];
  return STATEMENT_MARKS.filter((mark) => {
    const value = attributes[mark];
    return value !== undefined && value !== null && value !== false;
  });
}

function withMarks(text: string, marks: StatementMark[]): StatementRun {
  return marks.length > 0 ? { text, marks: [...marks].sort() } : { text };
}

function sameMarks(a: StatementRun, b: StatementRun): boolean {
  return (a.marks ?? []).join(',') === (b.marks ?? []).join(',');
}

function mergeRuns(runs: readonly StatementRun[]): StatementRun[] {
  const merged: StatementRun[] = [];
  for (const run of runs) {
    if (run.text.length === 0) continue;
    const last = merged[merged.length - 1];
    if (last && sameMarks(last, run))
      merged[merged.length - 1] = { ...last, text: last.text + run.text };
    else merged.push(run);
  }
  return merged;
}
