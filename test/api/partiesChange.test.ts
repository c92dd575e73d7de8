import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type {
  ConsentNotice,
  ConsentView,
  DeclassificationView,
  PublicationView,
  StatementView,
} from '../../shared/api/consent';
import type { MemoVersionView } from '../../shared/api/memoVersions';
import type { Group, Party, PartyRemoval } from '../../shared/api/types';
import type { AuditEntry } from '../../shared/audit';
import { hashPassword } from '../../server/auth/passwords';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { consentAs, PARTIES, REPRESENTATIVES, representative } from '../support/consentParties';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo } from '../support/memoWriter';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { writeStatement } from '../support/statementWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 13, item 9: a consent round fixes its parties when it starts. Ending (or adding) a party
// while a round is open neither releases nor blocks it: the round is voided, a new one starts with
// the parties now, and everyone is told. A party with history is ended, never deleted.

const READER = 'sdp.lukija1';
const PEOPLE = ['sihteeri', ...REPRESENTATIVES, READER];
const NEW_REP = 'liik.edustaja@example.fi';

describe.each(ENGINES)('a change of parties during a consent round on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let socket: ClientSocket;
  const notices: ConsentNotice[] = [];
  const chair = () => f.clients.puheenjohtaja!;
  const demoPartyIds = () => PARTIES.map((party) => f.partyIds[party]!);

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    socket = openSocket(t.url, f.cookie(representative('KESK')));
    socket.on('consentNotice', (notice) => notices.push(notice));
    await socketConnected(socket);
  });
  afterAll(async () => {
    socket.disconnect();
    await t.close();
  });

  const addParty = async (name: string, shortName: string): Promise<Party> => {
    const added = await chair().post<Party>(`/api/groups/${f.groupId}/parties`, {
      name,
      shortName,
      colour: '#335577',
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    return added.body;
  };
  const removeParty = (partyId: string) =>
    chair().request<PartyRemoval>('DELETE', `/api/groups/${f.groupId}/parties/${partyId}`);
  const gate = async (id: string) =>
    (await f.clients.sihteeri!.get<ConsentView>(`/api/consent/${id}`)).body;
  const group = async () => (await chair().get<Group>(`/api/groups/${f.groupId}`)).body;
  async function audit(): Promise<AuditEntry[]> {
    const response = await chair().get(`/api/groups/${f.groupId}/audit/export?format=json`);
    return response.body.entries as AuditEntry[];
  }

  it('deletes a party without history, and only that one', async () => {
    const empty = await addParty('Tyhjä puolue', 'TYH');
    const removed = await removeParty(empty.id);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ outcome: 'deleted', restartedRounds: 0 });
    const now = await group();
    expect([...now.parties, ...now.endedParties].map((party) => party.id)).not.toContain(empty.id);
    expect((await removeParty(empty.id)).status).toBe(404);
    // A party with members is neither ended nor deleted.
    const withMembers = await removeParty(f.partyIds.KESK!);
    expect(withMembers.status).toBe(409);
    expect((await group()).parties.map((party) => party.id)).toContain(f.partyIds.KESK);
    // Only the chair (or an administrator) manages parties: every other role is refused.
    const other = await addParty('Toinen puolue', 'TOI');
    for (const who of ['sihteeri', representative('SDP'), READER]) {
      const client = f.clients[who]!;
      const path = `/api/groups/${f.groupId}/parties`;
      expect((await client.delete(`${path}/${other.id}`)).status, who).toBe(403);
      expect(
        (await client.post(path, { name: 'X', shortName: 'X', colour: '#000000' })).status,
      ).toBe(403);
    }
    expect((await removeParty(other.id)).body).toMatchObject({ outcome: 'deleted' });
  });

  it("ending the objector's party releases nothing: the round starts over with the parties now", async () => {
    // An eighth party with one representative, set up as an invitation would.
    const party = await addParty('Liike Nyt', 'LIIK');
    const repos = t.server.ctx.repos;
    const user = await repos.users.create({
      email: NEW_REP,
      name: 'Lauri Liike',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      locale: 'fi',
    });
    await repos.memberships.add({
      groupId: f.groupId,
      userId: user._id,
      role: 'representative',
      partyId: party.id,
    });
    const objector = new ApiClient(t.url);
    await objector.login(NEW_REP, DEMO_PASSWORD);
    // An invitation to the party, still open when it ends.
    const invitation = await chair().post<{ link: string }>(
      `/api/groups/${f.groupId}/invitations`,
      {
        email: 'myohassa@example.fi',
        role: 'deputy',
        partyId: party.id,
      },
    );
    expect(invitation.status).toBe(201);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(invitation.body.link)?.[1];

    const text = 'Kaupunginhallitus ei saa yksityistää vesilaitosta.';
    const created = await f.clients.sihteeri!.post<StatementView>(
      `/api/groups/${f.groupId}/statements`,
      { title: 'Kannanotto vesilaitoksesta' },
    );
    const id = created.body.id;
    await writeStatement(t.url, f.cookie('sihteeri'), id, text);
    const put = await f.clients.sihteeri!.post<StatementView>(`/api/statements/${id}/consent`, {});
    expect(put.status).toBe(200);
    expect(put.body.consent.rounds[0]!.partyIds).toHaveLength(PARTIES.length + 1);

    for (const who of REPRESENTATIVES) await consentAs(f, who, id);
    const objected = await objector.post<ConsentView>(`/api/consent/${id}/answers`, {
      round: 1,
      answer: 'object',
      reason: 'Emme hyväksy.',
    });
    expect(objected.status).toBe(200);
    expect(objected.body.state?.outcome).toBe('blocked');

    // The chair removes the objector's only member, then the party.
    expect((await chair().delete(`/api/groups/${f.groupId}/members/${user._id}`)).status).toBe(204);
    const ended = await removeParty(party.id);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ outcome: 'ended', restartedRounds: 1 });
    expect(ended.body.party.endedAt).not.toBeNull();

    // Not released: void, and round 2 awaits the seven parties now, none of them answered.
    const after = await gate(id);
    expect(after.status).toBe('in_consent');
    expect(after.round).toBe(2);
    expect(after.state?.outcome).toBe('pending');
    expect(after.state?.perParty.map((entry) => entry.partyId).sort()).toEqual(
      demoPartyIds().sort(),
    );
    expect(after.state?.perParty.every((entry) => entry.status === 'no_answer')).toBe(true);
    expect(after.rounds[0]!.end).toMatchObject({
      cause: 'parties_changed',
      removed: [party.id],
      added: [],
      withdrawn: demoPartyIds().sort(),
      by: { name: expect.any(String) },
    });
    expect(after.rounds[1]).toMatchObject({ round: 2, cause: 'parties_changed', end: null });
    expect(after.rounds[1]!.hash).toBe(after.rounds[0]!.hash);
    // The ended party keeps its name in the history.
    expect(after.parties.find((p) => p.id === party.id)?.shortName).toBe('LIIK');
    expect((await f.clients[READER]!.get(`/api/statements/${id}`)).status).toBe(404);
    const publicFeed = await fetch(new URL(`/api/public/groups/${f.groupId}/feed`, t.url));
    expect(await publicFeed.text()).not.toContain(text);

    // Everyone is told, in the app and by a link-only email; it is audited.
    await vi.waitFor(() =>
      expect(notices).toContainEqual(
        expect.objectContaining({ kind: 'restarted', requestId: id, round: 2 }),
      ),
    );
    const mail = await t.mail.waitFor(
      (m) =>
        m.to.includes('puheenjohtaja@demo.example') &&
        m.text.includes(id) &&
        /alkoi alusta/.test(m.subject),
    );
    expect(mail.text).not.toContain(text);
    const entries = await audit();
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'party.end',
        target: expect.objectContaining({ type: 'party', id: party.id }),
      }),
    );
    const restarts = entries.filter((e) => e.action === 'consent.restart' && e.target.id === id);
    expect(restarts).toHaveLength(1);
    expect(restarts[0]!.details).toMatchObject({
      round: 2,
      fromRound: 1,
      removedParties: party.id,
    });

    // Ended, kept for history: it is no longer the group's, and gets no new members.
    const now = await group();
    expect(now.parties.map((p) => p.id)).not.toContain(party.id);
    expect(now.endedParties).toContainEqual(expect.objectContaining({ id: party.id }));
    const invited = await chair().post(`/api/groups/${f.groupId}/invitations`, {
      email: 'uusi.liike@example.fi',
      role: 'representative',
      partyId: party.id,
    });
    expect(invited.status).toBe(400);
    const late = await new ApiClient(t.url).post('/api/invitations/accept', {
      token,
      name: 'Myöhäinen Jäsen',
      password: 'myohainen-salasana',
    });
    expect(late.status).toBe(409);
    expect((await removeParty(party.id)).status).toBe(404);

    // Answers to the void round are stale.
    const kesk = representative('KESK');
    expect(
      (await f.clients[kesk]!.post(`/api/consent/${id}/answers`, { round: 1, answer: 'consent' }))
        .status,
    ).toBe(409);

    // The seven parties now release it, in round 2.
    for (const who of REPRESENTATIVES.slice(0, 6)) await consentAs(f, who, id, 2);
    expect((await gate(id)).status).toBe('in_consent');
    expect((await consentAs(f, representative('VIHR'), id, 2)).status).toBe('released');
  });

  it('adding a party during a round voids it: the new party must consent too', async () => {
    const meeting = await f.newMeeting('Puolueiden muutoskokous');
    await chair().post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' });
    const written = await writeMemo(t.url, f, meeting.id, 'muutos');
    expect((await chair().post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    const versionPath = `/api/meetings/${meeting.id}/versions/1`;
    const proposed = await f.clients.sihteeri!.post<PublicationView>(
      `${versionPath}/publication`,
      {},
    );
    expect(proposed.status).toBe(201);
    const id = proposed.body.id;
    for (const party of PARTIES.slice(0, 3)) await consentAs(f, representative(party), id);
    // A declassification open at the same time follows the same rule.
    const view = await f.clients.sihteeri!.get<MemoVersionView>(versionPath);
    const section = view.body.content.sections[0]!;
    if (section.kind !== 'section') throw new Error('the first section is withheld');
    const declassification = await f.clients.sihteeri!.post<DeclassificationView>(
      `${versionPath}/declassifications`,
      {
        target: { kind: 'block', sectionId: section.id, blockId: written.confidentialPointId },
        to: 'groups',
      },
    );
    expect(declassification.status).toBe(201);
    await consentAs(f, representative('KESK'), declassification.body.id);

    const added = await addParty('Uusi puolue', 'UUSI');
    const declassified = await gate(declassification.body.id);
    expect(declassified.round).toBe(2);
    expect(declassified.rounds[0]!.end).toMatchObject({
      cause: 'parties_changed',
      added: [added.id],
      withdrawn: [f.partyIds.KESK],
    });
    const restarted = await gate(id);
    expect(restarted.round).toBe(2);
    expect(restarted.rounds[0]!.end).toMatchObject({
      cause: 'parties_changed',
      added: [added.id],
      removed: [],
      withdrawn: PARTIES.slice(0, 3)
        .map((party) => f.partyIds[party]!)
        .sort(),
    });
    expect(restarted.rounds[1]!.partyIds).toContain(added.id);

    // Every party of the group before it consents: not enough, the new one has not.
    for (const who of REPRESENTATIVES) await consentAs(f, who, id, 2);
    const waiting = await gate(id);
    expect(waiting.status).toBe('in_consent');
    expect(waiting.state?.outcome).toBe('pending');
    expect(waiting.state?.perParty.find((entry) => entry.partyId === added.id)?.status).toBe(
      'no_answer',
    );
    const feedPath = `/api/public/groups/${f.groupId}/feed`;
    const memos = async () =>
      ((await (await fetch(new URL(feedPath, t.url))).json()) as { memos: { meetingId: string }[] })
        .memos;
    expect((await memos()).map((memo) => memo.meetingId)).not.toContain(meeting.id);

    // A round counted it: removing it ends it, and the round starts over without it.
    const removed = await removeParty(added.id);
    expect(removed.body).toMatchObject({ outcome: 'ended', restartedRounds: 2 });
    const third = await gate(id);
    expect(third.round).toBe(3);
    expect(third.rounds[1]!.end?.withdrawn).toEqual(demoPartyIds().sort());
    expect((await memos()).map((memo) => memo.meetingId)).not.toContain(meeting.id);
    for (const who of REPRESENTATIVES) await consentAs(f, who, id, 3);
    expect((await gate(id)).status).toBe('released');
    expect((await memos()).map((memo) => memo.meetingId)).toContain(meeting.id);
  });
});
