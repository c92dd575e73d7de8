import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createLogger } from '../../server/logger';
import {
  createInstanceEventBus,
  EVENTS_CHANNEL,
  type MeetingEvent,
} from '../../server/realtime/bus';
import { createRedisPubSub, type RedisPubSub } from '../../server/realtime/redisPubSub';
import { waitUntil } from '../support/rawCollab';
import { startRedis, type TestRedis } from '../support/redis';

// The link between instances on a real redis-server: what one process publishes reaches the
// others (never itself, never another deployment), binary intact; while Redis is down nothing
// throws, publishes are dropped and counted and the link says so; after a restart it is
// re-subscribed before it says it is back.

const logs: string[] = [];
const logger = createLogger(
  'debug',
  new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString());
      callback();
    },
  }),
);

describe('InstancePubSub over Redis', () => {
  const opened: RedisPubSub[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
  });

  async function instance(url: string, prefix: string) {
    const pubsub = createRedisPubSub({ url, prefix, logger });
    opened.push(pubsub);
    await pubsub.connected;
    return pubsub;
  }

  it('takes turns: a second instance waits until the first gives the turn back, or goes ahead', async () => {
    const prefix = `t:${randomUUID()}:`;
    const url = inject('redisUrl');
    const [a, b] = await Promise.all([instance(url, prefix), instance(url, prefix)]);
    const order: string[] = [];
    const releaseA = await a.takeTurn('room', { holdMs: 5_000, waitMs: 1_000 });
    order.push('A has it');
    const bTurn = b.takeTurn('room', { holdMs: 5_000, waitMs: 5_000 }).then((release) => {
      order.push('B has it');
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    order.push('A gives it back');
    releaseA();
    const releaseB = await bTurn;
    expect(order).toEqual(['A has it', 'A gives it back', 'B has it']);
    // Held by B: A goes ahead once it has waited long enough (the turn is only an optimisation),
    // and giving back a turn it never got leaves B's alone.
    const raw = createClient({ url });
    await raw.connect();
    try {
      const key = `${prefix}turn:room`;
      const heldByB = await raw.get(key);
      expect(heldByB).not.toBeNull();
      const wentAhead = await a.takeTurn('room', { holdMs: 5_000, waitMs: 150 });
      wentAhead();
      // A command on the same connection after it: the release has been processed by then.
      (await a.takeTurn('another room', { holdMs: 10, waitMs: 1_000 }))();
      expect(await raw.get(key)).toBe(heldByB);
      releaseB();
      await vi.waitFor(async () => expect(await raw.get(key)).toBeNull());
    } finally {
      raw.destroy();
    }
  });

  it('reaches the other instances of the deployment, binary intact, and never itself', async () => {
    const prefix = `t:${randomUUID()}:`;
    const url = inject('redisUrl');
    const [a, b, elsewhere] = await Promise.all([
      instance(url, prefix),
      instance(url, prefix),
      instance(url, `t:${randomUUID()}:`),
    ]);
    const heard = { a: [] as Uint8Array[], b: [] as Uint8Array[], elsewhere: [] as Uint8Array[] };
    await a.subscribe('room', (payload) => heard.a.push(payload));
    await b.subscribe('room', (payload) => heard.b.push(payload));
    await elsewhere.subscribe('room', (payload) => heard.elsewhere.push(payload));
    const payload = Uint8Array.from([0, 255, 1, 128, 0, 10, 13]);
    a.publish('room', payload);
    a.publish('room', new Uint8Array());
    await waitUntil(() => heard.b.length === 2, 5_000, 'B hears both');
    expect(heard.b.map((bytes) => [...bytes])).toEqual([[...payload], []]);
    // A round trip on the same connection after the publishes: anything for A would be here.
    b.publish('room', Uint8Array.of(7));
    await waitUntil(() => heard.a.length === 1, 5_000, 'A hears B');
    expect([...heard.a[0]!]).toEqual([7]);
    expect(heard.elsewhere).toEqual([]);
    expect(a.dropped).toBe(0);
  });

  it('stops hearing a channel once unsubscribed, and other listeners keep it', async () => {
    const prefix = `t:${randomUUID()}:`;
    const url = inject('redisUrl');
    const [a, b] = await Promise.all([instance(url, prefix), instance(url, prefix)]);
    const first: number[] = [];
    const second: number[] = [];
    const unsubscribe = await b.subscribe('c', (payload) => first.push(payload[0]!));
    await b.subscribe('c', (payload) => second.push(payload[0]!));
    a.publish('c', Uint8Array.of(1));
    await waitUntil(() => first.length === 1 && second.length === 1, 5_000, 'both hear 1');
    await unsubscribe();
    a.publish('c', Uint8Array.of(2));
    await waitUntil(() => second.length === 2, 5_000, 'the second hears 2');
    expect(first).toEqual([1]);
  });

  it('a malformed event is logged and dropped; well-formed ones reach the other bus', async () => {
    const prefix = `t:${randomUUID()}:`;
    const url = inject('redisUrl');
    const [a, b] = await Promise.all([instance(url, prefix), instance(url, prefix)]);
    const malformed: number[] = [];
    const errors: unknown[] = [];
    const busB = await createInstanceEventBus(
      b,
      (error) => errors.push(error),
      (bytes) => malformed.push(bytes.byteLength),
    );
    const busA = await createInstanceEventBus(
      a,
      () => undefined,
      () => undefined,
    );
    const heard: MeetingEvent[] = [];
    const heardOnA: MeetingEvent[] = [];
    busB.subscribe((event) => heard.push(event));
    busA.subscribe((event) => heardOnA.push(event));
    for (const junk of ['{', 'null', '[]', '{"type":"noSuchEvent"}', '"sessionEnded"'])
      a.publish(EVENTS_CHANNEL, Buffer.from(junk));
    const event: MeetingEvent = { type: 'sessionEnded', userId: 'u1', sessionHash: 'h1' };
    busA.publish(event);
    await waitUntil(() => heard.length === 1, 5_000, 'B hears the event');
    expect(heard).toEqual([event]);
    // The publisher's own listeners hear it once, locally.
    await waitUntil(() => heardOnA.length === 1, 5_000, 'A hears its own event');
    expect(malformed).toHaveLength(5);
    expect(errors).toEqual([]);
    await Promise.all([busA.close(), busB.close()]);
  });
});

describe('InstancePubSub when Redis restarts', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis.stop());

  it('reports the link down, drops and counts what is published meanwhile, and is back re-subscribed', async () => {
    const prefix = `t:${randomUUID()}:`;
    const a = createRedisPubSub({ url: redis.url, prefix, logger });
    const b = createRedisPubSub({ url: redis.url, prefix, logger });
    try {
      await Promise.all([a.connected, b.connected]);
      const links: boolean[] = [];
      b.onLinkChange((linked) => links.push(linked));
      const heard: number[] = [];
      await b.subscribe('x', (payload) => heard.push(payload[0]!));
      expect(b.linked).toBe(true);

      await redis.kill9();
      await waitUntil(() => !a.linked && !b.linked, 5_000, 'both links down');
      expect(links).toEqual([false]);
      expect(() => a.publish('x', Uint8Array.of(1))).not.toThrow();
      expect(a.dropped).toBe(1);

      const restartedAt = Date.now();
      await redis.start();
      await waitUntil(() => a.linked && b.linked, 5_000, 'both links up');
      const backAfter = Date.now() - restartedAt;
      expect(links).toEqual([false, true]);
      // `true` came after re-subscribing: the first message after it is heard.
      a.publish('x', Uint8Array.of(2));
      await waitUntil(() => heard.length === 1, 5_000, 'B hears after the restart');
      expect(heard).toEqual([2]);
      console.log(`[redis pub/sub] link back ${backAfter} ms after redis-server started`);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('a process started while Redis is down links up once it is there', async () => {
    await redis.kill9();
    const a = createRedisPubSub({ url: redis.url, prefix: `t:${randomUUID()}:`, logger });
    try {
      const links: boolean[] = [];
      a.onLinkChange((linked) => links.push(linked));
      // Subscribing does not wait for Redis; the link's `true` says when messages flow.
      await a.subscribe('y', () => undefined);
      expect(a.linked).toBe(false);
      await redis.start();
      await a.connected;
      await waitUntil(() => a.linked, 5_000, 'linked');
      expect(links).toEqual([true]);
    } finally {
      await a.close();
    }
  });
});
