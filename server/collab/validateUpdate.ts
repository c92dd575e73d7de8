// Checks an incoming Yjs update against the room's live document before it is applied. Yjs trusts
// its peers: an update with a gap or a dangling reference sits in the document's pending queue
// forever, one that points into the middle of a string throws halfway through a transaction, and
// anything decodable is accepted whatever shape it gives the memo. The server is the one peer that
// must not trust, so it replays Yjs's own integration order here without touching the document.
import * as Y from 'yjs';
import { TEXT_NODE, allowsChild, type Layout } from '../../shared/layout';
import { COLLAB_LIMITS, type CollabLimits } from '../../shared/memo/limits';

/**
 * The layout a room's document must keep, as its kind declares it (kinds/): a tree of nodes in
 * one XmlFragment (the memo, a statement), or root maps of plain JSON entries (a party room).
 */
export type DocShape =
  | { layout: Layout }
  | {
      maps: readonly string[];
      isValidKey: (key: string) => boolean;
      isValidValue: (map: string, value: unknown) => boolean;
    };

export type UpdateVerdict =
  | {
      ok: true;
      /** Client ids under which the update adds structs the document does not have yet. */
      writers: number[];
    }
  | { ok: false; problem: string };

/** No honest editor advances its clock this far in one message; Yjs would allocate for it. */
export const MAX_CLOCK_ADVANCE = 10_000_000;

/** Yjs client ids are random uint32s. */
const MAX_CLIENT_ID = 0xffff_ffff;

/** Attributes y-prosemirror may leave on a node besides the schema's own. */
const Y_PROSEMIRROR_ATTRS: readonly string[] = ['ychange'];

const MAX_MARK_VALUE_JSON = 1024;

type Struct = Y.Item | Y.GC | Y.Skip;

/** A type as the layout sees it; `depth` counts the levels below the root (the root is 0). */
type TypeInfo =
  | { kind: 'xmlElement'; nodeName: string; depth: number }
  /** `inNode`: the element the text sits in, whose rule says which marks it may have. */
  | { kind: 'xmlText'; inNode: string; depth: number }
  | { kind: 'other' };

/** Where an item lands once Yjs integrates it. */
type Placement =
  /** Yjs turns the item into garbage (its parent or a neighbour is gone): no content survives. */
  | { kind: 'discarded' }
  | { kind: 'root'; name: string; sub: string | null }
  | { kind: 'type'; type: TypeInfo; sub: string | null };

class Invalid extends Error {
  override name = 'InvalidUpdate';
}

const fail = (problem: string): never => {
  throw new Invalid(problem);
};

/**
 * Whether `update` may be applied to `doc`, a room of the given shape, within `limits`
 * (shared/memo/limits.ts). Reads the document, never changes it; never throws (undecodable bytes
 * are a verdict too).
 */
export function validateUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  shape: DocShape,
  limits: Readonly<CollabLimits> = COLLAB_LIMITS,
): UpdateVerdict {
  try {
    const check = new UpdateCheck(doc, shape, limits);
    return { ok: true, writers: check.run(Y.decodeUpdate(update)) };
  } catch (error) {
    // A decoder that runs off the end, a stack overflow on nested content, a bad type ref:
    // whatever the reason, the bytes are not an update we apply.
    return { ok: false, problem: error instanceof Invalid ? error.message : 'undecodable' };
  }
}

