import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { startTestServer, type TestServer } from '../support/testServer';

const tokenIn = (text: string) => /\/invite#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('invitations', () => {
  let t: TestServer;
  let chair: ApiClient;
  let groupId: string;
  let sdpId: string;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    chair = new ApiClient(t.url);
    groupId = (await chair.login('puheenjohtaja@demo.example', DEMO_PASSWORD)).body.memberships[0]
      .groupId;
    sdpId = (await chair.get(`/api/groups/${groupId}`)).body.parties.find(
      (p: any) => p.shortName === 'SDP',
    ).id;
  });
  afterAll(() => t.close());

  it('emails a single-use link over SMTP; the invitee joins with the role and party given', async () => {
    const created = await chair.post(`/api/groups/${groupId}/invitations`, {
      email: 'Uusi.Edustaja@Example.fi',
      role: 'representative',
      partyId: sdpId,
    });
    expect(created.status).toBe(201);
    expect(created.body.emailStatus).toBe('sent');
    const mail = await t.mail.waitFor((m) => m.to.includes('uusi.edustaja@example.fi'));
    const token = tokenIn(mail.text);
    expect(token).toBeDefined();
    expect(tokenIn(created.body.link)).toBe(token);

    const invitee = new ApiClient(t.url);
    const preview = await invitee.post('/api/invitations/preview', { token });
    expect(preview.body).toMatchObject({
      role: 'representative',
      partyName: expect.stringContaining('Sosialidemokraattinen'),
      accountExists: false,
    });
    expect((await invitee.post('/api/invitations/accept', { token })).status).toBe(400); // name and password needed
    const accepted = await invitee.post('/api/invitations/accept', {
      token,
      name: 'Uusi Edustaja',
      password: 'hyvä-salasana-1',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ groupId, role: 'representative', partyId: sdpId }),
    ]);
    expect((await invitee.get('/api/me')).status).toBe(200);

    // Single use: the same link works no more, for anyone.
    expect(
      (
        await new ApiClient(t.url).post('/api/invitations/accept', {
          token,
          name: 'X',
          password: 'toinen-salasana',
        })
      ).status,
    ).toBe(404);
    await new ApiClient(t.url).login('uusi.edustaja@example.fi', 'hyvä-salasana-1');
    const listed = (await chair.get(`/api/groups/${groupId}/invitations`)).body;
    expect(listed.find((i: any) => i.email === 'uusi.edustaja@example.fi').status).toBe('accepted');
    // The token is in no log line.
    expect(t.logs.join('')).not.toContain(token);
  });

  it('an existing account accepts only when logged in as the invited person', async () => {
    const other = await startTestServer({ seedDemo: true });
    try {
      const c = new ApiClient(other.url);
      const gid = (await c.login('puheenjohtaja@demo.example', DEMO_PASSWORD)).body.memberships[0]
        .groupId;
      // A second group for the same person: invite a demo reader there.
      const created = await c.post(`/api/groups/${gid}/invitations`, {
        email: 'kesk.lukija1@demo.example',
        role: 'secretary',
      });
      expect(created.status).toBe(409); // already a member of this group
      const fresh = await c.post(`/api/groups/${gid}/invitations`, {
        email: 'outsider@example.fi',
        role: 'admin',
      });
      expect(fresh.status).toBe(403); // a chair cannot create administrators
    } finally {
      await other.close();
    }
  });

  it('representatives and readers cannot invite; a revoked invitation cannot be used', async () => {
    const rep = new ApiClient(t.url);
    await rep.login('sdp.edustaja@demo.example', DEMO_PASSWORD);
    expect(
      (
        await rep.post(`/api/groups/${groupId}/invitations`, {
          email: 'a@example.fi',
          role: 'reader',
          partyId: sdpId,
        })
      ).status,
    ).toBe(403);
    const reader = new ApiClient(t.url);
    await reader.login('sdp.lukija1@demo.example', DEMO_PASSWORD);
    expect((await reader.get(`/api/groups/${groupId}/invitations`)).status).toBe(403);

    const created = await chair.post(`/api/groups/${groupId}/invitations`, {
      email: 'peruttu@example.fi',
      role: 'reader',
      partyId: sdpId,
    });
    const token = tokenIn(created.body.link);
    expect(
      (await chair.delete(`/api/groups/${groupId}/invitations/${created.body.id}`)).status,
    ).toBe(204);
    expect(
      (await chair.delete(`/api/groups/${groupId}/invitations/${created.body.id}`)).status,
    ).toBe(409);
    expect((await new ApiClient(t.url).post('/api/invitations/preview', { token })).status).toBe(
      404,
    );
  });

  it('party roles need a party of this group', async () => {
    const noParty = await chair.post(`/api/groups/${groupId}/invitations`, {
      email: 'b@example.fi',
      role: 'deputy',
    });
    expect(noParty.status).toBe(400);
    expect(noParty.body.error.details[0].path).toBe('partyId');
  });

  it('an expired invitation cannot be used', async () => {
    const short = await startTestServer({
      seedDemo: true,
      env: { INVITATION_TTL_HOURS: '0.00003' },
    });
    try {
      const c = new ApiClient(short.url);
      const gid = (await c.login('puheenjohtaja@demo.example', DEMO_PASSWORD)).body.memberships[0]
        .groupId;
      const created = await c.post(`/api/groups/${gid}/invitations`, {
        email: 'myohassa@example.fi',
        role: 'secretary',
      });
      const token = tokenIn(created.body.link);
      await new Promise((resolve) => setTimeout(resolve, 200)); // the 0.1 s lifetime runs out
      expect(
        (
          await new ApiClient(short.url).post('/api/invitations/accept', {
            token,
            name: 'M',
            password: 'myohassa-1234',
          })
        ).status,
      ).toBe(404);
    } finally {
      await short.close();
    }
  });
});
