import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { memoFragment, plainText } from '../../shared/memo/memoDoc';
import type { JoinMeetingResult } from '../../shared/realtime/events';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import {
  collabUrl,
  connectRaw,
  savedCovers,
  serverState,
  upgradeStatus,
  waitUntil,
  type RawCollabClient,
} from '../support/rawCollab';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';
import WebSocket from 'ws';

// Quotas on the live channels: a flood slows or closes only its sender, and the server keeps
// serving everyone else. Latencies are measured and printed, never asserted.

/** `count` one-letter keystrokes at the end of the first section's notes, as separate updates. */
function keystrokes(client: RawCollabClient, count: number, letter = 'x') {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
  const paragraph = (memoFragment(doc).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    const text = paragraph.get(0);
    if (text instanceof Y.XmlText) text.insert(text.length, letter);
    else paragraph.insert(0, [new Y.XmlText(letter)]);
  }
  return { doc, updates };
}

function notesOf(doc: Y.Doc): string {
  return plainText((memoFragment(doc).get(0) as Y.XmlElement).get(1));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

describe.each(ENGINES)('collab and Socket.io quotas on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const raws: RawCollabClient[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['sihteeri', 'kesk.edustaja', 'sdp.edustaja', 'vas.edustaja']);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(raws.map((raw) => raw.close()));
    await t.close();
  });
  const raw = async (room: string, who: string) => {
    const client = await connectRaw(t.url, room, f.cookie(who));
    raws.push(client);
    return client;
  };

  it('a flood of updates closes or slows only its sender; another room’s edits go on', async () => {
    const flooded = roomName({ kind: 'memo', meetingId: (await f.newMeeting('Tulva')).id });
    const quiet = roomName({ kind: 'memo', meetingId: (await f.newMeeting('Hiljainen')).id });
    const flooder = await raw(flooded, 'kesk.edustaja');
    const editor = await raw(quiet, 'sdp.edustaja');
    const flood = keystrokes(flooder, 20_000);

    const started = Date.now();
    for (const update of flood.updates) flooder.sendUpdate(update);
    // While the flood arrives: ten keystrokes in another room, each waited for until saved.
    const latencies: number[] = [];
    const typed = keystrokes(editor, 10, 'y');
    for (let i = 0; i < typed.updates.length; i++) {
      const before = Date.now();
      editor.sendUpdate(typed.updates[i]!);
      const upTo = new Y.Doc();
      Y.applyUpdate(upTo, Y.encodeStateAsUpdate(editor.doc));
      for (const update of typed.updates.slice(0, i + 1)) Y.applyUpdate(upTo, update);
      await waitUntil(() => savedCovers(editor, upTo), 10_000, `keystroke ${i} saved`);
      latencies.push(Date.now() - before);
    }
    const health = Date.now();
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const healthMs = Date.now() - health;

    // Whatever the kernel buffered for it: the sender is either paused at its budget's pace or,
    // if it overran what the server holds for one sender, closed. Nothing more got through.
    const elapsed = (Date.now() - started) / 1000;
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, flooded, f.cookie('sihteeri')));
    const through = notesOf(stored).length;
    // A socket's budget: a burst of 200 and 40 a second (the session's is wider).
    expect(through).toBeLessThanOrEqual(200 + 40 * elapsed + 1);
    expect(through).toBeLessThan(flood.updates.length);
    const fate = flooder.ws.readyState === WebSocket.OPEN ? 'slowed' : 'closed';
    flooder.ws.terminate();
    const quietStored = new Y.Doc();
    Y.applyUpdate(quietStored, await serverState(t.url, quiet, f.cookie('sihteeri')));
    expect(notesOf(quietStored)).toBe('y'.repeat(10));

    latencies.sort((a, b) => a - b);
    console.log(
      `[quotas ${engine}] flood of ${flood.updates.length} updates: ${through} stored in ` +
        `${elapsed.toFixed(1)} s, sender ${fate}; another room's keystrokes saved in p50 ` +
        `${percentile(latencies, 50)} ms, ` +
        `max ${latencies.at(-1)} ms; /healthz ${healthMs} ms`,
    );
  });

  it('a sender within its burst is slowed, not closed: everything is stored at the budget’s pace', async () => {
    const room = roomName({ kind: 'memo', meetingId: (await f.newMeeting('Tahti')).id });
    const sender = await raw(room, 'vas.edustaja');
    // 240 messages: the burst of 200 at once, the other 40 at 40 a second.
    const burst = keystrokes(sender, 240);
    const started = Date.now();
    for (const update of burst.updates) sender.sendUpdate(update);
    await waitUntil(() => savedCovers(sender, burst.doc), 20_000, 'all saved');
    const seconds = (Date.now() - started) / 1000;
    expect(sender.ws.readyState).toBe(WebSocket.OPEN);
    expect(sender.rejections).toEqual([]);
    // It cannot have been faster than its budget allows.
    expect(seconds).toBeGreaterThanOrEqual(0.9);
    console.log(
      `[quotas ${engine}] 240 messages from one socket stored in ${seconds.toFixed(2)} s`,
    );
  });
});

