import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentView, StatementView } from '../../shared/api/consent';
import type { Group, Meeting, Member } from '../../shared/api/types';
import type { AuditEntry } from '../../shared/audit';
import { roomName } from '../../shared/memo/format';
import { readStances, writeStance } from '../../shared/memo/partyDoc';
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
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { writeStatement } from '../support/statementWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 19, item 4: who attends and who speaks. Person-level attendance with substitutions,
// each party's deputy order, and the group's rule on when deputies speak for their party —
// followed by every channel (the party room over collab, consent answers over HTTP), with
// hostile clients trying the rest.

const RIGHTS_DEADLINE_MS = 3_000;

describe.each(ENGINES)('who attends and who speaks on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let members: Member[];
  const raws: RawCollabClient[] = [];
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, [
      'sihteeri',
      'kesk.edustaja',
      'kesk.varajasen',
      'sdp.varajasen',
      'vihr.lukija1',
    ]);
    members = (await f.clients.puheenjohtaja!.get<Member[]>(`/api/groups/${f.groupId}/members`))
      .body;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(raws.map((raw) => raw.close()));
    await t.close();
  });

  const client = (who: string) => f.clients[who]!;
  const user = (who: string) => {
    const member = members.find((m) => m.email === `${who}@demo.example`);
    if (!member) throw new Error(`no member ${who}`);
    return member;
  };
  const raw = async (room: string, who: string) => {
    const connection = await connectRaw(t.url, room, f.cookie(who));
    raws.push(connection);
    return connection;
  };
  const setting = (who: string, deputiesSpeak: string) =>
    client(who).patch<Group>(`/api/groups/${f.groupId}`, { deputiesSpeak });
  const meetingOf = async (id: string) =>
    (await client('sihteeri').get<Meeting>(`/api/meetings/${id}`)).body;
  const record = async (who: string, meetingId: string, people: object[], revision?: number) =>
    client(who).put<Meeting>(`/api/meetings/${meetingId}/attendance/people`, {
      people,
      revision: revision ?? (await meetingOf(meetingId)).revision,
    });
  const substitution = () => [
    {
      userId: user('kesk.edustaja').userId,
      status: 'substituted',
      substituteUserId: user('kesk.varajasen').userId,
    },
    { userId: user('kesk.varajasen').userId, status: 'present' },
  ];
  const audit = async () =>
    (await client('puheenjohtaja').get(`/api/groups/${f.groupId}/audit/export?format=json`)).body
      .entries as AuditEntry[];

  /** Write a stance into `party` and resolve once the server says it is stored. */
  async function storedStance(party: RawCollabClient, agreedPointId: string) {
    const edit = updateFrom(party, (doc) =>
      writeStance(doc, agreedPointId, { stance: 'agree', reason: '' }),
    );
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(party.doc));
    Y.applyUpdate(copy, edit);
    party.sendUpdate(edit);
    await waitUntil(() => savedCovers(party, copy), 5_000, 'stance stored');
  }

  /** Write a stance that must be refused as read-only; it is never stored. */
  async function refusedStance(party: RawCollabClient, room: string, agreedPointId: string) {
    const before = party.rejections.length;
    party.sendUpdate(
      updateFrom(party, (doc) => writeStance(doc, agreedPointId, { stance: 'agree', reason: '' })),
    );
    await waitUntil(() => party.rejections.length > before, 5_000, 'stance refused');
    expect(party.rejections.at(-1)).toBe('read_only');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, room, f.cookie('kesk.edustaja')));
    expect(readStances(stored).has(agreedPointId)).toBe(false);
  }

  it('the group setting defaults to "always"; only who manages the group changes it, audited', async () => {
    const group = await client('sihteeri').get<Group>(`/api/groups/${f.groupId}`);
    expect(group.body.deputiesSpeak).toBe('always');
    expect((await setting('kesk.edustaja', 'whenSubstituting')).status).toBe(403);
    expect((await setting('sihteeri', 'whenSubstituting')).status).toBe(403);
    expect((await setting('vihr.lukija1', 'whenSubstituting')).status).toBe(403);
    expect((await setting('puheenjohtaja', 'sometimes')).status).toBe(400);
    const changed = await setting('puheenjohtaja', 'whenSubstituting');
    expect(changed.status).toBe(200);
    expect(changed.body.deputiesSpeak).toBe('whenSubstituting');
    expect(
      (await audit()).some(
        (e) => e.action === 'group.deputiesSpeak' && e.details.to === 'whenSubstituting',
      ),
    ).toBe(true);
    expect((await setting('puheenjohtaja', 'always')).status).toBe(200);
  });

  it('a party’s deputy order names only its own deputies, once; set by who manages parties', async () => {
    const url = `/api/groups/${f.groupId}/parties/${f.partyIds.KESK}`;
    const own = user('kesk.varajasen').userId;
    const extra = await f.addMember(`kesk.vara2.${engine}@demo.example`, 'deputy', 'KESK');
    const set = await client('puheenjohtaja').patch(url, { deputyOrder: [extra.userId, own] });
    expect(set.status).toBe(200);
    expect(set.body.deputyOrder).toEqual([extra.userId, own]);
    const group = await client('kesk.edustaja').get<Group>(`/api/groups/${f.groupId}`);
    expect(group.body.parties.find((p) => p.id === f.partyIds.KESK)!.deputyOrder).toEqual([
      extra.userId,
      own,
    ]);
    // Another party's deputy, a representative, someone twice, an unknown id: refused.
    for (const deputyOrder of [
      [user('sdp.varajasen').userId],
      [user('kesk.edustaja').userId],
      [own, own],
      [randomUUID()],
      ['not-an-id'],
    ]) {
      const refused = await client('puheenjohtaja').patch(url, { deputyOrder });
      expect(refused.status, JSON.stringify(deputyOrder)).toBe(400);
    }
    for (const who of ['sihteeri', 'kesk.edustaja', 'kesk.varajasen', 'vihr.lukija1'])
      expect((await client(who).patch(url, { deputyOrder: [own] })).status, who).toBe(403);
    const after = await client('puheenjohtaja').get<Group>(`/api/groups/${f.groupId}`);
    expect(after.body.parties.find((p) => p.id === f.partyIds.KESK)!.deputyOrder).toEqual([
      extra.userId,
      own,
    ]);
    expect((await audit()).some((e) => e.action === 'party.deputyOrder')).toBe(true);
    await t.server.ctx.repos.memberships.remove(f.groupId, extra.userId);
    expect((await client('puheenjohtaja').patch(url, { deputyOrder: [own] })).status).toBe(200);
  });

  it('the organisers record attendance person by person; the party’s status follows its people', async () => {
    const meeting = await f.newMeeting('Läsnäolo henkilöittäin');
    const saved = await record('sihteeri', meeting.id, substitution());
    expect(saved.status).toBe(200);
    expect(saved.body.people).toEqual([
      {
        userId: user('kesk.edustaja').userId,
        status: 'substituted',
        substituteUserId: user('kesk.varajasen').userId,
      },
      { userId: user('kesk.varajasen').userId, status: 'present', substituteUserId: null },
    ]);
    expect(saved.body.attendance).toContainEqual({ partyId: f.partyIds.KESK, status: 'present' });
    // Readers keep what per-party attendance gave them.
    const read = await client('vihr.lukija1').get<Meeting>(`/api/meetings/${meeting.id}`);
    expect(read.body.attendance).toContainEqual({ partyId: f.partyIds.KESK, status: 'present' });
    // The party's status is its people's, not set by hand.
    const byHand = await client('sihteeri').put(`/api/meetings/${meeting.id}/attendance`, {
      attendance: [{ partyId: f.partyIds.KESK, status: 'absent' }],
    });
    expect(byHand.status).toBe(409);
    const other = await client('sihteeri').put<Meeting>(`/api/meetings/${meeting.id}/attendance`, {
      attendance: [{ partyId: f.partyIds.PS, status: 'absent' }],
    });
    expect(other.status).toBe(200);
    expect(other.body.attendance).toContainEqual({ partyId: f.partyIds.KESK, status: 'present' });
    expect(other.body.attendance).toContainEqual({ partyId: f.partyIds.PS, status: 'absent' });
    const entry = (await audit()).find(
      (e) => e.action === 'meeting.attendance' && e.target?.id === meeting.id,
    );
    expect(entry?.details).toMatchObject({ present: 1, substituted: 1, absent: 0 });
  });

  it('refuses substitutes of another party, a deputy twice, strangers and bad input; stores nothing', async () => {
    const meeting = await f.newMeeting('Vihamieliset sijaiset');
    const rep = user('kesk.edustaja').userId;
    const cases: [string, object[]][] = [
      [
        'deputy of another party',
        [{ userId: rep, status: 'substituted', substituteUserId: user('sdp.varajasen').userId }],
      ],
      [
        'a reader as substitute',
        [{ userId: rep, status: 'substituted', substituteUserId: user('vihr.lukija1').userId }],
      ],
      ['a stranger', [{ userId: randomUUID(), status: 'present' }]],
      ['a reader attending', [{ userId: user('vihr.lukija1').userId, status: 'present' }]],
      ['no substitute named', [{ userId: rep, status: 'substituted' }]],
      ['an unknown status', [{ userId: rep, status: 'maybe' }]],
      ['an extra field', [{ userId: rep, status: 'present', $set: { role: 'chair' } }]],
    ];
    for (const [what, people] of cases)
      expect((await record('sihteeri', meeting.id, people)).status, what).toBe(400);
    const huge = Array.from({ length: 201 }, () => ({ userId: randomUUID(), status: 'present' }));
    expect((await record('sihteeri', meeting.id, huge)).status).toBe(400);
    // A stale revision is a conflict, not an overwrite.
    expect((await record('sihteeri', meeting.id, substitution(), 0)).status).toBe(200);
    expect((await record('sihteeri', meeting.id, [], 0)).status).toBe(409);
    expect((await meetingOf(meeting.id)).people).toHaveLength(2);
  });

  it('only the organisers record attendance: not representatives, deputies, readers or another group', async () => {
    const meeting = await f.newMeeting('Kuka merkitsee');
    for (const who of ['kesk.edustaja', 'kesk.varajasen', 'vihr.lukija1'])
      expect((await record(who, meeting.id, substitution())).status, who).toBe(403);
    const outsider = await f.addMember(`ulko-${randomUUID().slice(0, 6)}@muu.example`, 'chair');
    await t.server.ctx.repos.memberships.remove(f.groupId, outsider.userId);
    const foreign = await outsider.client.put(`/api/meetings/${meeting.id}/attendance/people`, {
      people: substitution(),
      revision: 0,
    });
    expect(foreign.status).toBe(404);
    expect(
      (
        await client('sihteeri').put(`/api/meetings/${randomUUID()}/attendance/people`, {
          people: [],
          revision: 0,
        })
      ).status,
    ).toBe(404);
    expect((await meetingOf(meeting.id)).people).toEqual([]);
  });

  it('"vain sijaistaessaan": a deputy writes the party’s stances only while substituting, at once on an open connection', async () => {
    expect((await setting('puheenjohtaja', 'whenSubstituting')).status).toBe(200);
    try {
      const meeting = await f.newMeeting('Sijaisen kannat');
      const room = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
      const deputy = await raw(room, 'kesk.varajasen');
      expect(deputy.access).toEqual({ mode: 'read', reason: 'not_allowed' });
      await refusedStance(deputy, room, 'ap_notsubstituting1');
      // The representative speaks regardless.
      const representative = await raw(room, 'kesk.edustaja');
      expect(representative.access).toEqual({ mode: 'write', reason: null });

      expect((await record('sihteeri', meeting.id, substitution())).status).toBe(200);
      await waitUntil(
        () => deputy.access?.mode === 'write',
        RIGHTS_DEADLINE_MS,
        'the deputy may write once substituting',
      );
      await storedStance(deputy, 'ap_substituting001');

      // No longer substituting: the open connection turns read-only and the next write is refused.
      expect(
        (
          await record('sihteeri', meeting.id, [
            { userId: user('kesk.edustaja').userId, status: 'present' },
          ])
        ).status,
      ).toBe(200);
      await waitUntil(
        () => deputy.access?.mode === 'read',
        RIGHTS_DEADLINE_MS,
        'read-only once the substitution ends',
      );
      await refusedStance(deputy, room, 'ap_nolonger000001');
      // Another party's deputy never writes KESK's room, substituting or not.
      const sdpDeputy = await raw(room, 'sdp.varajasen');
      expect(sdpDeputy.access).toEqual({ mode: 'read', reason: 'not_allowed' });
    } finally {
      expect((await setting('puheenjohtaja', 'always')).status).toBe(200);
    }
  });

  it('a change made behind the server’s back (no event) still stops the next stored batch', async () => {
    expect((await setting('puheenjohtaja', 'whenSubstituting')).status).toBe(200);
    try {
      const meeting = await f.newMeeting('Suoraan tietokantaan');
      const room = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
      expect((await record('sihteeri', meeting.id, substitution())).status).toBe(200);
      const deputy = await raw(room, 'kesk.varajasen');
      expect(deputy.access).toEqual({ mode: 'write', reason: null });
      // The substitution ends in the database directly: no bus event reaches the room.
      const { meetings } = t.server.ctx.repos;
      const stored = (await meetings.findById(meeting.id))!;
      expect(await meetings.commit(stored, { people: [] })).not.toBeNull();
      await refusedStance(deputy, room, 'ap_behindtheback1');
      expect(deputy.access).toEqual({ mode: 'read', reason: 'not_allowed' });
    } finally {
      expect((await setting('puheenjohtaja', 'always')).status).toBe(200);
    }
  });

  it('back to "always": an open deputy connection may write again at once', async () => {
    const meeting = await f.newMeeting('Aina puhuvat');
    const room = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    expect((await setting('puheenjohtaja', 'whenSubstituting')).status).toBe(200);
    const deputy = await raw(room, 'kesk.varajasen');
    expect(deputy.access?.mode).toBe('read');
    expect((await setting('puheenjohtaja', 'always')).status).toBe(200);
    await waitUntil(() => deputy.access?.mode === 'write', RIGHTS_DEADLINE_MS, 'writable again');
    await storedStance(deputy, 'ap_alwaysagain001');
  });

  it('consent over HTTP: with "vain sijaistaessaan" a deputy answers only for a meeting in which they substitute', async () => {
    const meeting = await f.newMeeting('Kannanoton kokous');
    const statement = async (meetingId?: string) => {
      const created = await client('sihteeri').post<StatementView>(
        `/api/groups/${f.groupId}/statements`,
        { title: `Kannanotto ${randomUUID().slice(0, 6)}`, ...(meetingId ? { meetingId } : {}) },
      );
      expect(created.status).toBe(201);
      await writeStatement(t.url, f.cookie('sihteeri'), created.body.id, 'Yhteinen teksti.');
      const put = await client('sihteeri').post(`/api/statements/${created.body.id}/consent`, {});
      expect(put.status).toBe(200);
      return created.body.id;
    };
    const answer = (id: string) =>
      client('kesk.varajasen').post<ConsentView>(`/api/consent/${id}/answers`, {
        round: 1,
        answer: 'consent',
      });
    const free = await statement();
    const ofMeeting = await statement(meeting.id);
    expect((await setting('puheenjohtaja', 'whenSubstituting')).status).toBe(200);
    try {
      const refused = await answer(free);
      expect(refused.status).toBe(403);
      expect(
        (await client('kesk.varajasen').get<ConsentView>(`/api/consent/${free}`)).body,
      ).toMatchObject({ answersFor: null });
      expect((await answer(ofMeeting)).status).toBe(403);
      // Socket.io carries no consent answers (removed in issue 15): a hostile client sending the
      // old event, or a made-up one, stores nothing. A join's answer proves both were handled.
      const socket = openSocket(t.url, f.cookie('kesk.varajasen'));
      sockets.push(socket);
      await socketConnected(socket);
      const raw = socket as unknown as { emit(event: string, ...args: unknown[]): void };
      raw.emit('answerConsent', { requestId: free, round: 1, answer: 'consent' });
      raw.emit('consentAnswer', free, { round: 1, answer: 'consent', partyId: f.partyIds.KESK });
      const joined = await socket.timeout(5_000).emitWithAck('joinMeeting', meeting.id);
      expect(joined.ok).toBe(true);
      const view = (await client('puheenjohtaja').get<ConsentView>(`/api/consent/${free}`)).body;
      expect(view.history.some((a) => a.userId === user('kesk.varajasen').userId)).toBe(false);
      expect(
        (await audit()).some(
          (e) =>
            e.action === 'consent.refused' && e.actor?.userId === user('kesk.varajasen').userId,
        ),
      ).toBe(true);
      // Substituting in the statement's meeting: their answer counts for KESK.
      expect((await record('sihteeri', meeting.id, substitution())).status).toBe(200);
      const given = await answer(ofMeeting);
      expect(given.status).toBe(200);
      expect(given.body.answersFor).toBe(f.partyIds.KESK);
      // Still not for the statement that belongs to no meeting.
      expect((await answer(free)).status).toBe(403);
      // The representative answers either way.
      const rep = await client('kesk.edustaja').post(`/api/consent/${free}/answers`, {
        round: 1,
        answer: 'consent',
      });
      expect(rep.status).toBe(200);
    } finally {
      expect((await setting('puheenjohtaja', 'always')).status).toBe(200);
    }
    // "aina" (today's behaviour): the deputy answers again.
    expect((await answer(free)).status).toBe(200);
  });

  it('the approved version lists people as they attended; attendance is locked with the memo', async () => {
    const meeting = await f.newMeeting('Hyväksytty läsnäolo');
    expect((await record('sihteeri', meeting.id, substitution())).status).toBe(200);
    expect(
      (
        await client('puheenjohtaja').post(`/api/meetings/${meeting.id}/status`, {
          status: 'in_progress',
        })
      ).status,
    ).toBe(200);
    expect(
      (await client('puheenjohtaja').post(`/api/meetings/${meeting.id}/approval`, {})).status,
    ).toBe(201);
    const rep = user('kesk.edustaja');
    const deputy = user('kesk.varajasen');
    const version = await client('vihr.lukija1').get(`/api/meetings/${meeting.id}/versions/1`);
    expect(version.status).toBe(200);
    const participants = version.body.meetingFacts.participants;
    expect(participants).toContainEqual(
      expect.objectContaining({
        name: deputy.name,
        attended: { status: 'substituting', for: rep.name },
      }),
    );
    expect(participants).toContainEqual(
      expect.objectContaining({
        name: rep.name,
        attended: { status: 'substituted', by: deputy.name },
      }),
    );
    const markdown = await fetch(`${t.url}/api/meetings/${meeting.id}/versions/1/export.md`, {
      headers: { cookie: f.cookie('vihr.lukija1') },
    });
    expect(markdown.status).toBe(200);
    expect(await markdown.text()).toContain(
      `${deputy.name} (varajäsen, jäsenen ${rep.name} sijaisena)`,
    );
    // Locked: nothing about who attended changes after approval.
    expect((await record('sihteeri', meeting.id, [])).status).toBe(409);
    expect((await meetingOf(meeting.id)).people).toHaveLength(2);
  });
});
