import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { ENGINES } from '../support/engines';
import { startTestServer, type TestServer } from '../support/testServer';

// Each hostile input gets its status and the one error shape, and leaves the data as it was.

describe.each(ENGINES)('hostile input on %s', (engine) => {
  let t: TestServer;
  let chair: ApiClient;
  let groupId: string;
  let snapshot: () => Promise<unknown>;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    chair = new ApiClient(t.url);
    const me = await chair.login('puheenjohtaja@demo.example', DEMO_PASSWORD);
    groupId = me.body.memberships[0].groupId;
    const meeting = await chair.post(`/api/groups/${groupId}/meetings`, {
      title: 'Talousarvio',
      startsAt: '2026-12-01T16:00:00+02:00',
      agenda: [{ title: 'Investoinnit' }],
    });
    expect(meeting.status).toBe(201);
    snapshot = async () => ({
      meetings: (await chair.get(`/api/groups/${groupId}/meetings`)).body,
      members: (await chair.get(`/api/groups/${groupId}/members`)).body,
      group: (await chair.get(`/api/groups/${groupId}`)).body,
    });
  });
  afterAll(() => t.close());

  const expectError = (response: { status: number; body: any }, status: number, code?: string) => {
    expect(response.status).toBe(status);
    expect(response.body.error).toEqual(
      expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }),
    );
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+|node_modules/);
  };

  it('malformed JSON → 400', async () => {
    const before = await snapshot();
    expectError(
      await chair.request('POST', `/api/groups/${groupId}/meetings`, undefined, {
        raw: '{"title": "x",',
      }),
      400,
      'bad_request',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('$-operator injection in login → 400 and no session', async () => {
    const attacker = new ApiClient(t.url);
    expectError(
      await attacker.post('/api/auth/login', { email: { $gt: '' }, password: { $gt: '' } }),
      400,
      'validation_failed',
    );
    expectError(
      await attacker.post('/api/auth/login', {
        email: 'puheenjohtaja@demo.example',
        password: { $ne: null },
      }),
      400,
    );
    expect((await attacker.get('/api/me')).status).toBe(401);
  });

  it('unknown fields and operator keys in bodies → 400, data unchanged', async () => {
    const before = await snapshot();
    expectError(
      await chair.patch(`/api/groups/${groupId}`, { name: 'X', $set: { name: 'Y' } }),
      400,
      'validation_failed',
    );
    expectError(
      await chair.post(`/api/groups/${groupId}/parties`, {
        name: 'P',
        shortName: 'P',
        colour: '#000000',
        groupId: randomUUID(),
      }),
      400,
    );
    const party = (before as { group: { parties: { id: string }[] } }).group.parties[0]!;
    expectError(
      await chair.patch(`/api/groups/${groupId}/members/${randomUUID()}`, {
        role: { $ne: 'x' },
        partyId: party.id,
      }),
      400,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('oversized body → 413', async () => {
    const before = await snapshot();
    const huge = JSON.stringify({ title: 'x'.repeat(600_000), startsAt: '2026-12-01T16:00:00Z' });
    expectError(
      await chair.request('POST', `/api/groups/${groupId}/meetings`, undefined, { raw: huge }),
      413,
      'payload_too_large',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('unknown ids, well-formed or not → 404', async () => {
    expectError(await chair.get(`/api/meetings/${randomUUID()}`), 404, 'not_found');
    expectError(await chair.get('/api/meetings/not-an-id'), 404, 'not_found');
    expectError(
      await chair.get(`/api/meetings/${encodeURIComponent('{"$gt":""}')}`),
      404,
      'not_found',
    );
    expectError(await chair.get(`/api/groups/${randomUUID()}/members`), 404, 'not_found');
    expectError(await chair.get('/api/no-such-route'), 404, 'not_found');
  });

  it('a representative acting beyond their role → 403, data unchanged', async () => {
    const rep = new ApiClient(t.url);
    await rep.login('kesk.edustaja@demo.example', DEMO_PASSWORD);
    const before = await snapshot();
    expectError(
      await rep.post(`/api/groups/${groupId}/meetings`, {
        title: 'Oma kokous',
        startsAt: '2026-12-01T16:00:00Z',
      }),
      403,
      'forbidden',
    );
    expectError(
      await rep.post(`/api/groups/${groupId}/invitations`, {
        email: 'x@example.fi',
        role: 'chair',
      }),
      403,
    );
    expectError(await rep.patch(`/api/groups/${groupId}`, { name: 'Kaappaus' }), 403);
    expect(await snapshot()).toEqual(before);
  });

  it('a conflict → 409', async () => {
    const parties = (await chair.get(`/api/groups/${groupId}`)).body.parties;
    expectError(
      await chair.post(`/api/groups/${groupId}/parties`, {
        name: 'Toinen',
        shortName: parties[0].shortName,
        colour: '#123456',
      }),
      409,
      'conflict',
    );
    expectError(
      await chair.post(`/api/groups/${groupId}/invitations`, {
        email: 'uusi.pj@example.fi',
        role: 'chair',
      }),
      409,
    );
  });

  it('a request without a session → 401', async () => {
    expectError(await new ApiClient(t.url).get(`/api/groups/${groupId}`), 401, 'unauthenticated');
  });
});
