import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomLog, RoomSealedError } from '../../server/collab/roomLog';
import type { Database } from '../../server/db/collection';
import { createLogger } from '../../server/logger';
import { createRepositories, type Repositories } from '../../server/repositories';
import { ENGINES, openTestDatabase } from '../support/engines';
import { missingFrom } from '../support/savedClaims';

// Two RoomLogs on one room stand for two server instances on one database: B lags behind while
// A appends and compacts the entries B has not seen into a snapshot.

describe.each(ENGINES)('a collab log shared by two instances on %s', (engine) => {
  let db: Database;
  let repos: Repositories;
  const logger = createLogger('silent');

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    repos = createRepositories(db);
  });
  afterAll(async () => {
    await db.dropAll();
    await db.close();
  });

  /** An instance's view of the room: its log and its document. */
  async function instance(room: string) {
    const log = new RoomLog(repos.collabLog, room, logger);
    const doc = await log.load(() => new Y.Doc());
    const apply = (update: Uint8Array) => Y.applyUpdate(doc, update);
    /** Type `text` at the end and store it as one entry (the seq it was stored at). */
    const type = async (text: string) => {
      const before = Y.encodeStateVector(doc);
      const t = doc.getText('t');
      t.insert(t.length, text);
      return log.append(Y.encodeStateAsUpdate(doc, before), apply);
    };
    return { log, doc, apply, type };
  }

  const freshLoad = (room: string) =>
    new RoomLog(repos.collabLog, room, logger).load(() => new Y.Doc());

  /** What `claim` has that a fresh load of the room lacks. */
  async function lostFrom(room: string, claim: Y.Doc) {
    const stored = await freshLoad(room);
    const missing = missingFrom(Y.encodeStateAsUpdate(stored), Y.encodeStateAsUpdate(claim));
    stored.destroy();
    return missing;
  }

  it(`${engine}: a writer that loses a race takes the winner's announced entries, then stores`, async () => {
    const room = `${randomUUID()}/memo`;
    const a = await instance(room);
    const b = await instance(room);
    const announced = new Map<number, Uint8Array>();
    for (const text of ['yksi ', 'kaksi ']) {
      const before = Y.encodeStateVector(a.doc);
      const seq = await a.type(text);
      announced.set(seq, Y.encodeStateAsUpdate(a.doc, before));
    }
    // A third entry of A's that B never heard of: B reads that one from the store.
    await a.type('kolme ');
    const t = b.doc.getText('t');
    const before = Y.encodeStateVector(b.doc);
    t.insert(0, 'B: ');
    const heardAsked: number[] = [];
    const seq = await b.log.append(Y.encodeStateAsUpdate(b.doc, before), b.apply, (n) => {
      heardAsked.push(n);
      return announced.get(n);
    });
    expect(seq).toBe(4);
    // 1 and 2 were heard before the first try; 3 was not, before or after the try at 3 failed:
    // it was read from the store.
    expect(heardAsked).toEqual([1, 2, 3, 3]);
    // Concurrent inserts at the start: Yjs orders them by client id.
    expect(t.toJSON().replace('B: ', '')).toBe('yksi kaksi kolme ');
    expect(t.toJSON()).toContain('B: ');
    expect(await lostFrom(room, b.doc)).toEqual({ items: 0, deletions: 0 });
  });

  it(`${engine}: a lagging writer's append lands above the other's snapshot, where loads read it`, async () => {
    const room = `${randomUUID()}/memo`;
    const a = await instance(room);
    const b = await instance(room);
    for (const text of ['yksi ', 'kaksi ', 'kolme ']) await a.type(text);
    await a.log.compact(a.doc);

    // B still thinks entry 1 is next; that number was compacted away (deleted).
    expect(await b.type('B')).toBe(4);
    expect(b.log.position).toBe(4);
    // Concurrent inserts at one position: Yjs orders them by client id.
    expect(b.doc.getText('t').toJSON().replace('B', '')).toBe('yksi kaksi kolme ');
    expect(await lostFrom(room, b.doc)).toEqual({ items: 0, deletions: 0 });
    expect(await lostFrom(room, a.doc)).toEqual({ items: 0, deletions: 0 });
  });

  it(`${engine}: a catch-up over a compaction gets everything, and the lagging compaction keeps it`, async () => {
    const room = `${randomUUID()}/memo`;
    const a = await instance(room);
    const b = await instance(room);
    for (const text of ['yksi ', 'kaksi ', 'kolme ']) await a.type(text);
    await a.log.compact(a.doc);
    await a.type('neljä ');

    await b.log.catchUp(b.apply);
    expect(b.log.position).toBe(4);
    expect(b.doc.getText('t').toJSON()).toBe('yksi kaksi kolme neljä ');

    // B writes on and compacts; A, behind it, compacts at its own position, then writes.
    await b.type('B');
    await b.type('C');
    await b.log.compact(b.doc);
    await a.log.compact(a.doc);
    expect(await a.type('A')).toBe(7);
    expect(await lostFrom(room, a.doc)).toEqual({ items: 0, deletions: 0 });
    expect(await lostFrom(room, b.doc)).toEqual({ items: 0, deletions: 0 });
  });

  it(`${engine}: a seal that a compaction deleted still stops the lagging writer`, async () => {
    const room = `${randomUUID()}/memo`;
    const a = await instance(room);
    const b = await instance(room);
    await a.type('ennen');
    expect(await a.log.seal({ meetingId: 'm', version: 1 }, a.apply)).toBe(2);
    // Reopened: writing went on after the seal, then everything was compacted.
    await a.type(' jälkeen');
    await a.log.compact(a.doc);

    const refused = await b.type('myöhässä').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RoomSealedError);
    expect((refused as RoomSealedError).sealedFor).toEqual({ meetingId: 'm', version: 1 });
    expect((refused as RoomSealedError).seq).toBe(2);
    // The refused write was not stored.
    const stored = await freshLoad(room);
    expect(stored.getText('t').toJSON()).toBe('ennen jälkeen');
    stored.destroy();

    // An approval retried on the lagging instance finds its own seal inside the snapshot.
    const c = await instance(room);
    await a.type('!');
    await a.log.compact(a.doc);
    const late = new RoomLog(repos.collabLog, room, logger);
    expect(await late.seal({ meetingId: 'm', version: 1 }, () => undefined)).toBe(2);
    // And a later approval seals after everything, carrying on in the next snapshot.
    expect(await c.log.seal({ meetingId: 'm', version: 2 }, c.apply)).toBe(5);
    expect(c.doc.getText('t').toJSON()).toBe('ennen jälkeen!');
    await c.log.compact(c.doc);
    expect((await instance(room)).log.position).toBe(5);
    await expect(a.type('?')).rejects.toMatchObject({ seq: 5, sealedFor: { version: 2 } });
  });

  it(`${engine}: an entry published by another instance is taken only when it is the next one`, async () => {
    const room = `${randomUUID()}/memo`;
    const a = await instance(room);
    const b = await instance(room);
    const published: Uint8Array[] = [];
    a.doc.on('update', (update: Uint8Array) => published.push(update));
    expect(await a.type('yksi')).toBe(1);
    expect(await a.type(' kaksi')).toBe(2);

    expect(b.log.acceptNext(2, published[1]!, null, b.apply)).toBe(false);
    expect(b.log.position).toBe(0);
    expect(b.log.acceptNext(1, published[0]!, null, b.apply)).toBe(true);
    expect(b.log.acceptNext(1, published[0]!, null, b.apply)).toBe(false);
    expect(b.log.acceptNext(2, published[1]!, null, b.apply)).toBe(true);
    expect(b.log.position).toBe(2);
    expect(b.doc.getText('t').toJSON()).toBe('yksi kaksi');

    expect(await a.log.seal({ meetingId: 'm', version: 1 }, a.apply)).toBe(3);
    expect(() =>
      b.log.acceptNext(3, new Uint8Array(), { meetingId: 'm', version: 1 }, b.apply),
    ).toThrow(RoomSealedError);
    expect(b.log.position).toBe(3);
    // B's next snapshot carries the seal it learnt of that way.
    await b.log.compact(b.doc);
    const c = await instance(room);
    expect(c.log.position).toBe(3);
    await expect(
      new RoomLog(repos.collabLog, room, logger).seal(
        { meetingId: 'm', version: 1 },
        () => undefined,
      ),
    ).resolves.toBe(3);
  });
});