describe('session quotas', () => {
  let t: TestServer;
  let f: MemoFixture;
  const open: WebSocket[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestServer({
      seedDemo: true,
      env: { COLLAB_SESSION_CONNECTIONS: '4', COLLAB_SESSION_ROOMS: '3' },
    });
    f = await memoFixture(t, ['kesk.edustaja', 'sdp.edustaja', 'vas.edustaja', 'kok.edustaja']);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const ws of open) ws.terminate();
    await t.close();
  });

  /** Open a socket and keep it open; resolves with the status (101 when upgraded). */
  const hold = (room: string, who: string) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(collabUrl(t.url, room), {
        headers: { Cookie: f.cookie(who), Origin: t.url },
      });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      ws.on('open', () => {
        open.push(ws);
        resolve(101);
      });
      ws.on('error', reject);
    });

  it('a session holds a bounded number of sockets and rooms; more are refused with 429', async () => {
    const meetings = await Promise.all([1, 2, 3, 4].map(() => f.newMeeting()));
    const rooms = meetings.map((m) => roomName({ kind: 'memo', meetingId: m.id }));
    for (let i = 0; i < 4; i++) expect(await hold(rooms[i % 2]!, 'kesk.edustaja')).toBe(101);
    expect(await hold(rooms[0]!, 'kesk.edustaja')).toBe(429);
    // Another person is not affected.
    expect(await hold(rooms[0]!, 'sdp.edustaja')).toBe(101);

    for (let i = 0; i < 3; i++) expect(await hold(rooms[i]!, 'vas.edustaja')).toBe(101);
    // A fourth room is refused even though the session has a socket to spare.
    expect(await hold(rooms[3]!, 'vas.edustaja')).toBe(429);
    expect(await hold(rooms[0]!, 'vas.edustaja')).toBe(101);
  });

  it('opening sockets in a loop is refused after the burst, with Retry-After', async () => {
    const room = roomName({ kind: 'memo', meetingId: (await f.newMeeting()).id });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        await upgradeStatus(t.url, room, { Cookie: f.cookie('kok.edustaja'), Origin: t.url }),
      );
    expect(statuses.slice(0, 4)).toEqual([101, 101, 101, 101]);
    expect(statuses).toContain(429);
  });

  it('Socket.io: a join flood is answered rate_limited, then disconnected; others go on', async () => {
    const meeting = await f.newMeeting();
    const flooder = openSocket(t.url, f.cookie('sdp.edustaja'));
    const other = openSocket(t.url, f.cookie('kok.edustaja'));
    sockets.push(flooder, other);
    await Promise.all([socketConnected(flooder), socketConnected(other)]);
    const disconnected = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
    const answers: JoinMeetingResult[] = [];
    for (let i = 0; i < 300; i++) flooder.emit('joinMeeting', meeting.id, (r) => answers.push(r));
    expect(await disconnected).toBe('io server disconnect');
    expect(answers.some((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(12);
    const joined = await other.timeout(5_000).emitWithAck('joinMeeting', meeting.id);
    expect(joined.ok).toBe(true);
  });

  it('Socket.io: a session holds a bounded number of sockets', async () => {
    const cookie = f.cookie('vas.edustaja');
    const opened: ClientSocket[] = [];
    let refused: Error | null = null;
    for (let i = 0; i < 25 && !refused; i++) {
      const socket = openSocket(t.url, cookie);
      sockets.push(socket);
      try {
        await socketConnected(socket);
        opened.push(socket);
      } catch (error) {
        refused = error as Error;
      }
    }
    expect(opened).toHaveLength(20);
    expect((refused as Error & { data?: { code?: string } }).data?.code).toBe('rate_limited');
  });
});
