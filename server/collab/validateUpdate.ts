// Checks an incoming Yjs update against the room's live document before it is applied. Yjs trusts
// its peers: an update with a gap or a dangling reference sits in the document's pending queue
// forever, one that points into the middle of a string throws halfway through a transaction, and
// anything decodable is accepted whatever shape it gives the memo. The server is the one peer that
// must not trust, so it replays Yjs's own integration order here without touching the document.
import * as Y from 'yjs';
import { CONFIDENTIALITY_LEVELS } from '../../shared/confidentiality';
import {
  BLOCK_ID_PATTERN,
  MAX_REASON_LENGTH,
  MEMO_ATTRS,
  MEMO_FRAGMENT,
  MEMO_MARKS,
  MEMO_NODE_NAMES,
  MEMO_NODES,
} from '../../shared/memo/format';
import {
  PARTY_DOC_ROOTS,
  isValidPartyDocKey,
  isValidPartyDocValue,
} from '../../shared/memo/partyDoc';
import { STATEMENT_FRAGMENT, STATEMENT_NODES } from '../../shared/statement/format';

/** Which layout the room's document must keep. */
export type RoomSchema = 'memo' | 'party' | 'statement';

export type UpdateVerdict = { ok: true } | { ok: false; problem: string };

/** No honest editor advances its clock this far in one message; Yjs would allocate for it. */
export const MAX_CLOCK_ADVANCE = 10_000_000;

/** Yjs client ids are random uint32s. */
const MAX_CLIENT_ID = 0xffff_ffff;

/** Attributes y-prosemirror may leave on a node besides the schema's own. */
const Y_PROSEMIRROR_ATTRS: readonly string[] = ['ychange'];

const MEMO_ATTR_NAMES: readonly string[] = Object.values(MEMO_ATTRS);
const MARK_NAMES: readonly string[] = MEMO_MARKS;
const MAX_MARK_VALUE_JSON = 1024;

type Struct = Y.Item | Y.GC | Y.Skip;

type TypeInfo = { kind: 'xmlElement'; nodeName: string } | { kind: 'xmlText' } | { kind: 'other' };

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
 * Whether `update` may be applied to `doc`, a room with the given schema. Pure: reads the
 * document, never changes it; never throws (undecodable bytes are a verdict too).
 */
