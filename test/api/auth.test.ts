import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { startTestServer, type TestServer } from '../support/testServer';

describe('accounts and sessions', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, env: { LOGIN_ATTEMPTS_PER_15_MIN: '5' } });
  });
  afterAll(() => t.close());

  it('logs in with a session cookie that is HttpOnly and SameSite=Lax', async () => {
    const client = new ApiClient(t.url);
    const response = await client.login('puheenjohtaja@demo.example', DEMO_PASSWORD);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; PUBLIC_URL https turns it on
    expect(response.body.memberships[0].role).toBe('chair');
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('sets the Secure flag when the public URL is https', async () => {
    const secure = await startTestServer({
      seedDemo: true,
      env: { PUBLIC_URL: 'https://neuvottelu.example.fi' },
    });
    try {
      const response = await new ApiClient(secure.url).login(
        'sihteeri@demo.example',
        DEMO_PASSWORD,
      );
      expect(response.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });

  it('rotates the session id on login and ends the old one', async () => {
    const client = new ApiClient(t.url);
    await client.login('sihteeri@demo.example', DEMO_PASSWORD);
    const first = client.sessionCookie;
    await client.login('sihteeri@demo.example', DEMO_PASSWORD);
    expect(client.sessionCookie).not.toBe(first);
    const stale = new ApiClient(t.url);
    const response = await stale.request('GET', '/api/me', undefined, {
      headers: { cookie: first ?? '' },
    });
    expect(response.status).toBe(401);
  });

  it('logout ends the session on the server, not only in the browser', async () => {
    const client = new ApiClient(t.url);
    await client.login('kesk.edustaja@demo.example', DEMO_PASSWORD);
    const cookie = client.sessionCookie ?? '';
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const replay = await new ApiClient(t.url).request('GET', '/api/me', undefined, {
      headers: { cookie },
    });
    expect(replay.status).toBe(401);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const client = new ApiClient(t.url);
    const wrong = await client.post('/api/auth/login', {
      email: 'sdp.edustaja@demo.example',
      password: 'nope-nope-nope',
    });
    const unknown = await client.post('/api/auth/login', {
      email: 'nobody@demo.example',
      password: 'nope-nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('rate limits repeated login attempts with 429 and Retry-After', async () => {
    const client = new ApiClient(t.url);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (
          await client.post('/api/auth/login', {
            email: 'ps.edustaja@demo.example',
            password: 'guess-guess-' + i,
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const limited = await client.post('/api/auth/login', {
      email: 'ps.edustaja@demo.example',
      password: DEMO_PASSWORD,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe('rate_limited');
  });

  it('refuses state-changing requests without the CSRF header or from another origin', async () => {
    const bare = await fetch(`${t.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'puheenjohtaja@demo.example', password: DEMO_PASSWORD }),
    });
    expect(bare.status).toBe(403);
    expect((await bare.json()).error.code).toBe('csrf_failed');
    const crossSite = await new ApiClient(t.url).request(
      'POST',
      '/api/auth/login',
      { email: 'puheenjohtaja@demo.example', password: DEMO_PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
  });

  it('changes the password, ends other sessions, and refuses a wrong current password', async () => {
    const a = new ApiClient(t.url);
    const b = new ApiClient(t.url);
    await a.login('vas.edustaja@demo.example', DEMO_PASSWORD);
    await b.login('vas.edustaja@demo.example', DEMO_PASSWORD);
    expect(
      (
        await a.post('/api/me/password', {
          currentPassword: 'wrong-one!',
          newPassword: 'uusi-salasana-1',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await a.post('/api/me/password', {
          currentPassword: DEMO_PASSWORD,
          newPassword: 'uusi-salasana-1',
        })
      ).status,
    ).toBe(204);
    expect((await a.get('/api/me')).status).toBe(200);
    expect((await b.get('/api/me')).status).toBe(401);
    await new ApiClient(t.url).login('vas.edustaja@demo.example', 'uusi-salasana-1');
  });

  it('keeps the language choice in the profile', async () => {
    const client = new ApiClient(t.url);
    await client.login('kok.edustaja@demo.example', DEMO_PASSWORD);
    expect((await client.patch('/api/me', { locale: 'sv' })).body.locale).toBe('sv');
    expect((await client.patch('/api/me', { locale: 'de' })).status).toBe(400);
    expect((await client.get('/api/me')).body.locale).toBe('sv');
  });

  it('never writes passwords or session cookies to the logs', () => {
    const logs = t.logs.join('');
    expect(logs).not.toContain(DEMO_PASSWORD);
    expect(logs).not.toMatch(/neuvottelu_session=[A-Za-z0-9_-]{20}/);
  });
});
