import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DocCollection } from '../../server/db/collection';
import * as Y from 'yjs';
import { RoomLog, RoomSealedError } from '../../server/collab/roomLog';
import { DuplicateKeyError } from '../../server/errors';
import { createLogger } from '../../server/logger';
import { createRepositories, type Repositories } from '../../server/repositories';
import { ENGINES, openTestDatabase } from '../support/engines';

// One suite, every engine: the repositories are written once against DocCollection, so each
// engine must answer these numbered cases the same way.

interface Item {
  _id: string;
  group: string;
  n: number;
  tags: string[];
  at: Date;
  note?: string | null;
}

describe.each(ENGINES)('storage contract on %s', (engine) => {
  let db: Database;
  let items: DocCollection<Item>;
  let repos: Repositories;

  beforeAll(async () => {
    db = await openTestDatabase(engine);
    await db.ensureIndexes([{ collection: 'items', fields: ['group', 'n'], unique: true }]);
    items = db.collection<Item>('items');
    repos = createRepositories(db);
  });
  afterAll(async () => {
    await db.dropAll();
    await db.close();
  });

  const item = (group: string, n: number, extra: Partial<Item> = {}): Item => ({
    _id: randomUUID(),
    group,
    n,
    tags: [],
    at: new Date(Date.UTC(2026, 0, n)),
    ...extra,
  });

  it(`C1 ${engine}: inserts and finds a document by id with dates intact`, async () => {
    const doc = item('c1', 1);
    await items.insertOne(doc);
    const found = await items.findOne({ _id: doc._id });
    expect(found).toEqual(doc);
    expect(found?.at).toBeInstanceOf(Date);
  });

  it(`C2 ${engine}: a unique compound index refuses a duplicate with DuplicateKeyError`, async () => {
    await items.insertOne(item('c2', 1));
    await items.insertOne(item('c2', 2));
    await expect(items.insertOne(item('c2', 1))).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await items.countDocuments({ group: 'c2' })).toBe(2);
  });

  it(`C3 ${engine}: find sorts, limits and filters with $in, $gt, $lt, $ne`, async () => {
    for (const n of [5, 3, 9, 1, 7]) await items.insertOne(item('c3', n));
    const sorted = await items.find({ group: 'c3' }, { sort: { n: -1 }, limit: 3 });
    expect(sorted.map((d) => d.n)).toEqual([9, 7, 5]);
    expect(
      (await items.find({ group: 'c3', n: { $in: [1, 9] } }, { sort: { n: 1 } })).map((d) => d.n),
    ).toEqual([1, 9]);
    expect(
      (await items.find({ group: 'c3', n: { $gt: 3, $lt: 9 } }, { sort: { n: 1 } })).map(
        (d) => d.n,
      ),
    ).toEqual([5, 7]);
    expect(await items.countDocuments({ group: 'c3', n: { $ne: 5 } })).toBe(4);
    const dated = await items.find({ group: 'c3', at: { $gt: new Date(Date.UTC(2026, 0, 6)) } });
    expect(dated.map((d) => d.n).sort()).toEqual([7, 9]);
  });

  it(`C4 ${engine}: findOneAndUpdate applies $set and $inc atomically and returns the new state`, async () => {
    const doc = item('c4', 1);
    await items.insertOne(doc);
    const updated = await items.findOneAndUpdate(
      { _id: doc._id, n: 1 },
      { $set: { note: 'x' }, $inc: { n: 1 } },
    );
    expect(updated).toMatchObject({ n: 2, note: 'x' });
    // The guard no longer matches: nothing changes and null says so.
    expect(await items.findOneAndUpdate({ _id: doc._id, n: 1 }, { $inc: { n: 1 } })).toBeNull();
    expect((await items.findOne({ _id: doc._id }))?.n).toBe(2);
  });

  it(`C5 ${engine}: of concurrent inserts under one unique key exactly one wins`, async () => {
    // Compare-and-set is built on this, not on conditional updates: FerretDB v1 applies those
    // non-atomically, so two guarded updates can both "win" there.
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => items.insertOne({ ...item('c5', 1), _id: 'c5-key' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(DuplicateKeyError);
    }
  });

  it(`C6 ${engine}: upsert creates a missing document, then updates it`, async () => {
    const id = randomUUID();
    const first = await items.findOneAndUpdate(
      { _id: id },
      { $set: { group: 'c6', n: 1, tags: [], at: new Date() } },
      { upsert: true },
    );
    expect(first).toMatchObject({ _id: id, n: 1 });
    const second = await items.findOneAndUpdate({ _id: id }, { $inc: { n: 5 } }, { upsert: true });
    expect(second?.n).toBe(6);
  });

  it(`C7 ${engine}: $push appends, $unset removes, null matches a null field`, async () => {
    const doc = item('c7', 1, { note: null });
    await items.insertOne(doc);
    expect(await items.findOne({ _id: doc._id, note: null })).not.toBeNull();
    await items.updateOne({ _id: doc._id }, { $push: { tags: 'a' } });
    await items.updateOne({ _id: doc._id }, { $push: { tags: 'b' }, $unset: { note: true } });
    const found = await items.findOne({ _id: doc._id });
    expect(found?.tags).toEqual(['a', 'b']);
    expect(found && 'note' in found).toBe(false);
  });

  it(`C8 ${engine}: deleteOne and deleteMany report what they removed`, async () => {
    for (const n of [1, 2, 3]) await items.insertOne(item('c8', n));
    expect(await items.deleteOne({ group: 'c8', n: 2 })).toBe(1);
    expect(await items.deleteOne({ group: 'c8', n: 2 })).toBe(0);
    expect(await items.deleteMany({ group: 'c8' })).toBe(2);
    expect(await items.countDocuments({ group: 'c8' })).toBe(0);
  });

  it(`C9 ${engine}: operator-shaped values in data are stored as data, not run as queries`, async () => {
    const doc = item('c9', 1, { note: '{"$gt":""}' });
    await items.insertOne(doc);
    expect(await items.findOne({ group: 'c9', note: '{"$gt":""}' })).not.toBeNull();
  });

  it(`C10 ${engine}: repositories enforce unique email and one membership per group`, async () => {
    const user = await repos.users.create({
      email: 'a@example.fi',
      name: 'A',
      passwordHash: 'h',
      locale: 'fi',
    });
    await expect(
      repos.users.create({ email: 'a@example.fi', name: 'B', passwordHash: 'h', locale: 'fi' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    const group = await repos.groups.create({ name: 'G', municipality: '' });
    await repos.memberships.add({
      groupId: group._id,
      userId: user._id,
      role: 'chair',
      partyId: null,
    });
    await expect(
      repos.memberships.add({
        groupId: group._id,
        userId: user._id,
        role: 'reader',
        partyId: null,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it(`C11 ${engine}: an invitation can be consumed exactly once, even concurrently`, async () => {
    const group = await repos.groups.create({ name: 'G11', municipality: '' });
    await repos.invitations.create({
      groupId: group._id,
      email: 'x@example.fi',
      role: 'reader',
      partyId: null,
      tokenHash: 'hash-c11',
      invitedBy: 'u',
      expiresAt: new Date(Date.now() + 60_000),
    });
    const results = await Promise.all([1, 2, 3].map(() => repos.invitations.consume('hash-c11')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repos.invitations.findUsable('hash-c11')).toBeNull();
  });

  it(`C12 ${engine}: attempts are counted in a sliding window, concurrently too`, async () => {
    const start = new Date();
    await Promise.all(Array.from({ length: 5 }, () => repos.rateLimits.hit('k', 1000, start)));
    expect(await repos.rateLimits.hit('k', 1000, start)).toBe(6);
    expect(await repos.rateLimits.hit('k', 1000, new Date(start.getTime() + 2000))).toBe(1);
    // An attempt taken back leaves nothing behind.
    const taken = await repos.rateLimits.record('k2', 1000, start);
    await repos.rateLimits.forget([taken.id]);
    expect(await repos.rateLimits.hit('k2', 1000, start)).toBe(1);
    // A remembered key outlives the day attempts are kept, until its own time is up.
    const day = 24 * 3_600_000;
    const later = (days: number) => new Date(start.getTime() + days * day);
    await repos.rateLimits.remember('tuttu', 3 * day, start);
    await repos.rateLimits.remember('tuttu', 3 * day, start);
    await repos.rateLimits.deleteExpired(later(2));
    expect(await repos.rateLimits.remembers('tuttu', later(2))).toBe(true);
    expect(await repos.rateLimits.hit('k', 10 * day, later(2))).toBe(1);
    await repos.rateLimits.deleteExpired(later(4));
    expect(await repos.rateLimits.remembers('tuttu', start)).toBe(false);
  });

  it(`C13 ${engine}: of concurrent meeting edits from one revision exactly one is kept`, async () => {
    const meeting = await repos.meetings.create(randomUUID(), 'u', {
      title: 'M',
      startsAt: new Date(),
      location: '',
      videoLink: '',
      councilMeetingDate: '',
      agenda: [],
    });
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((title) => repos.meetings.commit(meeting, { title })),
    );
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    const stored = await repos.meetings.findById(meeting._id);
    expect(stored).toMatchObject({ revision: 1, title: winners[0]?.title });
    expect(await repos.meetings.commit(meeting, { title: 'stale' })).toBeNull();
  });
  it(`C14 ${engine}: of concurrent chair assignments in a group exactly one wins`, async () => {
    const groupId = randomUUID();
    const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
    for (let round = 0; round < 10; round++) {
      const group = `${groupId}-${round}`;
      const results = await Promise.all(
        [first, second, third].map((u) => repos.chairSeats.take(group, u)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
    // A sitting chair keeps the seat; once released, someone else may take it.
    await repos.memberships.add({ groupId, userId: first, role: 'chair', partyId: null });
    expect(await repos.chairSeats.take(groupId, second)).toBe(false);
    expect(await repos.chairSeats.take(groupId, first)).toBe(true);
    await repos.memberships.update(groupId, first, { role: 'vice_chair', partyId: null });
    await repos.chairSeats.release(groupId, first);
    expect(await repos.chairSeats.take(groupId, second)).toBe(true);
    // A seat whose holder never became chair (a crash in between) frees up after a minute.
    const later = new Date(Date.now() + 120_000);
    expect(await repos.chairSeats.take(groupId, third)).toBe(false);
    expect(await repos.chairSeats.take(groupId, third, later)).toBe(true);
  });

  it(`C15 ${engine}: a seal in a room's log refuses the writer that raced it, and loads skip it`, async () => {
    const room = `${randomUUID()}/memo`;
    const logger = createLogger('silent');
    const first = new Y.Doc();
    first.getText('t').insert(0, 'ennen');
    const writer = new RoomLog(repos.collabLog, room, logger);
    await writer.load(() => new Y.Doc());
    await writer.append(Y.encodeStateAsUpdate(first), () => undefined);

    // The approval reads what is stored and seals after it; the writer still thinks it is next.
    const approval = new RoomLog(repos.collabLog, room, logger);
    const frozen = await approval.load(() => new Y.Doc());
    const sealedAt = await approval.seal({ meetingId: 'm', version: 1 }, (update) =>
      Y.applyUpdate(frozen, update),
    );
    expect(sealedAt).toBe(2);
    const late = new Y.Doc();
    late.getText('t').insert(0, 'jälkeen');
    await expect(
      writer.append(Y.encodeStateAsUpdate(late), () => undefined),
    ).rejects.toBeInstanceOf(RoomSealedError);
    const stored = await new RoomLog(repos.collabLog, room, logger).load(() => new Y.Doc());
    expect(stored.getText('t').toJSON()).toBe('ennen');

    // After a reopening, writing goes on after the seal, and the next seal comes after that.
    const reopened = new RoomLog(repos.collabLog, room, logger);
    const doc = await reopened.load(() => new Y.Doc());
    doc.getText('t').insert(5, ' ja taas');
    await reopened.append(Y.encodeStateAsUpdate(doc), () => undefined);
    expect(
      await approval.seal({ meetingId: 'm', version: 2 }, (u) => Y.applyUpdate(frozen, u)),
    ).toBe(4);
    expect(frozen.getText('t').toJSON()).toBe('ennen ja taas');
  });
  it(`C16 ${engine}: of concurrent claims of one Yjs client id in a room exactly one user wins`, async () => {
    const room = `${randomUUID()}/memo`;
    const claimants = Array.from({ length: 8 }, (_, i) => `user-${i}`);
    const owners = await Promise.all(
      claimants.map((userId) => repos.collabClients.claim(room, 4_294_967_295, userId)),
    );
    // Everyone is told the same owner, and it is one of them.
    expect(new Set(owners).size).toBe(1);
    expect(claimants).toContain(owners[0]);
    // A claim is never taken over; other ids and other rooms are separate.
    expect(await repos.collabClients.claim(room, 4_294_967_295, 'late')).toBe(owners[0]);
    expect(await repos.collabClients.claim(room, 7, 'late')).toBe('late');
    expect(await repos.collabClients.claim(`${randomUUID()}/memo`, 7, 'other')).toBe('other');
    expect(await repos.collabClients.owners(room)).toEqual(
      new Map([
        [4_294_967_295, owners[0]],
        [7, 'late'],
      ]),
    );
  });

  it(`C17 ${engine}: an outbox message is stored once per key and each attempt claimed once`, async () => {
    const now = new Date();
    const giveUpAt = new Date(now.getTime() + 3_600_000);
    const message = {
      groupId: randomUUID(),
      kind: 'reminder' as const,
      key: `reminder:${randomUUID()}`,
      to: 'x@example.fi',
      subject: 'Muistutus',
      text: 'linkki',
    };
    const stored = await Promise.all(
      Array.from({ length: 6 }, () => repos.outbox.add(message, now, giveUpAt)),
    );
    const winners = stored.filter((doc) => doc !== null);
    expect(winners).toHaveLength(1);
    const id = winners[0]!._id;
    expect(await repos.outbox.due(now, 10)).toEqual([expect.objectContaining({ _id: id })]);

    const claims = await Promise.all(
      Array.from({ length: 6 }, () => repos.outbox.claim(`${id}#1`, id, now)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repos.outbox.claimedAt(`${id}#1`)).toEqual(now);
    expect(await repos.outbox.claimedAt(`${id}#2`)).toBeNull();

    // Attempt 2's outcome stands; attempt 1's, arriving late, changes nothing.
    const sent = {
      status: 'sent' as const,
      sentAt: now,
      text: '',
      nextAttemptAt: now,
      lastError: null,
    };
    expect(await repos.outbox.record(id, 2, now, sent)).toBe(true);
    const late = { status: 'pending' as const, nextAttemptAt: now, lastError: '451' };
    expect(await repos.outbox.record(id, 1, now, late)).toBe(false);
    expect(await repos.outbox.findById(id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      text: '',
    });
    expect(await repos.outbox.due(now, 10)).toEqual([]);
    expect(await repos.outbox.count(message.groupId, 'sent')).toBe(1);
  });

  it(`C18 ${engine}: insertMany stores a batch with dates intact and refuses a duplicate key`, async () => {
    const batch = [item('c18', 1), item('c18', 2), item('c18', 3)];
    await items.insertMany(batch);
    expect(await items.find({ group: 'c18' }, { sort: { n: 1 } })).toEqual(batch);
    // What a refused batch leaves differs (NeDB none, MongoDB those before the duplicate): a
    // restore that fails says to empty the target.
    await expect(items.insertMany([item('c18', 4), item('c18', 1)])).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    await items.insertMany([]);
  });
});
