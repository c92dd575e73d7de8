import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeStance } from '../../shared/memo/partyDoc';
import type { ApiClient } from '../support/apiClient';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo } from '../support/memoWriter';
import { connectRaw, serverState, waitUntil } from '../support/rawCollab';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';
import { paragraph } from '../unit/memo/build';

// Invariant 1 (only the chair approves; an approved version is immutable and locks the memo)
// through every path, versions and their comparison, delivery and read receipts.

const PEOPLE = [
  'varapuheenjohtaja',
  'sihteeri',
  'kesk.edustaja',
  'kesk.varajasen',
  'sdp.edustaja',
  'kok.edustaja',
  'sdp.lukija1',
  'kesk.lukija1',
];

describe.each(ENGINES)('chair approval and memo versions on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let admin: ApiClient;
  const editors: CollabEditor[] = [];
  const sockets: ClientSocket[] = [];
  const chair = () => f.clients.puheenjohtaja!;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    admin = await f.addAdmin();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const editor of editors) editor.destroy();
    await t.close();
  });

  async function startedMeeting(title?: string) {
    const meeting = await f.newMeeting(title);
    const started = await chair().post(`/api/meetings/${meeting.id}/status`, {
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    return meeting;
  }

  const statusOf = async (meetingId: string) =>
    (await chair().get(`/api/meetings/${meetingId}`)).body.status as string;

  function socketOf(who: string): ClientSocket {
    const socket = openSocket(t.url, f.cookie(who));
    sockets.push(socket);
    return socket;
  }

  it('only the chair approves: every other role is refused on every path', async () => {
    const meeting = await startedMeeting('Vain puheenjohtaja hyväksyy');
    const others: [string, ApiClient][] = [
      ...PEOPLE.map((who): [string, ApiClient] => [who, f.clients[who]!]),
      ['admin', admin],
    ];
    for (const [who, client] of others) {
      const check = await client.get(`/api/meetings/${meeting.id}/approval/check`);
      expect(check.status, `${who} check`).toBe(403);
      const approve = await client.post(`/api/meetings/${meeting.id}/approval`, {});
      expect(approve.status, `${who} approve`).toBe(403);
      // The status route never reaches `approved`, whoever asks.
      const status = await client.post(`/api/meetings/${meeting.id}/status`, {
        status: 'approved',
      });
      expect([403, 409], `${who} status`).toContain(status.status);
    }
    // Nor can the chair take a shortcut around the approval.
    const shortcut = await chair().post(`/api/meetings/${meeting.id}/status`, {
      status: 'approved',
    });
    expect(shortcut.status).toBe(409);
    const smuggled = await chair().put(`/api/meetings/${meeting.id}`, {
      title: 'x',
      startsAt: '2026-12-07T17:00:00+02:00',
      revision: 1,
      status: 'approved',
    });
    expect(smuggled.status).toBe(400);

    // Socket.io has no approval event: an emitted one is ignored, and the socket survives.
    const socket = socketOf('varapuheenjohtaja');
    await socketConnected(socket);
    (socket as unknown as Socket).emit('approveMemo', meeting.id);
    (socket as unknown as Socket).emit('approval', { meetingId: meeting.id });
    const joined = await socket.emitWithAck('joinMeeting', meeting.id);
    expect(joined.ok).toBe(true);
    expect(await statusOf(meeting.id)).toBe('in_progress');
    expect((await chair().get(`/api/meetings/${meeting.id}/versions`)).body.versions).toEqual([]);

    // The chair can.
    const approved = await chair().post(`/api/meetings/${meeting.id}/approval`, {});
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ meetingId: meeting.id, version: 1 });
    expect(approved.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await statusOf(meeting.id)).toBe('approved');
    // Twice is a conflict, not version 2.
    expect((await chair().post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(409);
  });

  it('refuses to approve a meeting that has not started, and unknown or foreign meetings', async () => {
    const planned = await f.newMeeting('Suunniteltu');
    expect((await chair().post(`/api/meetings/${planned.id}/approval`, {})).status).toBe(409);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await chair().post(`/api/meetings/${unknown}/approval`, {})).status).toBe(404);
    expect((await chair().post(`/api/meetings/not-an-id/approval`, {})).status).toBe(404);
    expect(
      (await chair().post(`/api/meetings/${planned.id}/approval`, { draftHash: { $ne: '' } }))
        .status,
    ).toBe(400);
  });

  it('approval locks open editors at once, and a raw client with a chair session cannot write', async () => {
    const meeting = await startedMeeting('Lukitus');
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const editor = connectEditor(t.url, memoRoom, f.cookie('sihteeri'));
    editors.push(editor);
    await editor.settled();
    expect(editor.access).toEqual({ mode: 'write', reason: null });

    expect((await chair().post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    await waitUntil(() => editor.access?.reason === 'locked', 5_000, 'the editor to be locked');

    const raw = await connectRaw(t.url, memoRoom, f.cookie('puheenjohtaja'));
    expect(raw.access).toEqual({ mode: 'read', reason: 'locked' });
    const before = await serverState(t.url, memoRoom, f.cookie('sihteeri'));
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(raw.doc));
    const vector = Y.encodeStateVector(copy);
    const section = memoFragment(copy).get(0) as Y.XmlElement;
    section.insert(section.length, [paragraph('Hyväksynnän jälkeen lisätty.')]);
    raw.sendUpdate(Y.encodeStateAsUpdate(copy, vector));
    await waitUntil(() => raw.rejections.length > 0, 5_000, 'the refusal');
    expect(raw.rejections).toEqual(['locked']);
    expect(await serverState(t.url, memoRoom, f.cookie('sihteeri'))).toEqual(before);
    await raw.close();

    const version = await chair().get(`/api/meetings/${meeting.id}/versions/1`);
    expect(version.status).toBe(200);
  });

  it('a version stays the same after edits and a reopening; version 2 lists exactly the changes', async () => {
    const meeting = await startedMeeting('Versiot');
    const written = await writeMemo(t.url, f, meeting.id, 'versiot');
    const check = await chair().get(`/api/meetings/${meeting.id}/approval/check`);
    expect(check.status).toBe(200);
    const approved = await chair().post(`/api/meetings/${meeting.id}/approval`, {
      draftHash: check.body.draftHash,
    });
    expect(approved.status).toBe(201);
    expect(approved.body.hash).toBe(check.body.draftHash);
    const v1 = (await chair().get(`/api/meetings/${meeting.id}/versions/1`)).body;

    const reason = 'SDP:n kanta kirjattiin väärin.';
    expect(
      (await f.clients['sdp.edustaja']!.post(`/api/meetings/${meeting.id}/reopen`, { reason }))
        .status,
    ).toBe(403);
    const reopened = await chair().post(`/api/meetings/${meeting.id}/reopen`, { reason });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.reopenings).toMatchObject([{ afterVersion: 1, reason }]);
    expect(await statusOf(meeting.id)).toBe('drafting');
    // Readers learn that it was reopened, not the chair's working note.
    const readerHistory = await f.clients['kesk.lukija1']!.get(
      `/api/meetings/${meeting.id}/versions`,
    );
    expect(readerHistory.body.reopenings).toMatchObject([{ afterVersion: 1, reason: '' }]);

    // Change one thing of each kind: a paragraph, a stance, the follow-up's owner.
    const memo = connectEditor(
      t.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      f.cookie('sihteeri'),
    );
    editors.push(memo);
    await memo.settled();
    const added = 'Lisätty toiseen versioon.';
    memo.doc.transact(() => {
      const section = memoFragment(memo.doc).get(0) as Y.XmlElement;
      section.insert(section.length, [paragraph(added, 'groups')]);
      const followUp = section
        .toArray()
        .find(
          (node) =>
            node instanceof Y.XmlElement && node.getAttribute(MEMO_ATTRS.id) === written.followUpId,
        ) as Y.XmlElement;
      followUp.setAttribute(MEMO_ATTRS.owner, 'Sivistyslautakunta');
    });
    await memo.settled();
    const sdp = connectEditor(
      t.url,
      roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.SDP! }),
      f.cookie('sdp.edustaja'),
    );
    editors.push(sdp);
    await sdp.settled();
    writeStance(sdp.doc, written.agreedPointId, {
      stance: 'reservation',
      reason: 'Aikataulu huolettaa.',
    });
    await sdp.settled();

    // Version 1 did not move.
    expect((await chair().get(`/api/meetings/${meeting.id}/versions/1`)).body).toEqual(v1);

    expect((await chair().post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    const v2 = (await chair().get(`/api/meetings/${meeting.id}/versions/2`)).body;
    expect(v2.hash).not.toBe(v1.hash);
    expect((await chair().get(`/api/meetings/${meeting.id}/versions/1`)).body).toEqual({
      ...v1,
      latestVersion: 2,
    });

    const comparison = await chair().get(`/api/meetings/${meeting.id}/versions/1/compare/2`);
    expect(comparison.status).toBe(200);
    const changes = comparison.body.changes as { kind: string; [key: string]: unknown }[];
    expect(changes.map((change) => change.kind).sort()).toEqual(
      ['blockAdded', 'blockChanged', 'stanceChanged'].sort(),
    );
    expect(changes.find((c) => c.kind === 'blockAdded')).toMatchObject({
      block: { kind: 'notes', paragraphs: [added] },
    });
    expect(changes.find((c) => c.kind === 'blockChanged')).toMatchObject({
      fields: ['owner'],
      to: { block: { id: written.followUpId, owner: 'Sivistyslautakunta' } },
    });
    expect(changes.find((c) => c.kind === 'stanceChanged')).toMatchObject({
      agreedPointId: written.agreedPointId,
      partyId: f.partyIds.SDP,
      from: { stance: 'dissent' },
      to: { stance: 'reservation' },
    });

    const history = (await chair().get(`/api/meetings/${meeting.id}/versions`)).body;
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    // Nothing changes or removes a version.
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const response = await chair().request(method, `/api/meetings/${meeting.id}/versions/1`, {});
      expect(response.status).toBe(404);
    }
  });

  it('the chair’s check lists what may be missing, and approving a changed draft is refused', async () => {
    const meeting = await startedMeeting('Tarkistus');
    const written = await writeMemo(t.url, f, meeting.id, 'tarkistus');
    const check = (await chair().get(`/api/meetings/${meeting.id}/approval/check`)).body;
    expect(check.nextVersion).toBe(1);
    expect(check.blockers).toEqual([]);
    const kinds = check.warnings.map((w: { kind: string }) => w.kind);
    // The second agenda item's section is empty; agreed points lack most parties' stances.
    expect(kinds).toContain('emptySection');
    const unstated = check.warnings.find(
      (w: { kind: string; agreedPointId?: string }) =>
        w.kind === 'stanceNotStated' && w.agreedPointId === written.agreedPointId,
    );
    expect(unstated.partyIds).not.toContain(f.partyIds.KESK);
    expect(unstated.partyIds).not.toContain(f.partyIds.SDP);
    expect(unstated.partyIds).toContain(f.partyIds.PS);

    // Someone types after the check: the approval of the checked draft is refused, nothing locks.
    const memo = connectEditor(
      t.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      f.cookie('kesk.edustaja'),
    );
    editors.push(memo);
    await memo.settled();
    const section = memoFragment(memo.doc).get(1) as Y.XmlElement;
    section.insert(section.length, [paragraph('Myöhään lisätty huomio.')]);
    await memo.settled();
    const refused = await chair().post(`/api/meetings/${meeting.id}/approval`, {
      draftHash: check.draftHash,
    });
    expect(refused.status).toBe(409);
    expect(await statusOf(meeting.id)).toBe('in_progress');
    expect(memo.access).toEqual({ mode: 'write', reason: null });
  });

  it('delivers to readers by socket and email, records read receipts for the chair', async () => {
    const meeting = await startedMeeting('Jakelu');
    const written = await writeMemo(t.url, f, meeting.id, 'jakelu');
    const readerSocket = socketOf('sdp.lukija1');
    const received: string[] = [];
    readerSocket.onAny((...args: unknown[]) => received.push(JSON.stringify(args)));
    await socketConnected(readerSocket);
    const delivered = new Promise((resolve) => readerSocket.once('memoDelivered', resolve));

    expect((await chair().post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    expect(await delivered).toEqual({
      groupId: f.groupId,
      meetingId: meeting.id,
      version: 1,
      meetingTitle: 'Jakelu',
    });
    const mail = await t.mail.waitFor(
      (m) => m.to.includes('sdp.lukija1@demo.example') && m.text.includes(meeting.id),
    );
    expect(mail.text).toContain(`/groups/${f.groupId}/meetings/${meeting.id}/versions/1`);
    for (const text of [...written.confidential, ...written.groups, ...written.public]) {
      expect(mail.raw).not.toContain(text);
    }
    for (const text of written.confidential) expect(received.join('')).not.toContain(text);

    const reader = f.clients['sdp.lukija1']!;
    const list = (await reader.get(`/api/groups/${f.groupId}/memos`)).body;
    expect(list.find((item: { meetingId: string }) => item.meetingId === meeting.id)).toMatchObject(
      {
        read: false,
        latest: { version: 1 },
      },
    );
    expect((await reader.get(`/api/meetings/${meeting.id}/versions/1`)).status).toBe(200);
    const after = (await reader.get(`/api/groups/${f.groupId}/memos`)).body;
    expect(after.find((item: { meetingId: string }) => item.meetingId === meeting.id).read).toBe(
      true,
    );

    expect((await reader.get(`/api/meetings/${meeting.id}/receipts`)).status).toBe(403);
    expect(
      (await f.clients.varapuheenjohtaja!.get(`/api/meetings/${meeting.id}/receipts`)).status,
    ).toBe(403);
    const receipts = (await chair().get(`/api/meetings/${meeting.id}/receipts`)).body;
    expect(receipts.versions).toEqual([1]);
    const row = receipts.rows.find(
      (r: { partyId: string; opened: object }) => Object.keys(r.opened).length > 0,
    );
    expect(row).toMatchObject({ partyId: f.partyIds.SDP, role: 'reader' });
    expect(Object.keys(row.opened)).toEqual(['1']);
    const unread = receipts.rows.filter(
      (r: { opened: object }) => Object.keys(r.opened).length === 0,
    );
    expect(unread.length).toBeGreaterThan(0);
  });

  it('readers receive a version without confidential content; the public rendering without groups content', async () => {
    const meeting = await startedMeeting('Rajaus');
    const written = await writeMemo(t.url, f, meeting.id, 'rajaus');
    expect((await chair().post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    const path = `/api/meetings/${meeting.id}/versions/1`;

    const full = await chair().get(path);
    for (const text of [...written.confidential, ...written.groups, ...written.public])
      expect(JSON.stringify(full.body)).toContain(text);

    const reader = f.clients['kesk.lukija1']!;
    const asReader = await reader.get(path);
    expect(asReader.body.audience).toBe('groups');
    expect(asReader.headers.get('cache-control')).toBe('no-store');
    const readerBytes = JSON.stringify(asReader.body);
    for (const text of written.confidential) expect(readerBytes).not.toContain(text);
    for (const text of [...written.groups, ...written.public]) expect(readerBytes).toContain(text);
    expect(readerBytes).not.toContain(written.confidentialPointId);
    expect(readerBytes).not.toContain(written.confidentialDissentId);
    expect(readerBytes).toContain('"withheld"');
    // A reader cannot widen the audience, and admins read as the party groups do.
    expect((await reader.get(`${path}?audience=negotiators`)).status).toBe(404);
    expect((await reader.get(`${path}?audience=everyone`)).status).toBe(400);
    const asAdmin = JSON.stringify((await admin.get(path)).body);
    for (const text of written.confidential) expect(asAdmin).not.toContain(text);

    const publicRendering = JSON.stringify((await chair().get(`${path}?audience=public`)).body);
    for (const text of [...written.confidential, ...written.groups])
      expect(publicRendering).not.toContain(text);
    expect(publicRendering).toContain(written.public[0]);

    // Neither the reader's list, history, comparison nor meeting view carries it.
    for (const extra of [
      `/api/groups/${f.groupId}/memos`,
      `/api/meetings/${meeting.id}/versions`,
      `/api/meetings/${meeting.id}/versions/1/compare/1`,
      `/api/meetings/${meeting.id}`,
    ]) {
      const response = await reader.get(extra);
      expect(response.status, extra).toBe(200);
      for (const text of written.confidential)
        expect(JSON.stringify(response.body)).not.toContain(text);
    }
    // Nor do the server's logs.
    for (const text of written.confidential) expect(t.logs.join('')).not.toContain(text);
  });

  it('an approval cut short after the lock (a crash) is completed from the sealed log on the next read', async () => {
    const meeting = await startedMeeting('Keskeytynyt hyväksyntä');
    const written = await writeMemo(t.url, f, meeting.id, 'kesken');
    const { repos } = t.server.ctx;
    const stored = (await repos.meetings.findById(meeting.id))!;
    const chairUser = (await repos.users.findByEmail('puheenjohtaja@demo.example'))!;
    const at = new Date('2026-11-24T12:00:00.000Z');
    // What approveMemo commits first; the process "dies" before the version is written.
    await repos.meetings.commit(stored, {
      status: 'approved',
      memoVersion: 1,
      approval: { version: 1, userId: chairUser._id, userName: chairUser.name, at },
    });
    expect(await repos.memoVersions.find(meeting.id, 1)).toBeNull();

    const history = (await f.clients['kesk.lukija1']!.get(`/api/meetings/${meeting.id}/versions`))
      .body;
    expect(history.versions).toEqual([
      expect.objectContaining({
        version: 1,
        approvedAt: at.toISOString(),
        approvedBy: { id: chairUser._id, name: chairUser.name },
      }),
    ]);
    const version = (await chair().get(`/api/meetings/${meeting.id}/versions/1`)).body;
    expect(JSON.stringify(version.content)).toContain(written.confidential[0]);
    await t.mail.waitFor(
      (m) => m.to.includes('kesk.lukija1@demo.example') && m.text.includes(meeting.id),
    );
  });
});
