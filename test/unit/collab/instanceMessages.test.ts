import { describe, expect, it } from 'vitest';
import {
  decodeInstanceMessage,
  encodeInstanceMessage,
  MAX_RELAYED_ENTRY_BYTES,
  type InstanceMessage,
} from '../../../server/collab/instanceMessages';

describe('messages between instances', () => {
  it('round-trips every kind', () => {
    const messages: InstanceMessage[] = [
      { type: 'stored', seq: 2 ** 40, update: new Uint8Array([1, 2, 3]) },
      { type: 'stored', seq: 1, update: null },
      { type: 'awareness', update: new Uint8Array([0]) },
      { type: 'awarenessQuery' },
    ];
    for (const message of messages)
      expect(decodeInstanceMessage(encodeInstanceMessage(message))).toEqual(message);
  });

  it('sends a large entry by reference: the receiver reads it from the store', () => {
    const big = new Uint8Array(MAX_RELAYED_ENTRY_BYTES + 1);
    const sent = encodeInstanceMessage({ type: 'stored', seq: 7, update: big });
    expect(sent.length).toBeLessThan(16);
    expect(decodeInstanceMessage(sent)).toEqual({ type: 'stored', seq: 7, update: null });
  });

  it('drops what is not a message, also one with bytes after its end', () => {
    const good = encodeInstanceMessage({ type: 'awareness', update: new Uint8Array([5, 6]) });
    for (const bad of [
      new Uint8Array([]),
      new Uint8Array([9]),
      new Uint8Array([0, 1, 1, 200]),
      Uint8Array.from([...good, 0]),
      good.subarray(0, good.length - 1),
    ])
      expect(decodeInstanceMessage(bad)).toBeNull();
  });
});
