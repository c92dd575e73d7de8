import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyRoomUpdate, createRoomDoc, replayRoom } from '../../../server/collab/roomDoc';
import { MEMO_NODES } from '../../../shared/memo/format';
import { memoFragment } from '../../../shared/memo/memoDoc';

// A room stored before the nesting limit may hold a "nesting bomb": paragraphs nested 20,000
// deep. Yjs deletes and collects nested types by recursion, so deleting the bomb overflowed the
// stack. The server's documents delete and collect such content from the bottom up instead, and
// end in exactly the state Yjs would reach.

const BOMB_DEPTH = 20_000;

/** A memo whose one section holds `depth` paragraphs inside each other, and its outer one's id. */
function bombedMemo(depth: number): { bomb: Uint8Array; outer: Y.ID } {
  const doc = new Y.Doc();
  const section = new Y.XmlElement(MEMO_NODES.section);
  memoFragment(doc).insert(0, [section]);
  let parent = section;
  doc.transact(() => {
    for (let i = 0; i < depth; i++) {
      const paragraph = new Y.XmlElement(MEMO_NODES.paragraph);
      parent.insert(0, [paragraph]);
      parent = paragraph;
    }
    parent.insert(0, [new Y.XmlText('pohjalla')]);
  });
  section.insert(1, [new Y.XmlElement(MEMO_NODES.paragraph)]);
  return { bomb: Y.encodeStateAsUpdate(doc), outer: section._start!.id };
}

/**
 * What a client sends to delete one item: no structs, one delete range (Yjs's update encoding).
 * Written by hand because a client deleting the bomb with Yjs would recurse on its own side.
 */
function deleteOnly(id: Y.ID): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const n of [0, 1, id.client, 1, id.clock, 1]) encoding.writeVarUint(encoder, n);
  return encoding.toUint8Array(encoder);
}

function roomWith(state: Uint8Array): Y.Doc {
  const doc = createRoomDoc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** Apply `update` to a copy of `state` in `doc`, returning the update event's bytes. */
function effectOf(doc: Y.Doc, update: Uint8Array, apply: typeof applyRoomUpdate): Uint8Array[] {
  const events: Uint8Array[] = [];
  doc.on('update', (change: Uint8Array) => events.push(change));
  apply(doc, update, 'client');
  return events;
}

function sectionChildren(doc: Y.Doc): string[] {
  return (memoFragment(doc).get(0) as Y.XmlElement).toArray().map((node) => {
    return node instanceof Y.XmlElement ? node.nodeName : 'text';
  });
}

describe('room documents', () => {
  it('premise: plain Yjs overflows the stack deleting a 20,000-level bomb', () => {
    const { bomb, outer } = bombedMemo(BOMB_DEPTH);
    const plain = new Y.Doc();
    Y.applyUpdate(plain, bomb);
    expect(() => Y.applyUpdate(plain, deleteOnly(outer))).toThrow(RangeError);
  });

  it('deletes a 20,000-level bomb and collects it, leaving the rest of the memo', () => {
    const { bomb, outer } = bombedMemo(BOMB_DEPTH);
    const room = roomWith(bomb);
    const events = effectOf(room, deleteOnly(outer), applyRoomUpdate);
    expect(events).toHaveLength(1);
    expect(sectionChildren(room)).toEqual([MEMO_NODES.paragraph]);
    // Collected: the 20,000 paragraphs are one garbage range now, not items with content.
    const structs = room.store.clients.get(outer.client)!;
    expect(structs.length).toBeLessThan(10);
    expect(Y.encodeStateAsUpdate(room).length).toBeLessThan(200);
    // The stored effect deletes the whole subtree (the paragraphs, the text item and its 8
    // characters), as Yjs's own would.
    const { ds } = Y.decodeUpdate(events[0]!);
    expect(ds.clients.get(outer.client)).toEqual([
      expect.objectContaining({ clock: outer.clock, len: BOMB_DEPTH + 1 + 'pohjalla'.length }),
    ]);
  });

  it('replays a stored bomb and its deletion into the same document', () => {
    const { bomb, outer } = bombedMemo(BOMB_DEPTH);
    const live = roomWith(bomb);
    const [effect] = effectOf(live, deleteOnly(outer), applyRoomUpdate);
    for (const stored of [
      [bomb, effect!],
      [bomb, deleteOnly(outer)],
    ]) {
      const replayed = replayRoom(createRoomDoc, stored, 'log');
      expect(sectionChildren(replayed)).toEqual([MEMO_NODES.paragraph]);
      expect(Y.encodeStateAsUpdate(replayed)).toEqual(Y.encodeStateAsUpdate(live));
    }
  });

  it('ends in the state and update Yjs itself makes, for a subtree Yjs can still walk', () => {
    // 300 levels: deep enough for the bottom-up path, shallow enough for Yjs's recursion.
    const { bomb, outer } = bombedMemo(300);
    const ours = roomWith(bomb);
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, bomb);
    expect(effectOf(ours, deleteOnly(outer), applyRoomUpdate)).toEqual(
      effectOf(theirs, deleteOnly(outer), (doc, update, origin) =>
        Y.applyUpdate(doc, update, origin),
      ),
    );
    expect(Y.encodeStateAsUpdate(ours)).toEqual(Y.encodeStateAsUpdate(theirs));
    expect(Y.encodeStateVector(ours)).toEqual(Y.encodeStateVector(theirs));
  });

  it('applies ordinary edits exactly as Yjs does', () => {
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (update: Uint8Array) => updates.push(update));
    const section = new Y.XmlElement(MEMO_NODES.section);
    memoFragment(source).insert(0, [section]);
    const paragraph = new Y.XmlElement(MEMO_NODES.paragraph);
    section.insert(0, [paragraph]);
    const text = new Y.XmlText('Sovittiin');
    paragraph.insert(0, [text]);
    text.insert(9, ' jatkosta', { bold: {} });
    text.delete(0, 3);
    section.delete(0, 1);
    const ours = createRoomDoc();
    const theirs = new Y.Doc();
    for (const update of updates) {
      applyRoomUpdate(ours, update, null);
      Y.applyUpdate(theirs, update);
    }
    expect(Y.encodeStateAsUpdate(ours)).toEqual(Y.encodeStateAsUpdate(theirs));
    expect(Y.encodeStateAsUpdate(replayRoom(createRoomDoc, updates, null))).toEqual(
      Y.encodeStateAsUpdate(theirs),
    );
  });
});
