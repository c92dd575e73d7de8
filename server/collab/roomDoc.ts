// The server's Y.Docs of stored rooms, made so that no stored document, however deep, can
// overflow the stack. Yjs deletes and garbage-collects a nested type by recursing into its
// children, a few frames per level: about 5,000 levels overflow Node's stack. New updates cannot
// nest that deep (MAX_NESTING_DEPTH), but a room stored before that limit may hold a "nesting
// bomb" of 20,000 levels, and deleting it must still work, now and when the log is replayed.
// So the server itself deletes and collects deep nested content from the bottom up, leaving Yjs
// nothing to recurse into; the resulting document and update are the ones Yjs would make.
import * as Y from 'yjs';

/**
 * Subtrees at most this deep are left to Yjs's own recursion (a few frames per level, far from
 * Node's limit): every document made since the nesting limit, so honest edits take Yjs's path.
 */
const RECURSION_SAFE_DEPTH = 256;

/** A fresh document for a room: nested content is garbage-collected from the bottom up. */
export function createRoomDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.gcFilter = (item) => {
    // Yjs collects a deleted type by recursing into its children; emptying the nested types
    // first, deepest first, leaves it one level to walk. Same end state, in the same store.
    if (item.content instanceof Y.ContentType) {
      const nested = nestedTypes(item.content.type, () => true);
      for (let i = nested.length - 1; i >= 0; i--) nested[i]!.content.gc(doc.store);
    }
    return true;
  };
  return doc;
}

/**
 * Y.applyUpdate, except that a type the update deletes has its nested types deleted first,
 * deepest first, when it is too deep for Yjs's recursion. Use with documents from
 * `createRoomDoc` (which collect them the same way).
 */
export function applyRoomUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) {
    Y.applyUpdate(doc, update, origin);
    return;
  }
  // One transaction with Y.applyUpdate's own origin and `local` flag, so observers and the
  // update event see one change, exactly as they would without the deletions first.
  Y.transact(
    doc,
    (transaction) => {
      for (const item of deletedTypes(doc, ds)) deleteNestedFirst(transaction, item);
      Y.applyUpdate(doc, update, origin);
    },
    origin,
    false,
  );
}

/**
 * Replay stored updates into a fresh document in one transaction. A stored deletion of deep
 * content (possible only for rooms stored before the nesting limit) overflows Yjs's recursion:
 * the replay then starts again on a new document, deleting such content bottom-up (which costs
 * decoding every update once more, so it is not the first try).
 */
export function replayRoom(
  createDoc: () => Y.Doc,
  updates: readonly Uint8Array[],
  origin: unknown,
): Y.Doc {
  const doc = createDoc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update, origin);
    }, origin);
    return doc;
  } catch {
    // The stack overflowed (and Yjs's clean-up of the half-done transaction may have thrown
    // something else on top). Any other failure fails the slower way too, and is thrown there.
    doc.destroy();
  }
  const careful = createDoc();
  careful.transact(() => {
    for (const update of updates) applyRoomUpdate(careful, update, origin);
  }, origin);
  return careful;
}

type ContentTypeItem = Y.Item & { content: Y.ContentType };
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

function isTypeItem(item: Y.Item): item is ContentTypeItem {
  return item.content instanceof Y.ContentType;
}

/** The items of types the delete set removes that are still alive in `doc`. */
function deletedTypes(doc: Y.Doc, ds: DeleteSet): ContentTypeItem[] {
  const found: ContentTypeItem[] = [];
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      if (clock >= state) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= clock + len) break;
        if (struct instanceof Y.Item && !struct.deleted && isTypeItem(struct)) found.push(struct);
      }
    }
  }
  return found;
}

/** Delete the nested types of a deep type from the bottom up; shallow ones are left to Yjs. */
function deleteNestedFirst(transaction: Y.Transaction, item: ContentTypeItem): void {
  let tooDeep = false;
  const nested = nestedTypes(
    item.content.type,
    (child) => !child.deleted,
    (depth) => {
      tooDeep ||= depth > RECURSION_SAFE_DEPTH;
    },
  );
  if (!tooDeep) return;
  // A type whose children are already deleted is deleted without recursing.
  for (let i = nested.length - 1; i >= 0; i--) nested[i]!.delete(transaction);
}

/**
 * The items of every type nested in `type` (children, attributes, and so on down), each before
 * the ones inside it, found without recursion; `follow` decides which are listed and entered.
 */
function nestedTypes(
  type: Y.AbstractType<unknown>,
  follow: (child: ContentTypeItem) => boolean,
  onDepth: (depth: number) => void = () => undefined,
): ContentTypeItem[] {
  const found: ContentTypeItem[] = [];
  const stack: { type: Y.AbstractType<unknown>; depth: number }[] = [{ type, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const visit = (child: Y.Item) => {
      if (!isTypeItem(child) || !follow(child)) return;
      found.push(child);
      stack.push({ type: child.content.type, depth: next.depth + 1 });
      onDepth(next.depth + 1);
    };
    for (let child = next.type._start; child !== null; child = child.right) visit(child);
    for (const last of next.type._map.values()) {
      for (let child: Y.Item | null = last; child !== null; child = child.left) visit(child);
    }
  }
  return found;
}

/**
 * applyRoomUpdate, returning what the update changed in `doc` (the update Yjs emits for its
 * transaction); null when it brought nothing new.
 */
export function applyCapturing(doc: Y.Doc, update: Uint8Array, origin: unknown): Uint8Array | null {
  let effective: Uint8Array | null = null;
  const capture = (change: Uint8Array, changeOrigin: unknown) => {
    if (changeOrigin === origin) effective = change;
  };
  doc.on('update', capture);
  try {
    applyRoomUpdate(doc, update, origin);
  } finally {
    doc.off('update', capture);
  }
  return effective;
}
