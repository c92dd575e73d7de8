import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import type { Database } from '../../server/db/collection';
import { createRepositories } from '../../server/repositories';
import type { RunningServer } from '../../server/server';
import { roomName } from '../../shared/memo/format';
import { COLLAB_CLOSE_REASON } from '../../shared/memo/protocol';
import type { JoinMeetingResult, PresenceEntry } from '../../shared/realtime/events';
import { demoStorageEnv } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { connectRaw, waitUntil, type RawCollabClient } from '../support/rawCollab';
import { startRedis, type TestRedis } from '../support/redis';
import {
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';

// Issue 16: two server processes on one database and one Redis. Whatever happens on instance A
// (HTTP to A) reaches the connections held by instance B through Redis: presence, the approval's
// lock, removals, session ends. The Socket.io rights sweep is made long (RIGHTS_SWEEP_MS), so
// that B's sockets can only learn of a change through the event bus: with an in-process bus
// (or no Socket.io adapter) every test here fails.

const LONG_SWEEP = { RIGHTS_SWEEP_MS: '600000' };

function join(socket: ClientSocket, meetingId: string): Promise<JoinMeetingResult> {
  return socket.timeout(5_000).emitWithAck('joinMeeting', meetingId);
}

/** The repositories of the shared database, for memoFixture's members made in the store. */
function storeOf(db: Database): RunningServer {
  return { ctx: { repos: createRepositories(db) } } as unknown as RunningServer;
}

async function readyStatus(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}

interface Cluster {
  a: ServerProcess;
  b: ServerProcess;
  db: Database;
  f: MemoFixture;
  close(): Promise<void>;
}

/** A and B on one fresh FerretDB database with the demo group, both talking to `redisUrl`. */
async function startCluster(redisUrl: string, people: string[]): Promise<Cluster> {
  const storage = await demoStorageEnv('mongodb');
  const env = { ...storage, ...LONG_SWEEP, REDIS_URL: redisUrl };
  const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const db = await openDatabase({
    kind: 'mongodb',
    uri: storage.MONGODB_URI as string,
    dbName: storage.MONGODB_DB as string,
  });
  const f = await memoFixture({ url: a.url, server: storeOf(db) }, people);
  return {
    a: a,
    b: b,
    db,
    f,
    async close() {
      await Promise.all([stopServerProcess(a.child), stopServerProcess(b.child)]);
      await db.dropAll();
      await db.close();
    },
  };
}

describe('two instances share one Redis', () => {
  let c: Cluster;
  const sockets: ClientSocket[] = [];
  const raws: RawCollabClient[] = [];
  let people = 0;

  beforeAll(async () => {
    c = await startCluster(inject('redisUrl'), ['kesk.edustaja', 'sdp.edustaja']);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(raws.map((raw) => raw.close()));
    await c.close();
  });

  async function socketOn(url: string, cookie: string) {
    const socket = openSocket(url, cookie);
    sockets.push(socket);
    const left: string[] = [];
    const statuses: string[] = [];
    socket.on('meetingLeft', (id) => left.push(id));
    socket.on('meetingStatus', (_id, status) => statuses.push(status));
    await socketConnected(socket);
    return { socket, left, statuses };
  }
  async function rawOn(url: string, room: string, cookie: string) {
    const raw = await connectRaw(url, room, cookie);
    raws.push(raw);
    return raw;
  }
  async function startedMeeting() {
    const meeting = await c.f.newMeeting();
    const started = await c.f.clients.puheenjohtaja!.post(`/api/meetings/${meeting.id}/status`, {
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    return meeting;
  }
  async function newMember() {
    people += 1;
    return c.f.addMember(`monta${people}@demo.example`, 'representative', 'KESK');
  }

  it('both instances are ready while Redis answers', async () => {
    expect(await readyStatus(c.a.url)).toBe(200);
    expect(await readyStatus(c.b.url)).toBe(200);
  });

  it('presence lists the members connected to A and to B, on both', async () => {
    const meeting = await c.f.newMeeting();
    const onA = await socketOn(c.a.url, c.f.cookie('kesk.edustaja'));
    const onB = await socketOn(c.b.url, c.f.cookie('sdp.edustaja'));
    const heard = { a: [] as PresenceEntry[], b: [] as PresenceEntry[] };
    onA.socket.on('presence', (_id, presence) => (heard.a = presence));
    onB.socket.on('presence', (_id, presence) => (heard.b = presence));
    expect((await join(onA.socket, meeting.id)).ok).toBe(true);
    const joined = await join(onB.socket, meeting.id);
    const ids = (presence: PresenceEntry[]) => presence.map((entry) => entry.userId).sort();
    const [kesk, sdp] = await Promise.all(
      ['kesk.edustaja', 'sdp.edustaja'].map(
        async (who) => (await c.f.clients[who]!.get('/api/me')).body.id as string,
      ),
    );
    const both = [kesk!, sdp!].sort();
    // B's join answer counts A's socket; A hears B join.
    expect(joined.ok && ids(joined.room.presence)).toEqual(both);
    await waitUntil(() => ids(heard.a).join() === both.join(), 5_000, 'A hears presence with B');
    expect(ids(heard.b)).toEqual(both);
  });

  it('an approval on A turns an editor on B read-only at once, and B’s sockets hear the status', async () => {
    const meeting = await startedMeeting();
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const editor = await rawOn(c.b.url, memoRoom, c.f.cookie('kesk.edustaja'));
    expect(editor.access).toEqual({ mode: 'write', reason: null });
    const live = await socketOn(c.b.url, c.f.cookie('sdp.edustaja'));
    expect((await join(live.socket, meeting.id)).ok).toBe(true);

    const started = Date.now();
    const approved = await c.f.clients.puheenjohtaja!.post(
      `/api/meetings/${meeting.id}/approval`,
      {},
    );
    expect(approved.status).toBe(201);
    await waitUntil(() => editor.access?.reason === 'locked', 5_000, 'B’s editor locked');
    expect(editor.access).toEqual({ mode: 'read', reason: 'locked' });
    await waitUntil(() => live.statuses.includes('approved'), 5_000, 'meetingStatus on B');
    console.log(`[several instances] approval on A → lock on B: ${Date.now() - started} ms`);
  });

  it('a member removed on A loses their Socket.io and collab connections on B', async () => {
    const member = await newMember();
    const meeting = await c.f.newMeeting();
    const memo = await rawOn(
      c.b.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      member.cookie,
    );
    const live = await socketOn(c.b.url, member.cookie);
    expect((await join(live.socket, meeting.id)).ok).toBe(true);

    const started = Date.now();
    const removed = await c.f.clients.puheenjohtaja!.delete(
      `/api/groups/${c.f.groupId}/members/${member.userId}`,
    );
    expect(removed.status).toBe(204);
    // The Socket.io sweep runs every ten minutes here: only the event from A can do this.
    await waitUntil(() => live.left.includes(meeting.id), 5_000, 'meetingLeft on B');
    const leftAfter = Date.now() - started;
    expect((await memo.closed).reason).toBe(COLLAB_CLOSE_REASON.membership);
    console.log(
      `[several instances] removal on A → meetingLeft on B: ${leftAfter} ms, collab closed: ${Date.now() - started} ms`,
    );
  });

  it('a session ended on A (logout) closes its sockets on B', async () => {
    const member = await newMember();
    const live = await socketOn(c.b.url, member.cookie);
    const started = Date.now();
    expect((await member.client.post('/api/auth/logout')).status).toBe(204);
    await waitUntil(() => live.socket.disconnected, 5_000, 'socket on B closed');
    console.log(`[several instances] logout on A → socket closed on B: ${Date.now() - started} ms`);
  });
});

describe('two instances when Redis restarts', () => {
  let redis: TestRedis;
  let c: Cluster;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    c = await startCluster(redis.url, []);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await c.close();
    await redis.stop();
  });

  it('/readyz says 503 naming Redis while it is down, 200 after; then events from A reach B again', async () => {
    expect(await readyStatus(c.a.url)).toBe(200);
    await redis.kill9();
    for (const url of [c.a.url, c.b.url]) {
      await expect.poll(() => readyStatus(url), { timeout: 5_000, interval: 100 }).toBe(503);
      const body = await (await fetch(`${url}/readyz`)).json();
      expect(body.error.message).toMatch(/Redis/);
    }
    const downAt = Date.now();
    await redis.start();
    for (const url of [c.a.url, c.b.url])
      await expect.poll(() => readyStatus(url), { timeout: 5_000, interval: 100 }).toBe(200);
    console.log(`[several instances] Redis back → both ready: ${Date.now() - downAt} ms`);

    // Resubscribed: a logout on A closes the session's socket on B.
    const member = await c.f.addMember('uudelleen@demo.example', 'representative', 'KESK');
    const socket = openSocket(c.b.url, member.cookie);
    sockets.push(socket);
    await socketConnected(socket);
    expect((await member.client.post('/api/auth/logout')).status).toBe(204);
    await waitUntil(() => socket.disconnected, 5_000, 'socket on B closed');
  });

  it('an instance whose Redis is down keeps serving its own sockets and survives presence updates', async () => {
    const meeting = await c.f.newMeeting();
    await redis.kill9();
    await expect.poll(() => readyStatus(c.b.url), { timeout: 5_000, interval: 100 }).toBe(503);
    const socket = openSocket(c.b.url, c.f.cookie('puheenjohtaja'));
    sockets.push(socket);
    await socketConnected(socket);
    const joined = await join(socket, meeting.id);
    expect(joined.ok && joined.room.presence.length).toBe(1);
    socket.emit('leaveMeeting', meeting.id);
    socket.disconnect();
    await redis.start();
    await expect.poll(() => readyStatus(c.b.url), { timeout: 5_000, interval: 100 }).toBe(200);
    expect(c.b.child.exitCode).toBeNull();
    expect(c.b.output()).not.toMatch(/unhandled|uncaught/i);
  });

  it('an instance started while Redis is down serves, not ready, until Redis answers', async () => {
    await redis.kill9();
    const storage = await demoStorageEnv('mongodb');
    const late = await startServerProcess({ ...storage, REDIS_URL: redis.url });
    try {
      expect(await readyStatus(late.url)).toBe(503);
      expect((await fetch(`${late.url}/healthz`)).status).toBe(200);
      await redis.start();
      await expect.poll(() => readyStatus(late.url), { timeout: 5_000, interval: 100 }).toBe(200);
      // And it shuts down cleanly while Redis is gone again.
      await redis.kill9();
      await expect.poll(() => readyStatus(late.url), { timeout: 5_000, interval: 100 }).toBe(503);
      expect(await stopServerProcess(late.child)).toBe(0);
      await redis.start();
    } finally {
      await stopServerProcess(late.child);
      const db = await openDatabase({
        kind: 'mongodb',
        uri: storage.MONGODB_URI as string,
        dbName: storage.MONGODB_DB as string,
      });
      await db.dropAll();
      await db.close();
    }
  });
});
