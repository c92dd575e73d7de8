import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalDelegation } from '../../shared/actingChair';
import type { ApiClient } from '../support/apiClient';
import { auditEntries } from '../support/auditLog';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { outsiderClient } from '../support/outsider';
import { readPdf } from '../support/pdfText';
import { writeStatement } from '../support/statementWriter';
import { newBlockId, roomName } from '../../shared/memo/format';
import { writeStance } from '../../shared/memo/partyDoc';
import { connectRaw, updateFrom, waitUntil, type RawCollabClient } from '../support/rawCollab';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 19, the acting chair: the chair (or an administrator) delegates the approval to a
// vice-chair for one meeting or a period; only the chair or that vice-chair, while the delegation
// is in force for the meeting, approves (invariant 1), and the version says so everywhere.

const PEOPLE = ['varapuheenjohtaja', 'sihteeri', 'kesk.edustaja', 'kesk.varajasen', 'sdp.lukija1'];
const ACTING_FI = (name: string) => `Hyväksynyt varapuheenjohtaja ${name} puheenjohtajan sijaisena`;

describe.each(ENGINES)('the acting chair on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let admin: ApiClient;
  let outsider: ApiClient;
  let vice: { id: string; name: string };
  let chairUser: { id: string; name: string };
  const sockets: ClientSocket[] = [];
  const raws: RawCollabClient[] = [];
  const chair = () => f.clients.puheenjohtaja!;
  const viceChair = () => f.clients.varapuheenjohtaja!;
  const delegationsPath = () => `/api/groups/${f.groupId}/approval-delegations`;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    admin = await f.addAdmin();
    outsider = await outsiderClient(t, 'toinen.pj@muualla.example');
    const person = async (client: ApiClient) => {
      const { id, name } = (await client.get('/api/me')).body as { id: string; name: string };
      return { id, name };
    };
    vice = await person(viceChair());
    chairUser = await person(chair());
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(raws.map((raw) => raw.close()));
    await t.close();
  });

  async function startedMeeting(title: string) {
    const meeting = await f.newMeeting(title);
    const started = await chair().post(`/api/meetings/${meeting.id}/status`, {
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    return meeting;
  }

  async function delegate(
    by: ApiClient,
    scope: { kind: 'meeting'; meetingId: string } | { kind: 'period'; from: string; to: string },
  ): Promise<ApprovalDelegation> {
    const created = await by.post(delegationsPath(), { delegateUserId: vice.id, scope });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as ApprovalDelegation;
  }

  const approve = (client: ApiClient, meetingId: string, body: unknown = {}) =>
    client.post(`/api/meetings/${meetingId}/approval`, body);

  const today = () =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
  const shiftDays = (day: string, days: number) =>
    new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('only the chair or an administrator delegates, to a vice-chair of the group, with valid input', async () => {
    const meeting = await f.newMeeting('Delegoinnin oikeudet');
    const scope = { kind: 'meeting', meetingId: meeting.id };
    for (const who of ['varapuheenjohtaja', 'sihteeri', 'kesk.edustaja', 'sdp.lukija1']) {
      const refused = await f.clients[who]!.post(delegationsPath(), {
        delegateUserId: vice.id,
        scope,
      });
      expect(refused.status, who).toBe(403);
    }
    // Another group's chair learns nothing of this group.
    expect(
      (await outsider.post(delegationsPath(), { delegateUserId: vice.id, scope })).status,
    ).toBe(404);
    expect((await outsider.get(delegationsPath())).status).toBe(404);
    // A reader does not see who acts for the chair.
    expect((await f.clients['sdp.lukija1']!.get(delegationsPath())).status).toBe(403);

    const secretary = (await f.clients.sihteeri!.get('/api/me')).body.id as string;
    const bad: [string, unknown][] = [
      ['secretary as delegate', { delegateUserId: secretary, scope }],
      ['chair as delegate', { delegateUserId: chairUser.id, scope }],
      ['unknown user', { delegateUserId: '00000000-0000-4000-8000-000000000000', scope }],
      ['not an id', { delegateUserId: 'x', scope }],
      ['$-operator', { delegateUserId: { $ne: null }, scope }],
      ['extra field', { delegateUserId: vice.id, scope, actingFor: chairUser.id }],
      ['scope with extra', { delegateUserId: vice.id, scope: { ...scope, from: today() } }],
      ['unknown kind', { delegateUserId: vice.id, scope: { kind: 'forever' } }],
      [
        'period reversed',
        {
          delegateUserId: vice.id,
          scope: { kind: 'period', from: today(), to: shiftDays(today(), -1) },
        },
      ],
      [
        'period too long',
        {
          delegateUserId: vice.id,
          scope: { kind: 'period', from: today(), to: shiftDays(today(), 400) },
        },
      ],
      [
        'period over',
        {
          delegateUserId: vice.id,
          scope: { kind: 'period', from: shiftDays(today(), -9), to: shiftDays(today(), -2) },
        },
      ],
      ['not a date', { delegateUserId: vice.id, scope: { kind: 'period', from: 'x', to: 'y' } }],
      ['oversized', { delegateUserId: vice.id, scope, pad: 'x'.repeat(300_000) }],
    ];
    for (const [what, body] of bad) {
      const refused = await chair().post(delegationsPath(), body);
      expect([400, 413], what).toContain(refused.status);
    }
    const unknownMeeting = await chair().post(delegationsPath(), {
      delegateUserId: vice.id,
      scope: { kind: 'meeting', meetingId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknownMeeting.status).toBe(404);
    expect(
      (await chair().post(`${delegationsPath()}/00000000-0000-4000-8000-000000000000/end`, {}))
        .status,
    ).toBe(404);
    expect((await chair().post(`${delegationsPath()}/not-an-id/end`, {})).status).toBe(404);
    // Nothing was stored by any refusal.
    expect((await chair().get(delegationsPath())).body).toEqual([]);
  });

  it('a vice-chair approves only with a delegation in force for that meeting, and the version says so everywhere', async () => {
    const meeting = await startedMeeting('Sijaisen hyväksymä');
    const other = await startedMeeting('Toinen kokous');

    // Without a delegation: refused, on the check, the approval and the reopening.
    const without = await approve(viceChair(), meeting.id);
    expect(without.status).toBe(403);
    expect(without.body.error.message).toMatch(/puheenjohtajan sijaisuutta/);
    expect((await viceChair().get(`/api/meetings/${meeting.id}/approval/check`)).status).toBe(403);

    const delegation = await delegate(chair(), { kind: 'meeting', meetingId: other.id });
    expect(delegation).toMatchObject({
      delegate: vice,
      createdBy: chairUser,
      byAdministrator: false,
      ended: null,
      inForce: true,
    });
    // A delegation for another meeting does not reach this one.
    const elsewhere = await approve(viceChair(), meeting.id);
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.details).toEqual([
      { path: 'delegation', message: 'noDelegationInForce' },
    ]);
    // Nobody can claim to act for anyone in the body.
    for (const body of [
      { actingFor: chairUser.id },
      { delegationId: delegation.id },
      { draftHash: { $ne: null } },
      { $set: { status: 'approved' } },
    ]) {
      expect((await approve(viceChair(), meeting.id, body)).status).toBe(400);
    }
    // Nor does anyone else become acting chair through it.
    for (const who of ['sihteeri', 'kesk.edustaja', 'kesk.varajasen', 'sdp.lukija1']) {
      expect((await approve(f.clients[who]!, other.id)).status, who).toBe(403);
    }
    expect((await approve(admin, other.id)).status).toBe(403);
    expect((await approve(outsider, other.id)).status).toBe(404);

    // The vice-chair, under the delegation, for the meeting it names.
    const check = await viceChair().get(`/api/meetings/${other.id}/approval/check`);
    expect(check.status).toBe(200);
    expect(check.body.actingChair).toBe(true);
    expect((await chair().get(`/api/meetings/${other.id}/approval/check`)).body.actingChair).toBe(
      false,
    );
    const approved = await approve(viceChair(), other.id);
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({ version: 1, approvedBy: vice, actingChair: true });

    const view = await f.clients['sdp.lukija1']!.get(`/api/meetings/${other.id}/versions/1`);
    expect(view.body).toMatchObject({ approvedBy: vice, actingChair: true });
    const base = `/api/meetings/${other.id}/versions/1`;
    const fetchText = async (path: string) => {
      const response = await fetch(new URL(path, t.url), {
        headers: { cookie: f.cookie('sdp.lukija1') },
      });
      expect(response.status, path).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    };
    expect(
      (await fetchText(`${base}/export.md`)).toString('utf8').replace(/\\(.)/g, '$1'),
    ).toContain(ACTING_FI(vice.name));
    expect((await fetchText(`${base}/print?lang=sv`)).toString('utf8')).toContain(
      `Godkänd av vice ordförande ${vice.name} i ordförandens ställe`,
    );
    expect((await readPdf(await fetchText(`${base}/export.pdf?lang=en`))).text).toContain(
      `Approved by vice-chair ${vice.name}, acting for the chair`,
    );
    const mail = await t.mail.waitFor(
      (m) => m.to.includes('sdp.lukija1@demo.example') && m.text.includes(other.id),
    );
    expect(mail.text.replace(/\s+/g, ' ')).toContain(
      `Varapuheenjohtaja ${vice.name} on puheenjohtajan sijaisena hyväksynyt`,
    );

    // Reopening follows the same rule: the acting chair may, the secretary may not.
    expect(
      (await f.clients.sihteeri!.post(`/api/meetings/${other.id}/reopen`, { reason: 'Korjaus' }))
        .status,
    ).toBe(403);
    const reopened = await viceChair().post(`/api/meetings/${other.id}/reopen`, {
      reason: 'Korjaus',
    });
    expect(reopened.status).toBe(200);

    // The audit says who delegated, who approved acting for the chair, and who reopened.
    const entries = await auditEntries(chair(), f.groupId);
    expect(entries.find((e) => e.action === 'approval.delegate')).toMatchObject({
      actor: { userId: chairUser.id },
      target: { type: 'approvalDelegation', id: delegation.id },
      details: { delegate: vice.name, byAdministrator: false },
    });
    expect(
      entries.find((e) => e.action === 'memo.approve' && e.target.label?.includes('Toinen')),
    ).toMatchObject({
      actor: { userId: vice.id },
      details: { actingChair: true, delegationId: delegation.id },
    });
    expect(entries.find((e) => e.action === 'memo.reopen')).toMatchObject({
      actor: { userId: vice.id },
      details: { actingChair: true },
    });

    // The chair keeps the right to approve during the delegation.
    const byChair = await approve(chair(), meeting.id);
    expect(byChair.status).toBe(201);
    expect(byChair.body.actingChair).toBe(false);
  });

  it('an ended delegation stops the next approval at once, and open pages hear of it', async () => {
    const meeting = await startedMeeting('Päättynyt sijaisuus');
    const delegation = await delegate(chair(), { kind: 'meeting', meetingId: meeting.id });
    // The vice-chair has the approval page open: the check passed.
    expect((await viceChair().get(`/api/meetings/${meeting.id}/approval/check`)).status).toBe(200);
    const socket = openSocket(t.url, f.cookie('varapuheenjohtaja'));
    sockets.push(socket);
    await socketConnected(socket);
    const heard = new Promise((resolve) => socket.once('approvalDelegationChanged', resolve));

    // Collab and Socket.io cannot make or end a delegation: only the API.
    (socket as unknown as Socket).emit('createApprovalDelegation', {
      delegateUserId: vice.id,
      scope: { kind: 'meeting', meetingId: meeting.id },
    });
    (socket as unknown as Socket).emit('approveMemo', meeting.id);

    const ended = await chair().post(`${delegationsPath()}/${delegation.id}/end`, {});
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ inForce: false, ended: { by: chairUser } });
    expect(await heard).toBe(f.groupId);
    const refused = await approve(viceChair(), meeting.id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/puheenjohtajan sijaisuutta/);
    // Ended once: a second end is a conflict, and one audit entry says who ended it.
    expect((await chair().post(`${delegationsPath()}/${delegation.id}/end`, {})).status).toBe(409);
    const ends = (await auditEntries(chair(), f.groupId)).filter(
      (e) => e.action === 'approval.endDelegation' && e.target.id === delegation.id,
    );
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ actor: { userId: chairUser.id } });
    expect((await chair().get(`/api/meetings/${meeting.id}`)).body.status).toBe('in_progress');
    const listed = (await chair().get(delegationsPath())).body as ApprovalDelegation[];
    expect(
      listed.filter((d) => d.scope.kind === 'meeting' && d.scope.meetingId === meeting.id),
    ).toHaveLength(1);
    // The socket survived the unknown events.
    expect((await socket.emitWithAck('joinMeeting', meeting.id)).ok).toBe(true);
  });

  it('an administrator delegates for a period when the chair is away; an expired period approves nothing', async () => {
    const meeting = await startedMeeting('Kesäloma');
    // An expired period, as stored before it ran out (the API refuses to make one).
    await t.server.ctx.repos.approvalDelegations.create({
      _id: '11111111-1111-4111-8111-111111111111',
      groupId: f.groupId,
      delegateUserId: vice.id,
      delegateName: vice.name,
      scope: { kind: 'period', from: shiftDays(today(), -10), to: shiftDays(today(), -1) },
      createdBy: chairUser.id,
      createdByName: chairUser.name,
      byAdministrator: false,
      createdAt: new Date(Date.now() - 10 * 86_400_000),
    });
    expect((await approve(viceChair(), meeting.id)).status).toBe(403);
    // One starting tomorrow is not in force today either.
    const tomorrow = await delegate(admin, {
      kind: 'period',
      from: shiftDays(today(), 1),
      to: shiftDays(today(), 5),
    });
    expect(tomorrow.inForce).toBe(false);
    expect((await approve(viceChair(), meeting.id)).status).toBe(403);

    const period = await delegate(admin, {
      kind: 'period',
      from: today(),
      to: shiftDays(today(), 7),
    });
    expect(period).toMatchObject({ byAdministrator: true, inForce: true });
    const approved = await approve(viceChair(), meeting.id);
    expect(approved.status).toBe(201);
    expect(approved.body.actingChair).toBe(true);
    const entries = await auditEntries(chair(), f.groupId);
    expect(
      entries.find((e) => e.action === 'approval.delegate' && e.target.id === period.id),
    ).toMatchObject({ details: { byAdministrator: true } });

    // A vice-chair who is no longer one loses the delegation's effect at once.
    const next = await startedMeeting('Roolin muutos');
    const memberships = t.server.ctx.repos.memberships;
    await memberships.update(f.groupId, vice.id, { role: 'secretary', partyId: null });
    try {
      expect((await approve(viceChair(), next.id)).status).toBe(403);
    } finally {
      await memberships.update(f.groupId, vice.id, { role: 'vice_chair', partyId: null });
    }
    for (const id of [tomorrow.id, period.id]) {
      expect((await admin.post(`${delegationsPath()}/${id}/end`, {})).status).toBe(200);
    }
  });

  it('an officer who belongs to a party speaks for it, and only for it; one without a party for none', async () => {
    const secretary = (await f.clients.sihteeri!.get('/api/me')).body as {
      id: string;
      name: string;
    };
    const memberPath = `/api/groups/${f.groupId}/members/${secretary.id}`;
    // Only the chair or an administrator gives an officer a party, and only a party of the group.
    expect(
      (await viceChair().patch(memberPath, { role: 'secretary', partyId: f.partyIds.KESK })).status,
    ).toBe(403);
    expect(
      (
        await chair().patch(memberPath, {
          role: 'secretary',
          partyId: '00000000-0000-4000-8000-000000000000',
        })
      ).status,
    ).toBe(400);
    const given = await chair().patch(memberPath, { role: 'secretary', partyId: f.partyIds.KESK });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ role: 'secretary', partyId: f.partyIds.KESK });

    const meeting = await startedMeeting('Sihteeri puolueen äänenä');
    const room = (party: string) =>
      roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds[party]! });
    const connect = async (party: string, who: string) => {
      const raw = await connectRaw(t.url, room(party), f.cookie(who));
      raws.push(raw);
      return raw;
    };
    const own = await connect('KESK', 'sihteeri');
    expect(own.access).toEqual({ mode: 'write', reason: null });
    const foreign = await connect('SDP', 'sihteeri');
    expect(foreign.access).toEqual({ mode: 'read', reason: 'not_allowed' });
    // The chair has no party: speaks for none.
    expect((await connect('KESK', 'puheenjohtaja')).access).toEqual({
      mode: 'read',
      reason: 'not_allowed',
    });
    const point = newBlockId('ap');
    foreign.sendUpdate(
      updateFrom(foreign, (doc) => writeStance(doc, point, { stance: 'agree', reason: '' })),
    );
    own.sendUpdate(
      updateFrom(own, (doc) =>
        writeStance(doc, point, { stance: 'reservation', reason: 'Kysyttävää' }),
      ),
    );
    await waitUntil(() => foreign.rejections.length === 1, 5_000, 'the foreign stance refused');
    expect(foreign.rejections).toEqual(['read_only']);
    await waitUntil(() => own.saved !== null, 5_000, 'the own stance saved');

    // The memo lists the secretary under the party, with the office named.
    expect((await approve(chair(), meeting.id)).status).toBe(201);
    const view = await chair().get(`/api/meetings/${meeting.id}/versions/1`);
    expect(view.body.meetingFacts.participants).toContainEqual({
      name: secretary.name,
      role: 'secretary',
      partyId: f.partyIds.KESK,
    });
    const md = await fetch(new URL(`/api/meetings/${meeting.id}/versions/1/export.md`, t.url), {
      headers: { cookie: f.cookie('puheenjohtaja') },
    });
    const text = (await md.text()).replace(/\\(.)/g, '$1');
    const keskLine = text
      .split('\n')
      .find((line) => line.includes('KESK') || line.includes('Keskusta'));
    expect(keskLine, text).toContain(`${secretary.name} (sihteeri)`);

    // Consent answers over REST by the same rule: for its own party only; the chair for none.
    const statement = await chair().post(`/api/groups/${f.groupId}/statements`, {
      title: 'Yhteinen kannanotto',
    });
    expect(statement.status).toBe(201);
    const statementId = statement.body.id as string;
    await writeStatement(t.url, f.cookie('puheenjohtaja'), statementId, 'Kannatamme yhdessä.');
    expect((await chair().post(`/api/statements/${statementId}/consent`, {})).status).toBe(200);
    const answer = (who: string, body: object) =>
      f.clients[who]!.post(`/api/consent/${statementId}/answers`, {
        round: 1,
        answer: 'consent',
        ...body,
      });
    expect((await answer('sihteeri', { partyId: f.partyIds.SDP })).status).toBe(403);
    expect((await answer('puheenjohtaja', { partyId: f.partyIds.KESK })).status).toBe(403);
    expect((await answer('puheenjohtaja', {})).status).toBe(403);
    const ownAnswer = await answer('sihteeri', {});
    expect(ownAnswer.status, JSON.stringify(ownAnswer.body)).toBe(200);
    expect(ownAnswer.body.history).toEqual([
      expect.objectContaining({ partyId: f.partyIds.KESK, answer: 'consent' }),
    ]);
    expect((await f.clients.sihteeri!.get(`/api/consent/${statementId}`)).body.answersFor).toBe(
      f.partyIds.KESK,
    );
    expect((await chair().get(`/api/consent/${statementId}`)).body.answersFor).toBeNull();

    // Taking the party away takes the voice away on the open connection at once.
    const taken = await chair().patch(memberPath, { role: 'secretary', partyId: null });
    expect(taken.status).toBe(200);
    expect(taken.body.partyId).toBeNull();
    const next = await startedMeeting('Ilman puoluetta');
    const after = await connectRaw(
      t.url,
      roomName({ kind: 'party', meetingId: next.id, partyId: f.partyIds.KESK! }),
      f.cookie('sihteeri'),
    );
    raws.push(after);
    expect(after.access).toEqual({ mode: 'read', reason: 'not_allowed' });
  });
});