/**
 * True when applying `update` would change nothing: every struct is already known and every
 * deletion already done. A provider's first sync answer usually looks like that, and a read-only
 * connection must not be told off for it. Throws on bytes that do not decode.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  for (const [client, ranges] of ds.clients) {
    const known = doc.store.clients.get(client);
    for (const { clock, len } of ranges) {
      if (len <= 0) continue;
      if (!known || clock + len > Y.getState(doc.store, client)) return false;
      for (let i = Y.findIndexSS(known, clock); i < known.length; i++) {
        const struct = known[i]!;
        if (struct.id.clock >= clock + len) break;
        if (!struct.deleted) return false;
      }
    }
  }
  return true;
}

interface ClientQueue {
  structs: (Y.Item | Y.GC)[];
  next: number;
}

class UpdateCheck {
  /** Per client, how far the document plus the update's structs integrated so far reach. */
  private readonly reached = new Map<number, number>();
  private readonly queues = new Map<number, ClientQueue>();
  private readonly placements = new Map<Y.Item, Placement>();
  /** Each type this update creates, as its children's placement needs it. */
  private readonly newTypes = new Map<Y.AbstractType<unknown>, TypeInfo>();
  private newNodes = 0;
  private newStructs = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly shape: DocShape,
    private readonly limits: Readonly<CollabLimits>,
  ) {}

  /** Checks everything; returns the clients under which the update adds structs. */
  run({ structs, ds }: ReturnType<typeof Y.decodeUpdate>): number[] {
    let ranges = 0;
    for (const list of ds.clients.values()) ranges += list.length;
    // Checked first: a fragmenting delete set is refused before any work is spent on it.
    if (ranges > this.limits.deleteRangesPerUpdate) fail('too many delete ranges');
    this.collect(structs);
    this.checkClients();
    for (const client of this.queues.keys()) this.integrateClient(client);
    for (const [client, ranges] of ds.clients) {
      const end = this.reachOf(client);
      for (const { clock, len } of ranges) {
        if (!Number.isSafeInteger(clock) || !Number.isSafeInteger(len) || len < 0)
          fail('bad delete range');
        if (clock + len > end) fail('deletes unknown content');
      }
    }
    // A new struct can split the item it lands in, a deleted range the two at its ends.
    const growth = 2 * (this.newStructs + ranges);
    if (storedStructs(this.doc) + growth > this.limits.structsPerDocument)
      fail('document too large');
    if (this.newNodes > 0) reserveNodes(this.doc, this.newNodes, this.limits.nodesPerDocument);
    return [...this.reached.keys()];
  }

  private checkClients() {
    let fresh = 0;
    for (const client of this.queues.keys()) if (this.docState(client) === 0) fresh += 1;
    if (fresh > this.limits.newClientsPerUpdate) fail('too many new client ids');
    if (fresh > 0 && this.doc.store.clients.size + fresh > this.limits.clientsPerDocument)
      fail('too many client ids in the document');
  }

  private docState(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  private reachOf(client: number): number {
    return this.reached.get(client) ?? this.docState(client);
  }

  private collect(structs: Struct[]) {
    for (const struct of structs) {
      if (struct instanceof Y.Skip) fail('skip struct');
      const { client, clock } = struct.id;
      if (client > MAX_CLIENT_ID) fail('client id out of range');
      let queue = this.queues.get(client);
      if (!queue) {
        if (clock > this.docState(client)) fail('gap before struct');
        queue = { structs: [], next: 0 };
        this.queues.set(client, queue);
      }
      queue.structs.push(struct);
    }
    for (const [client, queue] of this.queues) {
      const last = queue.structs.at(-1)!;
      const end = last.id.clock + last.length;
      if (!Number.isSafeInteger(end) || end - this.docState(client) > MAX_CLOCK_ADVANCE)
        fail('clock advances too far');
    }
  }

  /**
   * Integrate the client's structs in order, first integrating (depth first, like Yjs) whatever
   * other client's struct each one refers to. A reference that no struct provides, or two
   * clients waiting on each other, would leave Yjs with pending structs: rejected instead.
   */
  private integrateClient(start: number) {
    const stack = [start];
    const waiting = new Set(stack);
    while (stack.length > 0) {
      const client = stack.at(-1)!;
      const queue = this.queues.get(client);
      if (!queue || queue.next >= queue.structs.length) {
        stack.pop();
        waiting.delete(client);
        if (stack.length > 0) fail('reference to unknown content');
        continue;
      }
      const struct = queue.structs[queue.next]!;
      const reach = this.reachOf(client);
      if (struct.id.clock > reach) fail('gap before struct');
      // Yjs resolves the references of every struct, even of one it already has, so those
      // must be there too; only the integration (and so the schema check) is skipped.
      const missing = struct instanceof Y.Item ? this.missingClient(struct) : null;
      if (missing !== null) {
        if (waiting.has(missing)) fail('circular references');
        stack.push(missing);
        waiting.add(missing);
        continue;
      }
      if (struct.id.clock + struct.length > reach) {
        if (struct instanceof Y.Item) this.check(struct);
        this.reached.set(client, struct.id.clock + struct.length);
        this.newStructs += 1;
      }
      queue.next += 1;
      if (stack.length > 1) {
        // The struct someone below was waiting for may have arrived: let it look again.
        stack.pop();
        waiting.delete(client);
      }
    }
  }

  private references(item: Y.Item): Y.ID[] {
    const ids: Y.ID[] = [];
    if (item.origin) ids.push(item.origin);
    if (item.rightOrigin) ids.push(item.rightOrigin);
    if (item.parent instanceof Y.ID) ids.push(item.parent);
    return ids;
  }

  /** The other client whose next structs must be integrated before this item, if any. */
  private missingClient(item: Y.Item): number | null {
    for (const id of this.references(item)) {
      if (id.client === item.id.client) {
        // Yjs does not wait for its own client: only earlier clocks can be there already.
        if (id.clock >= item.id.clock) fail('reference to a later clock of the same client');
      } else if (id.clock >= this.reachOf(id.client)) {
        if (!this.queues.has(id.client)) fail('reference to unknown content');
        return id.client;
      }
    }
    return null;
  }

  private check(item: Y.Item) {
    const placement = this.place(item);
    this.placements.set(item, placement);
    if ('layout' in this.shape)
      checkLayoutItem(item, placement, this.shape.layout, this.limits.nestingDepth);
    else checkMapItem(item, placement, this.shape);
    if (item.content instanceof Y.ContentType) {
      if (++this.newNodes > this.limits.newNodesPerUpdate) fail('too many new nodes');
      const type = item.content.type;
      if (placement.kind === 'root') this.newTypes.set(type, newTypeInfo(type, placement.name, 1));
      else if (placement.kind === 'type' && placement.type.kind === 'xmlElement')
        this.newTypes.set(
          type,
          newTypeInfo(type, placement.type.nodeName, placement.type.depth + 1),
        );
    }
  }

  /** The struct holding `id`, from the document or from what this update integrated so far. */
  private find(id: Y.ID): { struct: Y.Item | Y.GC; fromDoc: boolean } {
    if (id.clock < this.docState(id.client)) {
      const structs = this.doc.store.clients.get(id.client)!;
      return { struct: structs[Y.findIndexSS(structs, id.clock)]!, fromDoc: true };
    }
    const structs = this.queues.get(id.client)?.structs ?? [];
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const struct = structs[middle]!;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return { struct, fromDoc: false };
    }
    return fail('reference to unknown content');
  }

  /** Mirror of Yjs's Item.getMissing: where the item will be inserted. */
  private place(item: Y.Item): Placement {
    const parent = item.parent;
    if (typeof parent === 'string') return { kind: 'root', name: parent, sub: item.parentSub };
    if (parent instanceof Y.ID) {
      const { struct } = this.find(parent);
      if (struct instanceof Y.GC) return { kind: 'discarded' };
      if (struct.content instanceof Y.ContentType) {
        if (struct.id.clock !== parent.clock) fail('parent is not a type');
        // A type this update creates was placed before its children (not yet in the document).
        const type =
          this.newTypes.get(struct.content.type) ??
          typeInfo(struct.content.type, depthInDoc(struct.content.type, this.limits.nestingDepth));
        return { kind: 'type', type, sub: item.parentSub };
      }
      // A type deleted meanwhile keeps its place as ContentDeleted; Yjs discards the child.
      if (struct.content instanceof Y.ContentDeleted) return { kind: 'discarded' };
      return fail('parent is not a type');
    }
    if (parent !== null) return fail('unexpected parent');
    const left = item.origin ? this.find(item.origin) : null;
    const right = item.rightOrigin ? this.find(item.rightOrigin) : null;
    if (left?.struct instanceof Y.GC || right?.struct instanceof Y.GC) return { kind: 'discarded' };
    const neighbour = left ?? right;
    if (!neighbour) return fail('item without a place');
    const struct = neighbour.struct as Y.Item;
    if (!neighbour.fromDoc) {
      // Inherits the neighbour's parent and map key, as Yjs does.
      return this.placements.get(struct) ?? fail('reference to unknown content');
    }
    return placementInDoc(struct, this.limits.nestingDepth);
  }
}

