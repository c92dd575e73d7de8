// The shape of a Yjs XML layout (the memo's, a statement's): which node may sit in which, where
// text goes, which marks and attributes each node has. One definition serves both sides: the
// server refuses updates that break it (server/collab/validateUpdate.ts) and the editor's
// ProseMirror schema is built from it (client/memo/nodes.ts), so the two cannot drift apart.

/** Checks one attribute value as stored in Yjs. */
export type AttributeCheck = (value: unknown) => boolean;

/** What one node may hold. */
export interface NodeRule {
  /**
   * The node's children as a ProseMirror content expression over node names only (no groups);
   * `text` stands for a Y.XmlText. The editor uses it as is (or a test proves its own equal).
   */
  readonly content: string;
  /** Marks allowed on the text directly in this node. */
  readonly marks: readonly string[];
  /** The node's attributes and the check of each value; any other attribute is refused. */
  readonly attrs: Readonly<Record<string, AttributeCheck>>;
}

/** A Yjs XML layout: one root fragment and the rules of every node name. */
export interface Layout {
  /** The root Y.XmlFragment's name; its rule is `nodes[root]`. */
  readonly root: string;
  readonly nodes: Readonly<Record<string, NodeRule>>;
}

/** The node name that stands for a Y.XmlText in content expressions. */
export const TEXT_NODE = 'text';

const childCache = new WeakMap<NodeRule, ReadonlySet<string>>();

/** The node names (and `text`) a content expression mentions: what may be a child. */
export function allowedChildren(rule: NodeRule): ReadonlySet<string> {
  let children = childCache.get(rule);
  if (!children) {
    children = new Set(rule.content.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []);
    childCache.set(rule, children);
  }
  return children;
}

/** Whether `child` (a node name, or TEXT_NODE) may sit directly in `parent`. */
export function allowsChild(layout: Layout, parent: string, child: string): boolean {
  const rule = layout.nodes[parent];
  return rule !== undefined && allowedChildren(rule).has(child);
}

/** A rule: content, and optionally marks and attributes (none by default). */
export function nodeRule(
  content: string,
  options: { marks?: readonly string[]; attrs?: Record<string, AttributeCheck> } = {},
): NodeRule {
  return { content, marks: options.marks ?? [], attrs: options.attrs ?? {} };
}

/** The rule of `name` in `layout`; throws for a name the layout does not have (a bug). */
export function layoutRule(layout: Layout, name: string): NodeRule {
  const rule = Object.hasOwn(layout.nodes, name) ? layout.nodes[name] : undefined;
  if (!rule) throw new Error(`no layout rule for ${name}`);
  return rule;
}
