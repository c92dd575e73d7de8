import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeAwarenessUpdate } from '../../../server/collab/awareness';
import { InboundFlow } from '../../../server/collab/inboundFlow';
import type { ClientMessage, RoomMessage } from '../../../server/collab/messages';
import { ProtocolError } from '../../../server/collab/protocolError';
import { CARET_INTERVAL_MS } from '../../../server/collab/quotas';
import { TokenBucket, takeAll } from '../../../server/limits/tokenBucket';

const update = (n: number): ClientMessage => ({
  type: 'update',
  update: new Uint8Array([n]),
  step2: false,
});
const caret = (clientID: number, clock: number, anchor: number): ClientMessage => ({
  type: 'awareness',
  update: writeAwarenessUpdate([{ clientID, clock, state: { cursor: { anchor } } }]),
});

function flowWith(options: { perSecond?: number; burst?: number } = {}) {
  const delivered: RoomMessage[] = [];
  const events: string[] = [];
  const failures: unknown[] = [];
  const flow = new InboundFlow(
    {
      messages: [new TokenBucket(options.perSecond ?? 40, options.burst ?? 200)],
      bytes: [new TokenBucket(1_000_000, 4_000_000)],
      carets: new TokenBucket(80, 160),
    },
    {
      isReady: () => true,
      deliver: (message) => delivered.push(message),
      fail: (error) => failures.push(error),
      pause: () => events.push('pause'),
      resume: () => events.push('resume'),
    },
  );
  flow.joinRoom(new TokenBucket(1_000, 4_000));
  const anchors = () =>
    delivered.flatMap((m) =>
      m.type === 'carets'
        ? m.entries.map(
            (e) => `${e.clientID}:${(e.state as { cursor: { anchor: number } }).cursor.anchor}`,
          )
        : [],
    );
  return { flow, delivered, events, failures, anchors };
}

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate; takeAll takes from every bucket or none', () => {
    const now = 1_000_000;
    const bucket = new TokenBucket(10, 5, now);
    for (let i = 0; i < 5; i++) expect(takeAll([{ bucket, cost: 1 }], now)).toBe(0);
    expect(bucket.waitFor(1, now)).toBe(100);
    expect(bucket.waitFor(1, now + 100)).toBe(0);
    // A cost above the burst counts as the burst: slow, never impossible.
    expect(bucket.waitFor(50, now + 10_000)).toBe(0);

    const wide = new TokenBucket(100, 100, now);
    const narrow = new TokenBucket(1, 1, now);
    narrow.take(1, now);
    const charges = [
      { bucket: wide, cost: 10 },
      { bucket: narrow, cost: 1 },
    ];
    expect(takeAll(charges, now)).toBe(1_000);
    expect(wide.waitFor(100, now)).toBe(0); // nothing was taken from the wide one
  });
});

describe('InboundFlow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('passes on the newest caret of each client id, after the text sent before it', () => {
    const { flow, delivered, anchors } = flowWith();
    flow.receive(update(1), 1);
    flow.receive(caret(7, 1, 1), 30);
    expect(delivered.map((m) => m.type)).toEqual(['update', 'carets']);
    // Within the interval: only the newest per client id is kept, and an echo of another
    // editor's state on the same socket does not displace the sender's own caret.
    flow.receive(update(2), 1);
    flow.receive(caret(7, 2, 2), 30);
    flow.receive(caret(7, 3, 3), 30);
    flow.receive(caret(9, 40, 99), 30);
    flow.receive(caret(7, 2, 2), 30); // an older clock never replaces a newer one
    vi.advanceTimersByTime(CARET_INTERVAL_MS);
    expect(delivered.map((m) => m.type)).toEqual(['update', 'carets', 'update', 'carets']);
    expect(anchors()).toEqual(['7:1', '7:3', '9:99']);
  });

  it('slows a sender over budget (pause, then resume) and keeps the order', () => {
    const { flow, delivered, events } = flowWith({ perSecond: 10, burst: 5 });
    for (let n = 0; n < 8; n++) flow.receive(update(n), 1);
    expect(delivered).toHaveLength(5);
    expect(events).toEqual(['pause']);
    vi.advanceTimersByTime(300);
    expect(delivered.map((m) => (m as { update: Uint8Array }).update[0])).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
    expect(events).toEqual(['pause', 'resume']);
  });

  it('refuses a sender that floods past what is held for it, and fails garbage carets', () => {
    const { flow } = flowWith({ perSecond: 1, burst: 1 });
    expect(() => {
      for (let n = 0; n < 1_000; n++) flow.receive(update(n), 1);
    }).toThrow(ProtocolError);

    const garbage = flowWith();
    garbage.flow.receive({ type: 'awareness', update: new Uint8Array([1, 2, 3]) }, 3);
    expect(garbage.failures).toHaveLength(1);
    expect(garbage.delivered).toEqual([]);
  });
});