function placementInDoc(item: Y.Item, maxDepth: number): Placement {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return { kind: 'discarded' };
  if (parent._item === null)
    return { kind: 'root', name: Y.findRootTypeKey(parent), sub: item.parentSub };
  return {
    kind: 'type',
    type: typeInfo(parent, depthInDoc(parent, maxDepth)),
    sub: item.parentSub,
  };
}

/** How the layout sees a type at `depth`. */
function typeInfo(type: Y.AbstractType<unknown>, depth: number): TypeInfo {
  if (type instanceof Y.XmlElement) return { kind: 'xmlElement', nodeName: type.nodeName, depth };
  if (type instanceof Y.XmlText) {
    const parent = type._item?.parent;
    const inNode = parent instanceof Y.XmlElement ? parent.nodeName : '';
    return { kind: 'xmlText', inNode, depth };
  }
  return { kind: 'other' };
}

/** A type the update creates, placed in `parentName` at `depth`. */
function newTypeInfo(type: Y.AbstractType<unknown>, parentName: string, depth: number): TypeInfo {
  if (type instanceof Y.XmlText) return { kind: 'xmlText', inNode: parentName, depth };
  return typeInfo(type, depth);
}

/**
 * Levels between the type and its document's root. The walk stops past `maxDepth`: a document
 * stored before the limit may be far deeper, and nothing may be added down there anyway.
 */
