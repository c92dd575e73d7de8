import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionToken } from '../../server/auth/sessionCookie';
import { hashToken } from '../../server/auth/tokens';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { readStances, writeStance } from '../../shared/memo/partyDoc';
import { COLLAB_CLOSE, COLLAB_CLOSE_REASON } from '../../shared/memo/protocol';
import type { JoinMeetingResult } from '../../shared/realtime/events';
import { auditEntries } from '../support/auditLog';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import {
  connectRaw,
  savedCovers,
  serverState,
  updateFrom,
  waitUntil,
  type RawCollabClient,
} from '../support/rawCollab';
import {
  openSocket,
  recordTraffic,
  socketConnected,
  type ClientSocket,
} from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Invariant 5: rights follow the member at once, on every open connection (collab and Socket.io).
// The member's sockets are open before the change; a confidential canary is written after it; the
// canary reaches the other negotiators and never the changed member.

const RIGHTS_DEADLINE_MS = 2_000;

/** Put `text` at the start of the first section's title and mark the section confidential. */
function confidentialTitle(text: string) {
  return (doc: Y.Doc) => {
    const section = memoFragment(doc).get(0) as Y.XmlElement;
    section.setAttribute(MEMO_ATTRS.confidentiality, 'confidential');
    const title = section.get(0) as Y.XmlElement;
    const existing = title.get(0);
    if (existing instanceof Y.XmlText) existing.insert(0, text);
    else title.insert(0, [new Y.XmlText(text)]);
  };
}

function join(socket: ClientSocket, meetingId: string): Promise<JoinMeetingResult> {
  return socket.timeout(5_000).emitWithAck('joinMeeting', meetingId);
}

