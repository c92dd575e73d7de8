import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roomAccess } from '../../../server/collab/access';
import { RoomAwareness, readAwarenessUpdate } from '../../../server/collab/awareness';
import { readClientMessage } from '../../../server/collab/messages';
import { ProtocolError } from '../../../server/collab/protocolError';
import { MESSAGE_SYNC } from '../../../shared/memo/protocol';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('reading client frames', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'abc');
  const step1 = frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });
  const update = frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
  });

  it('reads the messages y-websocket sends', () => {
    expect(readClientMessage(step1).type).toBe('syncStep1');
    expect(readClientMessage(update)).toMatchObject({ type: 'update', step2: false });
    expect(readClientMessage(new Uint8Array([3]))).toEqual({ type: 'queryAwareness' });
  });

  it('refuses truncated frames, trailing bytes, unknown types and bad state vectors', () => {
    const bad = [
      new Uint8Array([]),
      update.slice(0, update.length - 1),
      new Uint8Array([...update, 0]),
      new Uint8Array([...step1, 7]),
      new Uint8Array([2, 0, 1, 65]), // auth: only the server sends it
      new Uint8Array([100, 0]),
      new Uint8Array([0, 9, 0]),
      new Uint8Array([0, 0, 2, 5, 1]), // a state vector that claims five entries
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
    ];
    for (const bytes of bad) expect(() => readClientMessage(bytes)).toThrow(ProtocolError);
  });
});

describe('awareness', () => {
  const opened: RoomAwareness[] = [];
  afterEach(() => opened.splice(0).forEach((room) => room.destroy()));

  const identity = (id: string) => ({
    id,
    name: `Name ${id}`,
    partyId: 'party-1',
    role: 'representative' as const,
    colour: '#E11931',
    sessionHash: 'secret-session-hash',
  });

  function clientUpdate(clientID: number, state: unknown, clock = 1): Uint8Array {
    return frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, clientID);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, JSON.stringify(state));
    });
  }

  it('overwrites the claimed identity and never shows the session', () => {
    const sent: Uint8Array[] = [];
    const room = new RoomAwareness(new Y.Doc(), (update) => sent.push(update));
    opened.push(room);
    const owner = {};
    room.apply(
      owner,
      identity('u1'),
      readAwarenessUpdate(clientUpdate(42, { user: { name: 'Boss' }, cursor: 3 })),
    );
    expect(room.awareness.getStates().get(42)).toEqual({
      user: {
        id: 'u1',
        name: 'Name u1',
        partyId: 'party-1',
        role: 'representative',
        colour: '#E11931',
      },
      cursor: 3,
    });
    expect(sent).toHaveLength(1);
    expect(Buffer.from(sent[0]!).toString()).not.toContain('secret-session-hash');
  });

  it('keeps each client id with the connection that used it first, and forgets it on close', () => {
    const room = new RoomAwareness(new Y.Doc(), () => undefined);
    opened.push(room);
    const first = {};
    const second = {};
    room.apply(first, identity('u1'), readAwarenessUpdate(clientUpdate(7, { cursor: 1 })));
    room.apply(second, identity('u2'), readAwarenessUpdate(clientUpdate(7, { cursor: 2 }, 2)));
    expect((room.awareness.getStates().get(7) as any).user.id).toBe('u1');
    room.release(first);
    expect(room.awareness.getStates().has(7)).toBe(false);
    room.apply(second, identity('u2'), readAwarenessUpdate(clientUpdate(7, { cursor: 2 }, 3)));
    expect((room.awareness.getStates().get(7) as any).user.id).toBe('u2');
  });

  it('carries carets between instances: echoes never take an id, its own user may', () => {
    const toB: Uint8Array[] = [];
    const onA = new RoomAwareness(new Y.Doc(), (update, local) => {
      if (local) toB.push(update);
    });
    const heardOnB: boolean[] = [];
    const onB = new RoomAwareness(new Y.Doc(), (_update, local) => heardOnB.push(local));
    opened.push(onA, onB);
    const deliver = () => toB.splice(0).forEach((update) => onB.applyFromInstance(update));
    const editorOnA = {};
    onA.apply(editorOnA, identity('u1'), readAwarenessUpdate(clientUpdate(9, { cursor: 1 })));
    deliver();
    expect((onB.awareness.getStates().get(9) as any).user.id).toBe('u1');
    // Applied from another instance: B's own connections hear it, it is not sent back.
    expect(heardOnB).toEqual([false]);
    expect(onB.encodeLocal()).toBeNull();

    // An editor on B echoes the state it heard: that neither takes the id nor rewrites it.
    const echoing = {};
    onB.apply(echoing, identity('u2'), readAwarenessUpdate(clientUpdate(9, { cursor: 5 }, 2)));
    expect((onB.awareness.getStates().get(9) as any).user.id).toBe('u1');
    // So the caret leaves B when its editor leaves A.
    onA.release(editorOnA);
    deliver();
    expect(onB.awareness.getStates().has(9)).toBe(false);

    // An editor that moved from A to B (same user, same id) keeps its caret there.
    onA.apply(editorOnA, identity('u1'), readAwarenessUpdate(clientUpdate(9, { cursor: 1 }, 3)));
    deliver();
    const moved = {};
    onB.apply(moved, identity('u1'), readAwarenessUpdate(clientUpdate(9, { cursor: 2 }, 4)));
    expect(onB.awareness.getStates().get(9)).toMatchObject({ cursor: 2, user: { id: 'u1' } });
    expect(readAwarenessUpdate(onB.encodeLocal()!).map((entry) => entry.clientID)).toEqual([9]);
  });

  it('refuses awareness garbage', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ cursor: 1 });
    const good = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
    awareness.destroy();
    expect(readAwarenessUpdate(good)).toMatchObject([{ state: { cursor: 1 } }]);
    expect(() => readAwarenessUpdate(new Uint8Array([1, 1, 1, 3, 123, 34]))).toThrow(ProtocolError);
    expect(() => readAwarenessUpdate(new Uint8Array([5]))).toThrow(ProtocolError);
    expect(() => readAwarenessUpdate(new Uint8Array([0, 0]))).toThrow(ProtocolError);
  });
});

describe('room access', () => {
  const memo = { kind: 'memo' as const, meetingId: 'm1' };
  const party = { kind: 'party' as const, meetingId: 'm1', partyId: 'p1' };
  const statement = { kind: 'statement' as const, statementId: 's1' };

  it.each([
    ['chair', null, memo, 'write', null],
    ['secretary', null, party, 'read', 'not_allowed'],
    ['representative', 'p1', party, 'write', null],
    ['deputy', 'p1', party, 'write', null],
    ['representative', 'p2', party, 'read', 'not_allowed'],
    ['deputy', 'p2', memo, 'write', null],
    ['representative', 'p2', statement, 'write', null],
    ['secretary', null, statement, 'write', null],
    ['reader', null, statement, 'read', 'not_allowed'],
  ] as const)('%s of %s in %o: %s', (role, partyId, room, mode, reason) => {
    expect(roomAccess(room, { role, partyId }, false)).toEqual({ mode, reason });
  });

  it('locks every room of an approved meeting, and a released statement, for everyone', () => {
    expect(roomAccess(memo, { role: 'chair' }, true)).toEqual({
      mode: 'read',
      reason: 'locked',
    });
    expect(roomAccess(party, { role: 'representative', partyId: 'p1' }, true)).toEqual({
      mode: 'read',
      reason: 'locked',
    });
    expect(roomAccess(statement, { role: 'representative', partyId: 'p1' }, true)).toEqual({
      mode: 'read',
      reason: 'locked',
    });
  });
});
