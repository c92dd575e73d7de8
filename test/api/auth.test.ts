import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { CSRF_HEADER } from '../../shared/errors';
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

interface Attempt {
  status: number;
  retryAfter: number | null;
}

/**
 * One login from `localAddress`: on Linux every 127.0.0.x is this machine, so each is a source
 * address of its own as the server sees it.
 */
function loginFrom(
  url: string,
  localAddress: string,
  email: string,
  password: string,
): Promise<Attempt> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL('/api/auth/login', url),
      {
        method: 'POST',
        localAddress,
        headers: {
          [CSRF_HEADER]: '1',
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const retryAfter = response.headers['retry-after'];
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: retryAfter ? Number(retryAfter) : null,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** One login through a proxy that sent `forwardedFor` as X-Forwarded-For. */
async function loginForwarded(
  url: string,
  forwardedFor: string,
  email: string,
  password: string,
): Promise<Attempt> {
  const response = await new ApiClient(url).request(
    'POST',
    '/api/auth/login',
    { email, password },
    { headers: { 'x-forwarded-for': forwardedFor } },
  );
  const retryAfter = response.headers.get('retry-after');
  return { status: response.status, retryAfter: retryAfter ? Number(retryAfter) : null };
}

const statuses = (attempts: Attempt[]) => attempts.map((attempt) => attempt.status);
const times = (n: number, status: number) => Array.from({ length: n }, () => status);
const LIMIT = 4;
const WINDOW_SECONDS = 15 * 60;

describe('password guessing is throttled per account, whatever the address', () => {
  let direct: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    const env = { LOGIN_ATTEMPTS_PER_15_MIN: String(LIMIT) };
    direct = await startTestServer({ seedDemo: true, env });
    // Behind one reverse proxy, as the README advises: the socket's peer is the proxy.
    proxied = await startTestServer({ seedDemo: true, env: { ...env, TRUST_PROXY: 'true' } });
  });
  afterAll(async () => {
    await direct.close();
    await proxied.close();
  });

  it('four source addresses share one account’s limit, and a right password after it is refused', async () => {
    const attempts: Attempt[] = [];
    for (let round = 0; round < 3; round++) {
      for (const address of ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5']) {
        attempts.push(
          await loginFrom(direct.url, address, 'ps.edustaja@demo.example', `arvaus-${round}`),
        );
      }
    }
    expect(statuses(attempts)).toEqual([...times(LIMIT, 401), ...times(12 - LIMIT, 429)]);
    const right = await loginFrom(
      direct.url,
      '127.0.0.6',
      'ps.edustaja@demo.example',
      DEMO_PASSWORD,
    );
    expect(right.status).toBe(429);
    expect(right.retryAfter).toBeGreaterThan(0);
    expect(right.retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  });

  it('an address the owner logged in from keeps a budget of its own, so a flood cannot lock them out', async () => {
    const owner = 'kd.edustaja@demo.example';
    expect((await loginFrom(direct.url, '127.0.0.12', owner, DEMO_PASSWORD)).status).toBe(200);
    const flood: Attempt[] = [];
    for (const address of ['127.0.0.13', '127.0.0.14', '127.0.0.15', '127.0.0.16']) {
      flood.push(await loginFrom(direct.url, address, owner, 'tulva-arvaus-1'));
      flood.push(await loginFrom(direct.url, address, owner, 'tulva-arvaus-2'));
    }
    expect(statuses(flood)).toEqual([...times(LIMIT, 401), ...times(8 - LIMIT, 429)]);
    expect((await loginFrom(direct.url, '127.0.0.17', owner, DEMO_PASSWORD)).status).toBe(429);
    expect((await loginFrom(direct.url, '127.0.0.12', owner, DEMO_PASSWORD)).status).toBe(200);
    // Guesses from the known address have a limit of their own too.
    const fromKnown: Attempt[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      fromKnown.push(await loginFrom(direct.url, '127.0.0.12', owner, `tuttu-arvaus-${i}`));
    }
    expect(statuses(fromKnown)).toEqual([...times(LIMIT, 401), 429]);
    expect((await loginFrom(direct.url, '127.0.0.12', owner, DEMO_PASSWORD)).status).toBe(429);
  });

  it('behind TRUST_PROXY, a new X-Forwarded-For for every guess gives no more guesses, for accounts that exist or not', async () => {
    const guesses = async (email: string) => {
      const attempts: Attempt[] = [];
      for (let i = 0; i < 12; i++) {
        attempts.push(
          await loginForwarded(proxied.url, `198.51.100.${i + 1}`, email, `arvaus-${i}`),
        );
      }
      return attempts;
    };
    const existing = await guesses('vihr.edustaja@demo.example');
    expect(statuses(existing)).toEqual([...times(LIMIT, 401), ...times(12 - LIMIT, 429)]);
    // An unknown account is answered the same way: the answers do not tell who has one.
    expect(statuses(await guesses('ei-tilia@demo.example'))).toEqual(statuses(existing));
    const right = await loginForwarded(
      proxied.url,
      '198.51.100.200',
      'vihr.edustaja@demo.example',
      DEMO_PASSWORD,
    );
    expect(right.status).toBe(429);
  });

  it('behind TRUST_PROXY, the address is the one the proxy saw, not one the client wrote', async () => {
    // Many accounts from one address: the looser per-address limit (ten times the account's).
    const perAddress = LIMIT * 10;
    const attempts: Attempt[] = [];
    for (let i = 0; i <= perAddress; i++) {
      // The client's own X-Forwarded-For changes every time; the proxy appends what it saw.
      attempts.push(
        await loginForwarded(
          proxied.url,
          `10.${i}.0.1, 203.0.113.9`,
          `ruisku-${i}@demo.example`,
          'salasana-arvaus',
        ),
      );
    }
    expect(statuses(attempts)).toEqual([...times(perAddress, 401), 429]);
    // Another address the proxy saw starts with a clean slate.
    const other = await loginForwarded(
      proxied.url,
      '10.0.0.1, 203.0.113.10',
      'ruisku-muu@demo.example',
      'salasana-arvaus',
    );
    expect(other.status).toBe(401);
  });

  it('the password change is throttled per user, in every session, a right password included', async () => {
    const a = new ApiClient(direct.url);
    const b = new ApiClient(direct.url);
    await a.login('vas.edustaja@demo.example', DEMO_PASSWORD);
    await b.login('vas.edustaja@demo.example', DEMO_PASSWORD);
    const change = (client: ApiClient, currentPassword: string) =>
      client.post('/api/me/password', { currentPassword, newPassword: 'uusi-salasana-2' });
    const wrong: number[] = [];
    for (let i = 0; i < 8; i++) wrong.push((await change(i % 2 ? a : b, `väärä-${i}`)).status);
    expect(wrong).toEqual([...times(LIMIT, 403), ...times(8 - LIMIT, 429)]);
    const right = await change(a, DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('rate_limited');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // Nothing changed: the old password still logs in, and another user is not held back.
    await new ApiClient(direct.url).login('vas.edustaja@demo.example', DEMO_PASSWORD);
    const other = new ApiClient(direct.url);
    await other.login('kok.edustaja@demo.example', DEMO_PASSWORD);
    expect((await change(other, 'väärä')).status).toBe(403);
  });
});
