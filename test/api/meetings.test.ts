import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { startTestServer, type TestServer } from '../support/testServer';

describe('meetings and agendas', () => {
  let t: TestServer;
  let secretary: ApiClient;
  let reader: ApiClient;
  let groupId: string;
  let meeting: any;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    secretary = new ApiClient(t.url);
    groupId = (await secretary.login('sihteeri@demo.example', DEMO_PASSWORD)).body.memberships[0]
      .groupId;
    reader = new ApiClient(t.url);
    await reader.login('vihr.lukija1@demo.example', DEMO_PASSWORD);
    const created = await secretary.post(`/api/groups/${groupId}/meetings`, {
      title: 'Valtuustoa edeltävä neuvottelu',
      startsAt: '2026-12-07T17:00:00+02:00',
      location: 'Kaupungintalo, kokoushuone 2',
      councilMeetingDate: '2026-12-14',
      agenda: [
        { title: 'Edellisen muistion läpikäynti', confidentiality: 'public' },
        { title: 'Talousarvio 2027', description: 'Säästölistat', confidentiality: 'groups' },
        {
          title: 'Henkilöstöjärjestelyt CANARY-AGENDA-7731',
          description: 'CANARY-DESC-7731',
          confidentiality: 'confidential',
        },
      ],
    });
    expect(created.status).toBe(201);
    meeting = created.body;
  });
  afterAll(() => t.close());

  it('creates a planned meeting with its agenda in order', () => {
    expect(meeting.status).toBe('planned');
    expect(meeting.agenda.map((item: any) => item.title)).toEqual([
      'Edellisen muistion läpikäynti',
      'Talousarvio 2027',
      'Henkilöstöjärjestelyt CANARY-AGENDA-7731',
    ]);
  });

  it('a reader sees the meeting with the confidential agenda item reduced to a marker', async () => {
    const response = await reader.get(`/api/meetings/${meeting.id}`);
    expect(response.status).toBe(200);
    expect(response.body.agenda[2]).toEqual({ id: meeting.agenda[2].id, redacted: true });
    expect(JSON.stringify(response.body)).not.toContain('CANARY');
    expect((await reader.get(`/api/groups/${groupId}/meetings`)).body[0].title).toBe(meeting.title);
  });

  it('readers and representatives cannot plan or edit meetings', async () => {
    const rep = new ApiClient(t.url);
    await rep.login('kd.edustaja@demo.example', DEMO_PASSWORD);
    for (const client of [reader, rep]) {
      const edit = {
        title: 'Kaapattu',
        startsAt: meeting.startsAt,
        agenda: [],
        revision: meeting.revision,
      };
      expect((await client.put(`/api/meetings/${meeting.id}`, edit)).status).toBe(403);
      expect(
        (await client.post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' })).status,
      ).toBe(403);
    }
  });

  it('an edit from a stale revision is a 409, not a silent overwrite', async () => {
    const {
      id: _id,
      groupId: _g,
      status: _s,
      attendance: _a,
      people: _pe,
      createdAt: _c,
      updatedAt: _u,
      review: _r,
      carried: _cr,
      previousMeeting: _p,
      reviewOutcome: _ro,
      reviewedAt: _ra,
      invitation: _i,
      ...fields
    } = meeting;
    const first = await secretary.put(`/api/meetings/${meeting.id}`, {
      ...fields,
      title: 'Uusi otsikko',
    });
    expect(first.status).toBe(200);
    expect(first.body.revision).toBe(meeting.revision + 1);
    const stale = await secretary.put(`/api/meetings/${meeting.id}`, {
      ...fields,
      title: 'Vanha muokkaus',
    });
    expect(stale.status).toBe(409);
    expect((await secretary.get(`/api/meetings/${meeting.id}`)).body.title).toBe('Uusi otsikko');
    meeting = first.body;
  });

  it('follows the status lifecycle and refuses jumps', async () => {
    expect(
      (await secretary.post(`/api/meetings/${meeting.id}/status`, { status: 'drafting' })).status,
    ).toBe(409);
    expect(
      (await secretary.post(`/api/meetings/${meeting.id}/status`, { status: 'approved' })).status,
    ).toBe(409);
    expect(
      (await secretary.post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' })).body
        .status,
    ).toBe('in_progress');
    expect(
      (await secretary.post(`/api/meetings/${meeting.id}/status`, { status: 'drafting' })).body
        .status,
    ).toBe('drafting');
  });

  it('records attendance per party and refuses parties of other groups', async () => {
    const parties = (await secretary.get(`/api/groups/${groupId}`)).body.parties;
    const attendance = parties.map((p: any, i: number) => ({
      partyId: p.id,
      status: i === 0 ? 'absent' : 'present',
    }));
    const saved = await secretary.put(`/api/meetings/${meeting.id}/attendance`, { attendance });
    expect(saved.status).toBe(200);
    expect(saved.body.attendance).toEqual(attendance);
    const bad = await secretary.put(`/api/meetings/${meeting.id}/attendance`, {
      attendance: [{ partyId: '00000000-0000-4000-8000-000000000000', status: 'present' }],
    });
    expect(bad.status).toBe(400);
  });

  it('members of another group get 404 for this meeting', async () => {
    // A chair of a second group on the same server, set up directly in the store.
    const repos = t.server.ctx.repos;
    const group = await repos.groups.create({ name: 'Toinen ryhmä', municipality: '' });
    const user = await repos.users.create({
      email: 'ulkopuolinen@example.fi',
      name: 'U',
      passwordHash: (await repos.users.findByEmail('sihteeri@demo.example'))!.passwordHash,
      locale: 'fi',
    });
    await repos.memberships.add({
      groupId: group._id,
      userId: user._id,
      role: 'chair',
      partyId: null,
    });
    const outsider = new ApiClient(t.url);
    await outsider.login('ulkopuolinen@example.fi', DEMO_PASSWORD);
    expect((await outsider.get(`/api/meetings/${meeting.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/groups/${groupId}/meetings`)).status).toBe(404);
  });

  it('publishes an OpenAPI document naming every route', async () => {
    const doc = (await reader.get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/meetings/{meetingId}', '/api/groups/{groupId}/invitations']),
    );
  });
});
