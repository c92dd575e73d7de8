import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MEMO_ATTRS, MEMO_NODES, newBlockId, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { readStances, writeStance } from '../../shared/memo/partyDoc';
import { summarizeMemo } from '../../shared/memo/summary';
import type {
  ClientToServerEvents,
  JoinMeetingResult,
  PresenceEntry,
  ServerToClientEvents,
} from '../../shared/realtime/events';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { ApiClient } from '../support/apiClient';
import { startTestServer, type TestServer } from '../support/testServer';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const WAIT_MS = 5_000;

describe('Socket.io meeting room', () => {
  let t: TestServer;
  const clients: Record<string, ApiClient> = {};
  const partyIds: Record<string, string> = {};
  let meetingId: string;
  /** Presence tests each take a meeting of their own, so sockets of other tests never count. */
  let newMeeting: () => Promise<string>;
  const open: ClientSocket[] = [];

  async function login(who: string): Promise<ApiClient> {
    const client = new ApiClient(t.url);
    await client.login(`${who}@demo.example`, DEMO_PASSWORD);
    return client;
  }

  /** A Node client as a browser page of ours would open it (same Origin, session cookie). */
  function connect(
    options: { cookie?: string | undefined; origin?: string | null } = {},
  ): ClientSocket {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.Cookie = options.cookie;
    if (options.origin !== null) headers.Origin = options.origin ?? t.url;
    const socket: ClientSocket = io(t.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: headers,
      reconnection: false,
      forceNew: true,
    });
    open.push(socket);
    return socket;
  }

  function connected(socket: ClientSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      if (socket.connected) return resolve();
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  function connectError(socket: ClientSocket): Promise<Error & { data?: any }> {
    return new Promise((resolve, reject) => {
      socket.once('connect', () => reject(new Error('connected, but should have been refused')));
      socket.once('connect_error', resolve);
    });
  }

  function join(socket: ClientSocket, id: string): Promise<JoinMeetingResult> {
    return socket.timeout(WAIT_MS).emitWithAck('joinMeeting', id);
  }

  /** The next `event` whose arguments satisfy `accept`. */
  function nextEvent<E extends keyof ServerToClientEvents>(
    socket: ClientSocket,
    event: E,
    accept: (...args: Parameters<ServerToClientEvents[E]>) => boolean = () => true,
  ): Promise<Parameters<ServerToClientEvents[E]>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off(event, listener as any);
        reject(new Error(`no matching ${event} within ${WAIT_MS} ms`));
      }, WAIT_MS);
      const listener = (...args: Parameters<ServerToClientEvents[E]>) => {
        if (!accept(...args)) return;
        clearTimeout(timer);
        socket.off(event, listener as any);
        resolve(args);
      };
      socket.on(event, listener as any);
    });
  }

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    for (const who of ['puheenjohtaja', 'kesk.edustaja', 'sdp.edustaja', 'kesk.lukija1']) {
      clients[who] = await login(who);
    }
    const chair = clients.puheenjohtaja!;
    const groupId = (await chair.get('/api/me')).body.memberships[0].groupId;
    for (const party of (await chair.get(`/api/groups/${groupId}`)).body.parties) {
      partyIds[party.shortName] = party.id;
    }
    newMeeting = async () => {
      const created = await chair.post(`/api/groups/${groupId}/meetings`, {
        title: 'Talousarvioneuvottelu',
        startsAt: '2026-12-07T17:00:00+02:00',
        agenda: [{ title: 'Talousarvio 2027' }],
      });
      expect(created.status).toBe(201);
      return created.body.id as string;
    };
    meetingId = await newMeeting();
  });
  const editors: CollabEditor[] = [];
  /** A real y-websocket client in Node, with this person's session cookie. */
  function collab(room: string, sessionCookie: string | undefined): CollabEditor {
    const editor = connectEditor(t.url, room, sessionCookie ?? '');
    editors.push(editor);
    return editor;
  }
  const synced = (editor: CollabEditor) => editor.settled(WAIT_MS);
  /** KESK's representative in the memo room, with the section the server seeded first. */
  async function openFirstSection(meetingId: string) {
    const memo = collab(roomName({ kind: 'memo', meetingId }), cookie('kesk.edustaja'));
    await synced(memo);
    const fragment = memoFragment(memo.doc);
    await vi.waitFor(() => expect(fragment.length).toBeGreaterThan(0), { timeout: WAIT_MS });
    return { memo, section: fragment.get(0) as Y.XmlElement };
  }

  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect();
    for (const editor of editors.splice(0)) editor.destroy();
  });
  afterAll(() => t.close());

  const cookie = (who: string) => clients[who]!.sessionCookie;

  it('refuses a connection without a session', async () => {
    const error = await connectError(connect());
    expect(error.data).toEqual({ code: 'unauthenticated' });
    const stale = await connectError(connect({ cookie: 'neuvottelu_session=not-a-session' }));
    expect(stale.data).toEqual({ code: 'unauthenticated' });
  });

  it('refuses a page of another site even with a valid session cookie', async () => {
    await connectError(
      connect({ cookie: cookie('kesk.edustaja'), origin: 'https://evil.example' }),
    );
    // The same cookie from our own origin, and from a non-browser client, is let in.
    await connected(connect({ cookie: cookie('kesk.edustaja') }));
    await connected(connect({ cookie: cookie('kesk.edustaja'), origin: null }));
  });

  it('never lets a reader into the live memo', async () => {
    const socket = connect({ cookie: cookie('kesk.lukija1') });
    await connected(socket);
    const result = await join(socket, meetingId);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(result).not.toHaveProperty('room');
  });

  it('answers not_found for unknown meetings, malformed ids and other groups’ meetings', async () => {
    const { repos } = t.server.ctx;
    const otherGroup = await repos.groups.create({ name: 'Toinen ryhmä', municipality: 'Muualla' });
    const foreign = await repos.meetings.create(otherGroup._id, randomUUID(), {
      title: 'Vieras kokous',
      startsAt: new Date(),
      location: '',
      videoLink: '',
      councilMeetingDate: '',
      agenda: [],
    });
    const socket = connect({ cookie: cookie('kesk.edustaja') });
    await connected(socket);
    for (const id of [randomUUID(), 'not-an-id', '../../etc/passwd', foreign._id]) {
      expect(await join(socket, id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('shows two negotiators of different parties to each other, identity from the server', async () => {
    const meetingId = await newMeeting();
    const kesk = connect({ cookie: cookie('kesk.edustaja') });
    const sdp = connect({ cookie: cookie('sdp.edustaja') });
    await Promise.all([connected(kesk), connected(sdp)]);

    const first = await join(kesk, meetingId);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.room).toMatchObject({ meetingId, status: 'planned', confidentialityHistory: [] });
    expect(first.room.presence).toEqual([
      expect.objectContaining({ role: 'representative', partyId: partyIds.KESK }),
    ]);

    const seenByKesk = nextEvent(kesk, 'presence', (_id, presence) => presence.length === 2);
    const second = await join(sdp, meetingId);
    if (!second.ok) throw new Error(second.error.message);
    const [presenceId, presence] = await seenByKesk;
    expect(presenceId).toBe(meetingId);
    const expected: Partial<PresenceEntry>[] = [
      { role: 'representative', partyId: partyIds.KESK!, connections: 1 },
      { role: 'representative', partyId: partyIds.SDP!, connections: 1 },
    ];
    expect(presence).toHaveLength(2);
    expect(presence).toEqual(
      expect.arrayContaining(expected.map((entry) => expect.objectContaining(entry))),
    );
    expect(second.room.presence).toEqual(presence);
    expect(presence.every((entry) => entry.name.length > 0)).toBe(true);

    // When one leaves, the other sees them go.
    const gone = nextEvent(kesk, 'presence', (_id, entries) => entries.length === 1);
    sdp.disconnect();
    expect((await gone)[1][0]).toMatchObject({ partyId: partyIds.KESK });
  });

  it('counts two tabs of one person as one entry with two connections', async () => {
    const meetingId = await newMeeting();
    const tabs = [
      connect({ cookie: cookie('kesk.edustaja') }),
      connect({ cookie: cookie('kesk.edustaja') }),
    ];
    await Promise.all(tabs.map(connected));
    await join(tabs[0]!, meetingId);
    const result = await join(tabs[1]!, meetingId);
    expect(result.ok && result.room.presence).toEqual([
      expect.objectContaining({ partyId: partyIds.KESK, connections: 2 }),
    ]);
  });

  it('tells the room when the meeting status changes through the API', async () => {
    const socket = connect({ cookie: cookie('sdp.edustaja') });
    await connected(socket);
    expect((await join(socket, meetingId)).ok).toBe(true);
    const status = nextEvent(socket, 'meetingStatus');
    const response = await clients.puheenjohtaja!.post(`/api/meetings/${meetingId}/status`, {
      status: 'in_progress',
    });
    expect(response.status).toBe(200);
    expect(await status).toEqual([meetingId, 'in_progress']);
  });

  it('logout closes that session’s sockets and only those', async () => {
    const leaving = await login('kesk.edustaja');
    const staying = await login('kesk.edustaja');
    const ended = connect({ cookie: leaving.sessionCookie });
    const kept = connect({ cookie: staying.sessionCookie });
    await Promise.all([connected(ended), connected(kept)]);
    await join(ended, meetingId);

    const disconnected = new Promise<string>((resolve) => ended.once('disconnect', resolve));
    expect((await leaving.post('/api/auth/logout')).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(kept.connected).toBe(true);
    expect((await join(kept, meetingId)).ok).toBe(true);
    // And the ended session cannot come back.
    const error = await connectError(connect({ cookie: leaving.sessionCookie }));
    expect(error.data).toEqual({ code: 'unauthenticated' });
  });

  it('a password change closes the person’s other sessions’ sockets, not the current one', async () => {
    const current = await login('vas.edustaja');
    const other = await login('vas.edustaja');
    const kept = connect({ cookie: current.sessionCookie });
    const ended = connect({ cookie: other.sessionCookie });
    await Promise.all([connected(kept), connected(ended)]);
    const disconnected = new Promise<string>((resolve) => ended.once('disconnect', resolve));
    const changed = await current.post('/api/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'uusi-salasana-2027',
    });
    expect(changed.status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    expect(kept.connected).toBe(true);
  });

  it('survives garbage events and arguments, and still answers', async () => {
    const socket = connect({ cookie: cookie('sdp.edustaja') });
    await connected(socket);
    const raw = socket as any;
    const reply = (...args: unknown[]) => raw.timeout(WAIT_MS).emitWithAck(...args);
    expect(await reply('joinMeeting', 42)).toMatchObject({ error: { code: 'not_found' } });
    expect(await reply('joinMeeting', { $gt: '' })).toMatchObject({ error: { code: 'not_found' } });
    expect(await reply('joinMeeting', ['x'])).toMatchObject({ error: { code: 'not_found' } });
    expect(await reply('joinMeeting', 'x'.repeat(30_000))).toMatchObject({
      error: { code: 'not_found' },
    });
    raw.emit('joinMeeting');
    raw.emit('joinMeeting', meetingId, 'not a callback');
    raw.emit('joinMeeting', null, null, null);
    raw.emit('leaveMeeting', { toString: 1 });
    raw.emit('leaveMeeting', '__proto__');
    raw.emit('leaveMeeting');
    raw.emit('noSuchEvent', 1, 2, 3);
    expect((await join(socket, meetingId)).ok).toBe(true);

    // A message over the size limit closes that connection only.
    const huge = connect({ cookie: cookie('sdp.edustaja') });
    await connected(huge);
    const closed = new Promise<string>((resolve) => huge.once('disconnect', resolve));
    huge.emit('joinMeeting', 'x'.repeat(100_000), () => {});
    expect(await closed).toBe('transport close');
    expect(socket.connected).toBe(true);
    expect((await join(socket, meetingId)).ok).toBe(true);
    expect((await clients.puheenjohtaja!.get('/api/me')).status).toBe(200);
  });

  it('relays bus events: confidentiality changes to the room, rejections to their author', async () => {
    const meetingId = await newMeeting();
    const kesk = connect({ cookie: cookie('kesk.edustaja') });
    const sdp = connect({ cookie: cookie('sdp.edustaja') });
    await Promise.all([connected(kesk), connected(sdp)]);
    expect((await join(kesk, meetingId)).ok).toBe(true);
    expect((await join(sdp, meetingId)).ok).toBe(true);
    const { events } = t.server.ctx;

    const change = {
      id: randomUUID(),
      meetingId,
      targetId: 'ap_000001',
      targetKind: 'agreedPoint' as const,
      excerpt: 'kohta',
      from: 'confidential' as const,
      to: 'groups' as const,
      lowered: true,
      userId: randomUUID(),
      userName: 'Joku',
      partyId: null,
      at: new Date().toISOString(),
    };
    const seen = Promise.all([
      nextEvent(kesk, 'confidentialityChanged'),
      nextEvent(sdp, 'confidentialityChanged'),
    ]);
    events.publish({ type: 'confidentialityChanged', change });
    expect((await seen).map(([received]) => received)).toEqual([change, change]);

    // A rejected edit is told to its author only.
    const keskUserId = (await clients['kesk.edustaja']!.get('/api/me')).body.id;
    const notice = {
      meetingId,
      room: roomName({ kind: 'memo', meetingId }),
      reason: 'locked' as const,
    };
    const sdpNotices: unknown[] = [];
    sdp.on('editRejected', (received) => sdpNotices.push(received));
    const rejected = nextEvent(kesk, 'editRejected');
    events.publish({ type: 'editRejected', userId: keskUserId, notice });
    expect((await rejected)[0]).toEqual(notice);
    expect(sdpNotices).toEqual([]);
  });

  it('carries a memo edit and a stance to the other negotiators over collab, never over Socket.io', async () => {
    const meetingId = await newMeeting();
    // KESK's representative is in the meeting room too: the memo's words never travel there
    // (each client summarises its own copy of the rooms).
    const socket = connect({ cookie: cookie('kesk.edustaja') });
    await connected(socket);
    const traffic: string[] = [];
    socket.onAny((event: string, ...args: unknown[]) =>
      traffic.push(`${event} ${JSON.stringify(args)}`),
    );
    expect((await join(socket, meetingId)).ok).toBe(true);

    const { memo, section } = await openFirstSection(meetingId);
    const sdpMemo = collab(roomName({ kind: 'memo', meetingId }), cookie('sdp.edustaja'));
    const keskRoom = roomName({ kind: 'party', meetingId, partyId: partyIds.KESK! });
    const sdpView = collab(keskRoom, cookie('sdp.edustaja'));
    await Promise.all([synced(sdpMemo), synced(sdpView)]);

    const pointId = newBlockId('ap');
    const text = 'Säästölista valmistellaan kevääksi.';
    memo.doc.transact(() => {
      const point = new Y.XmlElement(MEMO_NODES.agreedPoint);
      point.setAttribute(MEMO_ATTRS.id, pointId);
      const paragraph = new Y.XmlElement(MEMO_NODES.paragraph);
      paragraph.insert(0, [new Y.XmlText(text)]);
      point.insert(0, [paragraph]);
      section.insert(section.length, [point]);
    });
    const pointOf = (doc: Y.Doc) =>
      summarizeMemo(doc, []).sections[0]?.agreedPoints.find((p) => p.id === pointId);
    await vi.waitFor(() => expect(pointOf(sdpMemo.doc)?.text).toBe(text), { timeout: WAIT_MS });

    // The party's stance lives in its own room; the other parties' negotiators read it there.
    const party = collab(keskRoom, cookie('kesk.edustaja'));
    await synced(party);
    writeStance(party.doc, pointId, { stance: 'agree', reason: '' });
    await vi.waitFor(() => expect(readStances(sdpView.doc).get(pointId)?.stance).toBe('agree'), {
      timeout: WAIT_MS,
    });
    await synced(memo);
    expect(traffic.join('\n')).not.toContain(text);
    // Memo text can be confidential: it never reaches the logs.
    expect(t.logs.join('')).not.toContain(text);
  });

  it('tells the room about a confidentiality change and only the author about a refused edit', async () => {
    const meetingId = await newMeeting();
    const kesk = connect({ cookie: cookie('kesk.edustaja') });
    const sdp = connect({ cookie: cookie('sdp.edustaja') });
    await Promise.all([connected(kesk), connected(sdp)]);
    expect((await join(kesk, meetingId)).ok).toBe(true);
    expect((await join(sdp, meetingId)).ok).toBe(true);

    const { section } = await openFirstSection(meetingId);
    const sectionId = section.getAttribute(MEMO_ATTRS.id);
    const changed = nextEvent(
      sdp,
      'confidentialityChanged',
      (change) => change.targetId === sectionId,
    );
    section.setAttribute(MEMO_ATTRS.confidentiality, 'confidential');
    const [change] = await changed;
    expect(change).toMatchObject({ meetingId, from: 'groups', to: 'confidential', lowered: false });

    // Centre's representative writing the Social Democrats' stances is refused and told so.
    const sdpNotices: unknown[] = [];
    sdp.on('editRejected', (notice) => sdpNotices.push(notice));
    const foreign = collab(
      roomName({ kind: 'party', meetingId, partyId: partyIds.SDP! }),
      cookie('kesk.edustaja'),
    );
    await synced(foreign);
    const rejected = nextEvent(kesk, 'editRejected');
    writeStance(foreign.doc, newBlockId('ap'), { stance: 'agree', reason: '' });
    expect((await rejected)[0]).toEqual({
      meetingId,
      room: roomName({ kind: 'party', meetingId, partyId: partyIds.SDP! }),
      reason: 'read_only',
    });
    expect(sdpNotices).toEqual([]);
  });
});