function depthInDoc(type: Y.AbstractType<unknown>, maxDepth: number): number {
  let depth = 0;
  for (let item = type._item; item !== null && depth <= maxDepth; depth++) {
    const parent = item.parent;
    item = parent instanceof Y.AbstractType ? parent._item : null;
  }
  return depth;
}

/** Structs stored in the document: what its memory and a newcomer's first sync grow with. */
function storedStructs(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
}

/**
 * Live nodes per document, counted at most once per update that could pass the limit: between
 * counts the number only grows by what updates add (deletions are not subtracted), so it stays
 * an upper bound and is counted again exactly when that bound reaches the limit.
 */
const nodeBounds = new WeakMap<Y.Doc, number>();

function reserveNodes(doc: Y.Doc, added: number, max: number) {
  let bound = nodeBounds.get(doc) ?? liveNodes(doc);
  if (bound + added > max) bound = liveNodes(doc);
  if (bound + added > max) fail('too many nodes in the document');
  nodeBounds.set(doc, bound + added);
}

/** Y.XmlElement and Y.XmlText (any nested type) not deleted, counted without recursion. */
function liveNodes(doc: Y.Doc): number {
  let count = 0;
  const types: Y.AbstractType<unknown>[] = [];
  for (const root of doc.share.values()) types.push(root as Y.AbstractType<unknown>);
  for (let type = types.pop(); type; type = types.pop()) {
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
      count += 1;
      types.push(item.content.type as Y.AbstractType<unknown>);
    }
  }
  return count;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * The memo and statement rooms: one XmlFragment, and each node only where the layout puts it,
 * with the layout's attributes and marks (shared/memo/schema.ts, shared/statements/schema.ts).
 * Parents never change in Yjs, so checking each new item's parent keeps the whole tree valid.
 * Anything else, such as a root map claiming that a party consents, is refused.
 */