describe.each(ENGINES)('rights follow the member on every open connection on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const raws: RawCollabClient[] = [];
  const sockets: ClientSocket[] = [];
  let people = 0;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['sihteeri', 'sdp.edustaja']);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(raws.map((raw) => raw.close()));
    await t.close();
  });

  const raw = async (room: string, cookie: string) => {
    const client = await connectRaw(t.url, room, cookie);
    raws.push(client);
    return client;
  };
  const socketOf = async (cookie: string, meetingId: string) => {
    const socket = openSocket(t.url, cookie);
    sockets.push(socket);
    const traffic: string[] = [];
    recordTraffic(socket, traffic);
    const left: string[] = [];
    socket.on('meetingLeft', (id) => left.push(id));
    await socketConnected(socket);
    expect((await join(socket, meetingId)).ok).toBe(true);
    return { socket, traffic, left };
  };

  /**
   * A KESK representative made for this test with their sockets open in a new meeting: the memo,
   * KESK's room and the Socket.io meeting room; and a watcher from SDP with the same sockets, whose
   * memo connection sees what is written.
   */
  async function scene() {
    people += 1;
    const member = await f.addMember(
      `edustaja${people}.${engine}@demo.example`,
      'representative',
      'KESK',
    );
    const meeting = await f.newMeeting();
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const keskRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    const memo = await raw(memoRoom, member.cookie);
    const party = await raw(keskRoom, member.cookie);
    expect(memo.access).toEqual({ mode: 'write', reason: null });
    expect(party.access).toEqual({ mode: 'write', reason: null });
    const live = await socketOf(member.cookie, meeting.id);
    const watcher = await socketOf(f.cookie('sdp.edustaja'), meeting.id);
    const watcherMemo = await raw(memoRoom, f.cookie('sdp.edustaja'));
    const url = `/api/groups/${f.groupId}/members/${member.userId}`;
    return { member, meeting, memoRoom, keskRoom, memo, party, live, watcher, watcherMemo, url };
  }

  /** The secretary writes a confidential canary; resolves once the watcher's memo has it. */
  async function writeCanary(memoRoom: string, watcherMemo: RawCollabClient) {
    const canary = `KANARIA-${engine}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const secretary = await raw(memoRoom, f.cookie('sihteeri'));
    const edit = updateFrom(secretary, confidentialTitle(canary));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(secretary.doc));
    Y.applyUpdate(copy, edit);
    secretary.sendUpdate(edit);
    await waitUntil(() => savedCovers(secretary, copy), 5_000, 'canary stored');
    await waitUntil(
      () => received(watcherMemo).includes(canary),
      5_000,
      'canary in the watcher’s memo',
    );
    return canary;
  }

  /** Everything a collab client has received, as text. */
  function received(client: RawCollabClient): string {
    return Buffer.from(Y.encodeStateAsUpdate(client.doc)).toString('utf8');
  }

  function neverReached(canary: string, ...clients: RawCollabClient[]) {
    for (const client of clients) expect(received(client)).not.toContain(canary);
  }

  it('a representative demoted to reader loses every live connection before the next confidential word', async () => {
    const s = await scene();
    const agreedPointId = 'ap_demotedrights01';
    const changed = await f.clients.puheenjohtaja!.patch(s.url, {
      role: 'reader',
      partyId: f.partyIds.KESK,
    });
    expect(changed.status).toBe(200);
    // A stance sent right after the change, as if in flight: never stored, never audited.
    if (s.party.ws.readyState === s.party.ws.OPEN)
      s.party.sendUpdate(
        updateFrom(s.party, (doc) =>
          writeStance(doc, agreedPointId, { stance: 'agree', reason: '' }),
        ),
      );

    const started = Date.now();
    const closes = await Promise.all([s.memo.closed, s.party.closed]);
    for (const close of closes)
      expect(close).toEqual({
        code: COLLAB_CLOSE.unauthorized,
        reason: COLLAB_CLOSE_REASON.membership,
      });
    await waitUntil(() => s.live.left.includes(s.meeting.id), RIGHTS_DEADLINE_MS, 'meetingLeft');
    expect(Date.now() - started).toBeLessThan(RIGHTS_DEADLINE_MS);

    const canary = await writeCanary(s.memoRoom, s.watcherMemo);
    neverReached(canary, s.memo, s.party);
    expect(s.live.traffic.join('\n')).not.toContain(canary);
    // A fresh upgrade is refused too.
    await expect(connectRaw(t.url, s.memoRoom, s.member.cookie)).rejects.toThrow('403');

    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, s.keskRoom, f.cookie('puheenjohtaja')));
    expect(readStances(stored).has(agreedPointId)).toBe(false);
    const audit = await auditEntries(f.clients.puheenjohtaja!, f.groupId);
    expect(
      audit.some(
        (entry) => entry.action === 'stance.change' && entry.actor?.userId === s.member.userId,
      ),
    ).toBe(false);
  });

  it('a member removed from the group loses every live connection at once', async () => {
    const s = await scene();
    expect((await f.clients.puheenjohtaja!.delete(s.url)).status).toBe(204);
    const started = Date.now();
    const closes = await Promise.all([s.memo.closed, s.party.closed]);
    for (const close of closes) expect(close.reason).toBe(COLLAB_CLOSE_REASON.membership);
    await waitUntil(() => s.live.left.includes(s.meeting.id), RIGHTS_DEADLINE_MS, 'meetingLeft');
    expect(Date.now() - started).toBeLessThan(RIGHTS_DEADLINE_MS);

    const canary = await writeCanary(s.memoRoom, s.watcherMemo);
    neverReached(canary, s.memo, s.party);
    expect(s.live.traffic.join('\n')).not.toContain(canary);
    // The presence the others see no longer lists them.
    const presence = await join(s.watcher.socket, s.meeting.id);
    expect(presence.ok && presence.room.presence.map((p) => p.userId)).not.toContain(
      s.member.userId,
    );
  });

  it('a member moved to another party keeps the memo but can no longer write the old party’s stances', async () => {
    const s = await scene();
    const changed = await f.clients.puheenjohtaja!.patch(s.url, {
      role: 'representative',
      partyId: f.partyIds.SDP,
    });
    expect(changed.status).toBe(200);
    await waitUntil(
      () => s.party.access?.mode === 'read',
      RIGHTS_DEADLINE_MS,
      'the old party’s room turns read-only',
    );
    expect(s.party.access).toEqual({ mode: 'read', reason: 'not_allowed' });
    expect(s.memo.access).toEqual({ mode: 'write', reason: null });

    // Writing the old party's stance now is refused; the memo still takes their words.
    s.party.sendUpdate(
      updateFrom(s.party, (doc) =>
        writeStance(doc, 'ap_movedmember001', { stance: 'agree', reason: '' }),
      ),
    );
    await waitUntil(() => s.party.rejections.includes('read_only'), 5_000, 'stance refused');
    const words = updateFrom(s.memo, confidentialTitle('Siirtynyt edustaja kirjoittaa. '));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(s.memo.doc));
    Y.applyUpdate(copy, words);
    s.memo.sendUpdate(words);
    await waitUntil(() => savedCovers(s.memo, copy), 5_000, 'memo edit saved');

    // Presence shows the new party.
    await waitUntil(
      () =>
        s.watcher.traffic.some(
          (line) => line.includes(f.partyIds.SDP!) && line.includes(s.member.userId),
        ),
      RIGHTS_DEADLINE_MS,
      'presence with the new party',
    );
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, s.keskRoom, f.cookie('puheenjohtaja')));
    expect(readStances(stored).has('ap_movedmember001')).toBe(false);
  });

  it('a session deleted behind the server’s back closes its sockets within seconds', async () => {
    const s = await scene();
    const token = readSessionToken(s.member.cookie)!;
    // Straight in the store, as an operator or another instance would: no event is published.
    await t.server.ctx.repos.sessions.delete(hashToken(token));
    const closes = await Promise.all([s.memo.closed, s.party.closed]);
    for (const close of closes) expect(close.code).toBe(COLLAB_CLOSE.unauthorized);
    await waitUntil(() => s.live.socket.disconnected, 10_000, 'socket.io disconnected');

    const canary = await writeCanary(s.memoRoom, s.watcherMemo);
    neverReached(canary, s.memo, s.party);
    expect(s.live.traffic.join('\n')).not.toContain(canary);
  });
});

describe('an expiring session', () => {
  let t: TestServer;
  let f: MemoFixture;

  beforeAll(async () => {
    // Sessions of 3.6 seconds.
    t = await startTestServer({ seedDemo: true, env: { SESSION_TTL_HOURS: '0.001' } });
    f = await memoFixture(t, ['kesk.edustaja']);
  });
  afterAll(() => t.close());

  it('closes its collab and Socket.io connections when it expires, and /api/me says 401', async () => {
    const meeting = await f.newMeeting();
    const cookie = f.cookie('kesk.edustaja');
    const memo = await connectRaw(t.url, roomName({ kind: 'memo', meetingId: meeting.id }), cookie);
    const socket = openSocket(t.url, cookie);
    await socketConnected(socket);
    expect((await join(socket, meeting.id)).ok).toBe(true);
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

    expect(await memo.closed).toEqual({
      code: COLLAB_CLOSE.unauthorized,
      reason: COLLAB_CLOSE_REASON.sessionExpired,
    });
    await disconnected;
    expect((await f.clients['kesk.edustaja']!.get('/api/me')).status).toBe(401);
    socket.disconnect();
  });
});