export function validateUpdate(doc: Y.Doc, update: Uint8Array, schema: RoomSchema): UpdateVerdict {
  try {
    new UpdateCheck(doc, schema).run(Y.decodeUpdate(update));
    return { ok: true };
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

  constructor(
    private readonly doc: Y.Doc,
    private readonly schema: RoomSchema,
  ) {}

  run({ structs, ds }: ReturnType<typeof Y.decodeUpdate>) {
    this.collect(structs);
    for (const client of this.queues.keys()) this.integrateClient(client);
    for (const [client, ranges] of ds.clients) {
      const end = this.reachOf(client);
      for (const { clock, len } of ranges) {
        if (!Number.isSafeInteger(clock) || !Number.isSafeInteger(len) || len < 0)
          fail('bad delete range');
        if (clock + len > end) fail('deletes unknown content');
      }
    }
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
    if (this.schema === 'memo') checkMemoItem(item, placement);
    else if (this.schema === 'party') checkPartyItem(item, placement);
    else checkStatementItem(item, placement);
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
        return { kind: 'type', type: typeInfo(struct.content.type), sub: item.parentSub };
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
    return placementInDoc(struct);
  }
}

function placementInDoc(item: Y.Item): Placement {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return { kind: 'discarded' };
  if (parent._item === null)
    return { kind: 'root', name: Y.findRootTypeKey(parent), sub: item.parentSub };
  return { kind: 'type', type: typeInfo(parent), sub: item.parentSub };
}

function typeInfo(type: Y.AbstractType<unknown>): TypeInfo {
  if (type instanceof Y.XmlElement) return { kind: 'xmlElement', nodeName: type.nodeName };
  if (type instanceof Y.XmlText) return { kind: 'xmlText' };
  return { kind: 'other' };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

// The memo room: one XmlFragment of memo nodes, text with the memo's marks, schema attributes.
function checkMemoItem(item: Y.Item, placement: Placement) {
  const content = item.content;
  if (placement.kind === 'root') {
    if (placement.name !== MEMO_FRAGMENT) fail('unknown root type');
    if (placement.sub !== null) fail('attribute on the memo root');
  }
  if (content instanceof Y.ContentDeleted) return;
  if (content instanceof Y.ContentType) {
    const type = typeInfo(content.type);
    if (type.kind === 'other') fail('type not allowed in the memo');
    if (type.kind === 'xmlElement' && !MEMO_NODE_NAMES.includes(type.nodeName))
      fail('unknown memo node');
  } else if (
    !(content instanceof Y.ContentString) &&
    !(content instanceof Y.ContentFormat) &&
    !(content instanceof Y.ContentAny)
  ) {
    fail('content not allowed in the memo');
  }
  if (placement.kind === 'discarded') return;
  if (placement.kind === 'root') {
    // The document is memoSection+, as in the editor's schema.
    const type = content instanceof Y.ContentType ? typeInfo(content.type) : null;
    if (type?.kind !== 'xmlElement' || type.nodeName !== MEMO_NODES.section)
      fail('content not allowed at the memo root');
    return;
  }
  const { type, sub } = placement;
  if (type.kind === 'xmlElement') {
    if (sub === null) {
      if (!(content instanceof Y.ContentType)) fail('content not allowed in a memo node');
    } else {
      if (!(content instanceof Y.ContentAny)) fail('attribute content not allowed');
      checkMemoAttribute(sub, (content as Y.ContentAny).arr);
    }
  } else if (type.kind === 'xmlText') {
    if (sub !== null) fail('attribute on memo text');
    if (content instanceof Y.ContentFormat) checkMark(content);
    else if (!(content instanceof Y.ContentString)) fail('content not allowed in memo text');
  } else {
    fail('parent type not allowed in the memo');
  }
}

function checkMemoAttribute(key: string, values: unknown[]) {
  if (values.length !== 1) fail('attribute with several values');
  const value = values[0];
  if (Y_PROSEMIRROR_ATTRS.includes(key)) {
    if (value !== null && !isPlainObject(value)) fail('bad internal attribute');
    return;
  }
  if (!MEMO_ATTR_NAMES.includes(key)) fail('unknown memo attribute');
  switch (key) {
    case MEMO_ATTRS.confidentiality:
      if (!(CONFIDENTIALITY_LEVELS as readonly unknown[]).includes(value))
        fail('unknown confidentiality level');
      return;
    case MEMO_ATTRS.id:
    case MEMO_ATTRS.agendaItemId:
      if (typeof value !== 'string' || !BLOCK_ID_PATTERN.test(value)) fail('bad block id');
      return;
    default:
      if (typeof value !== 'string' || value.length > MAX_REASON_LENGTH) fail('bad attribute');
  }
}

function checkMark(content: Y.ContentFormat) {
  if (!MARK_NAMES.includes(content.key)) fail('unknown mark');
  const value: unknown = content.value;
  if (value === null || value === true) return;
  if (!isPlainObject(value) || JSON.stringify(value).length > MAX_MARK_VALUE_JSON)
    fail('bad mark value');
}

// A party room: two root maps of plain JSON entries, each entry checked by the shared schema.
function checkPartyItem(item: Y.Item, placement: Placement) {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) {
    if (placement.kind === 'root' && !PARTY_DOC_ROOTS.includes(placement.name))
      fail('unknown root type');
    if (placement.kind === 'type') fail('nested type in a party room');
    return;
  }
  if (!(content instanceof Y.ContentAny)) fail('content not allowed in a party room');
  if (placement.kind === 'discarded') return;
  if (placement.kind !== 'root') return fail('nested type in a party room');
  if (!PARTY_DOC_ROOTS.includes(placement.name)) fail('unknown root type');
  if (placement.sub === null || !isValidPartyDocKey(placement.sub)) fail('bad party entry key');
  const values = (content as Y.ContentAny).arr;
  if (values.length !== 1 || !isValidPartyDocValue(placement.name, values[0]))
    fail('bad party entry');
}

/**
 * A statement room: one XmlFragment, and each node only where the statement's ProseMirror schema
 * puts it (parents never change in Yjs, so checking each item's parent keeps the tree valid).
 * No attributes besides y-prosemirror's own: anything else, such as a root map claiming that a
 * party consents, is refused; consent is never in Yjs.
 */
const STATEMENT_CHILDREN: Readonly<Record<string, readonly string[]>> = {
  [STATEMENT_FRAGMENT]: [
    STATEMENT_NODES.paragraph,
    STATEMENT_NODES.bulletList,
    STATEMENT_NODES.orderedList,
  ],
  [STATEMENT_NODES.bulletList]: [STATEMENT_NODES.listItem],
  [STATEMENT_NODES.orderedList]: [STATEMENT_NODES.listItem],
  [STATEMENT_NODES.listItem]: [
    STATEMENT_NODES.paragraph,
    STATEMENT_NODES.bulletList,
    STATEMENT_NODES.orderedList,
  ],
  [STATEMENT_NODES.paragraph]: [STATEMENT_NODES.hardBreak],
  [STATEMENT_NODES.hardBreak]: [],
};

function checkStatementItem(item: Y.Item, placement: Placement) {
  const content = item.content;
  if (placement.kind === 'root') {
    if (placement.name !== STATEMENT_FRAGMENT) fail('unknown root type');
    if (placement.sub !== null) fail('attribute on the statement root');
  }
  if (content instanceof Y.ContentDeleted || placement.kind === 'discarded') return;
  const parent = placement.kind === 'root' ? null : placement.type;
  if (parent?.kind === 'other') return fail('parent type not allowed in a statement');
  if (parent?.kind === 'xmlText') {
    if (placement.sub !== null) fail('attribute on statement text');
    if (content instanceof Y.ContentFormat) checkMark(content);
    else if (!(content instanceof Y.ContentString)) fail('content not allowed in statement text');
    return;
  }
  const parentName = parent ? parent.nodeName : STATEMENT_FRAGMENT;
  const allowed = STATEMENT_CHILDREN[parentName];
  if (!allowed) return fail('unknown statement node');
  if (placement.sub !== null) {
    // Node attributes: y-prosemirror's bookkeeping only; statement nodes have none.
    if (!(content instanceof Y.ContentAny)) fail('attribute content not allowed');
    const values = (content as Y.ContentAny).arr;
    if (!Y_PROSEMIRROR_ATTRS.includes(placement.sub)) fail('attribute not allowed in a statement');
    if (values.length !== 1 || (values[0] !== null && !isPlainObject(values[0])))
      fail('bad internal attribute');
    return;
  }
  if (!(content instanceof Y.ContentType)) return fail('content not allowed in a statement node');
  const type = typeInfo(content.type);
  if (type.kind === 'xmlText') {
    if (parentName !== STATEMENT_NODES.paragraph) fail('text outside a paragraph');
    return;
  }
  if (type.kind !== 'xmlElement') return fail('type not allowed in a statement');
  if (!allowed.includes(type.nodeName)) fail('node not allowed here');
}