function checkLayoutItem(item: Y.Item, placement: Placement, layout: Layout, maxDepth: number) {
  const content = item.content;
  if (placement.kind === 'root') {
    if (placement.name !== layout.root) fail('unknown root type');
    if (placement.sub !== null) fail('attribute on the root');
  }
  if (content instanceof Y.ContentDeleted) return;
  if (content instanceof Y.ContentType) {
    const type = typeInfo(content.type, 0);
    if (type.kind === 'other') fail('type not allowed in this room');
    if (
      type.kind === 'xmlElement' &&
      (type.nodeName === layout.root || !Object.hasOwn(layout.nodes, type.nodeName))
    )
      fail('unknown node');
  } else if (
    !(content instanceof Y.ContentString) &&
    !(content instanceof Y.ContentFormat) &&
    !(content instanceof Y.ContentAny)
  ) {
    fail('content not allowed in this room');
  }
  if (placement.kind === 'discarded') return;
  const parent = placement.kind === 'root' ? null : placement.type;
  if (parent?.kind === 'other') return fail('parent type not allowed');
  if (parent?.kind === 'xmlText') {
    if (placement.sub !== null) fail('attribute on text');
    if (content instanceof Y.ContentFormat) checkMark(content, layout.nodes[parent.inNode]?.marks);
    else if (!(content instanceof Y.ContentString)) fail('content not allowed in text');
    return;
  }
  const parentName = parent ? parent.nodeName : layout.root;
  if (placement.sub !== null) {
    if (!(content instanceof Y.ContentAny)) return fail('attribute content not allowed');
    checkAttribute(layout, parentName, placement.sub, content.arr);
    return;
  }
  if (!(content instanceof Y.ContentType)) return fail('content not allowed in a node');
  const child = typeInfo(content.type, 0);
  const childName = child.kind === 'xmlElement' ? child.nodeName : TEXT_NODE;
  if (!allowsChild(layout, parentName, childName)) fail('node not allowed here');
  if ((parent ? parent.depth : 0) + 1 > maxDepth) fail('nested too deep');
}

function checkAttribute(layout: Layout, nodeName: string, key: string, values: unknown[]) {
  if (values.length !== 1) fail('attribute with several values');
  const value = values[0];
  if (Y_PROSEMIRROR_ATTRS.includes(key)) {
    if (value !== null && !isPlainObject(value)) fail('bad internal attribute');
    return;
  }
  const rule = layout.nodes[nodeName];
  const check = rule && Object.hasOwn(rule.attrs, key) ? rule.attrs[key] : undefined;
  if (!check) return fail('attribute not allowed on this node');
  if (!check(value)) fail(`bad ${key}`);
}

function checkMark(content: Y.ContentFormat, allowed: readonly string[] = []) {
  if (!allowed.includes(content.key)) fail('mark not allowed here');
  const value: unknown = content.value;
  if (value === null || value === true) return;
  if (!isPlainObject(value) || JSON.stringify(value).length > MAX_MARK_VALUE_JSON)
    fail('bad mark value');
}

// A party room: root maps of plain JSON entries, each entry checked by the shared schema.
function checkMapItem(
  item: Y.Item,
  placement: Placement,
  shape: Extract<DocShape, { maps: unknown }>,
) {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) {
    if (placement.kind === 'root' && !shape.maps.includes(placement.name))
      fail('unknown root type');
    if (placement.kind === 'type') fail('nested type in a party room');
    return;
  }
  if (!(content instanceof Y.ContentAny)) fail('content not allowed in a party room');
  if (placement.kind === 'discarded') return;
  if (placement.kind !== 'root') return fail('nested type in a party room');
  if (!shape.maps.includes(placement.name)) fail('unknown root type');
  if (placement.sub === null || !shape.isValidKey(placement.sub)) fail('bad party entry key');
  const values = (content as Y.ContentAny).arr;
  if (values.length !== 1 || !shape.isValidValue(placement.name, values[0]))
    fail('bad party entry');
}
