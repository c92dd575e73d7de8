import { getSchema } from '@tiptap/core';
import type { NodeType, Schema } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { memoSchemaExtensions } from '../../../client/memo/extensions';
import { deepestLevel, statementSchemaExtensions } from '../../../client/statements/extensions';
import { TEXT_NODE, allowedChildren, type Layout } from '../../../shared/layout';
import { MAX_NESTING_DEPTH } from '../../../shared/memo/limits';
import { MEMO_LAYOUT } from '../../../shared/memo/schema';
import { STATEMENT_LAYOUT } from '../../../shared/statements/schema';

// One layout, both sides: the server validates every update against shared/memo/schema.ts and
// shared/statements/schema.ts, and the editors must produce exactly that. An editor that allowed
// more would have its users' edits refused; one that allowed less could not show stored memos.

const views = { section: () => null, agreedPoint: () => null, followUp: () => null };

/** The layout's name of a ProseMirror node type: the document is the layout's root. */
const layoutName = (layout: Layout, type: NodeType) =>
  type.name === type.schema.topNodeType.name ? layout.root : type.name;

/** Every node type that can appear directly in `type`, following its content expression. */
function childTypes(type: NodeType): string[] {
  const names = new Set<string>();
  const seen = new Set([type.contentMatch]);
  const pending = [type.contentMatch];
  for (let match = pending.pop(); match; match = pending.pop()) {
    for (let i = 0; i < match.edgeCount; i++) {
      const { type: child, next } = match.edge(i);
      names.add(child.name);
      if (!seen.has(next)) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  return [...names].sort();
}

function describeSchema(schema: Schema, layout: Layout) {
  const described: Record<string, { children: string[]; marks: string[]; attrs: string[] }> = {};
  for (const type of Object.values(schema.nodes)) {
    if (type.isText) continue;
    described[layoutName(layout, type)] = {
      children: childTypes(type),
      marks: type.inlineContent
        ? Object.values(schema.marks)
            .filter((mark) => type.allowsMarkType(mark))
            .map((mark) => mark.name)
            .sort()
        : [],
      attrs: Object.keys(type.spec.attrs ?? {}).sort(),
    };
  }
  return described;
}

function describeLayout(layout: Layout) {
  return Object.fromEntries(
    Object.entries(layout.nodes).map(([name, rule]) => [
      name,
      {
        children: [...allowedChildren(rule)].sort(),
        marks: allowedChildren(rule).has(TEXT_NODE) ? [...rule.marks].sort() : [],
        attrs: Object.keys(rule.attrs).sort(),
      },
    ]),
  );
}

describe('the editors and the shared layouts', () => {
  it('the memo editor has exactly the memo layout: children, marks and attributes per node', () => {
    const schema = getSchema(memoSchemaExtensions(views));
    expect(describeSchema(schema, MEMO_LAYOUT)).toEqual(describeLayout(MEMO_LAYOUT));
  });

  it('the statement editor has exactly the statement layout', () => {
    const schema = getSchema(statementSchemaExtensions());
    expect(describeSchema(schema, STATEMENT_LAYOUT)).toEqual(describeLayout(STATEMENT_LAYOUT));
  });

  it('the statement editor counts nesting as the server does', () => {
    const schema = getSchema(statementSchemaExtensions());
    const { nodes } = schema;
    let item = nodes.listItem!.create(null, nodes.paragraph!.create(null, schema.text('x')));
    // Each list inside a list item adds two levels; the text in the innermost paragraph is the
    // deepest: list, item, paragraph, text is 4 below the document.
    let lists = 1;
    const doc = () => nodes.doc!.create(null, nodes.bulletList!.create(null, item));
    expect(deepestLevel(doc())).toBe(4);
    while (deepestLevel(doc()) <= MAX_NESTING_DEPTH) {
      item = nodes.listItem!.create(null, [
        nodes.paragraph!.create(),
        nodes.bulletList!.create(null, item),
      ]);
      lists += 1;
    }
    expect(deepestLevel(doc())).toBe(MAX_NESTING_DEPTH + 2);
    expect(lists).toBe(16);
  });
});
