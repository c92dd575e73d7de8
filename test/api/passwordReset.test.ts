import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueReset } from '../../server/auth/passwordReset';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { roomName } from '../../shared/memo/format';
import { COLLAB_CLOSE, COLLAB_CLOSE_REASON } from '../../shared/memo/protocol';
import { ApiClient } from '../support/apiClient';
import { auditEntries } from '../support/auditLog';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { connectRaw, type RawCollabClient } from '../support/rawCollab';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 17: a way back in. "Forgot your password?" emails a one-time link (the same answer for
// every email), the link sets a new password once, and everything the old password opened closes.

const REQUEST = '/api/auth/password-reset/request';
const COMPLETE = '/api/auth/password-reset/complete';
const NEW_PASSWORD = 'uusi-pitka-salasana-1';
const tokenIn = (text: string) => /\/reset-password#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe.each(ENGINES)('password reset on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const raws: RawCollabClient[] = [];
  const sockets: ClientSocket[] = [];
  const anon = () => new ApiClient(t.url);

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['kesk.edustaja']);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(raws.map((raw) => raw.close()));
    await t.close();
  });

  it('emails a link in the account’s language that works once; every session and open connection of the account ends', async () => {
    const member = await f.addMember(`unohtaja.${engine}@demo.example`, 'representative', 'KESK');
    expect((await member.client.patch('/api/me', { locale: 'sv' })).status).toBe(200);
    const meeting = await f.newMeeting('Salasana unohtui');
    const memo = await connectRaw(
      t.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      member.cookie,
    );
    raws.push(memo);
    const socket = openSocket(t.url, member.cookie);
    sockets.push(socket);
    await socketConnected(socket);
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    // The same person on another device.
    const laptop = anon();
    await laptop.login(`unohtaja.${engine}@demo.example`, DEMO_PASSWORD);

    const asked = await anon().post(REQUEST, { email: `Unohtaja.${engine}@Demo.Example` });
    expect(asked.status).toBe(204);
    const mail = await t.mail.waitFor((m) => m.to.includes(`unohtaja.${engine}@demo.example`));
    expect(mail.subject).toBe('Byte av lösenord');
    const token = tokenIn(mail.text);
    expect(token).toBeDefined();
    expect(mail.text).toContain(`${t.url}/reset-password#token=${token}`);

    // Two uses at once: exactly one sets the password.
    const [first, second] = [anon(), anon()];
    const answers = await Promise.all(
      [first, second].map((client) => client.post(COMPLETE, { token, password: NEW_PASSWORD })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 404]);
    const winner = answers[0]!.status === 200 ? first : second;
    expect(answers.find((answer) => answer.status === 200)!.body.email).toBe(
      `unohtaja.${engine}@demo.example`,
    );
    const started = Date.now();

    // The old session and its live connections are gone; the new session is in.
    expect((await memo.closed).code).toBe(COLLAB_CLOSE.unauthorized);
    await disconnected;
    console.log(`${engine}: open connections closed ${Date.now() - started} ms after the reset`);
    expect((await memo.closed).reason).toBe(COLLAB_CLOSE_REASON.sessionEnded);
    expect((await member.client.get('/api/me')).status).toBe(401);
    expect((await laptop.get('/api/me')).status).toBe(401);
    expect((await winner.get('/api/me')).status).toBe(200);

    // Used: never again, for anyone.
    const again = await anon().post(COMPLETE, { token, password: 'kolmas-salasana-123' });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain('used');
    const email = `unohtaja.${engine}@demo.example`;
    expect((await anon().post('/api/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(
      401,
    );
    expect((await anon().post('/api/auth/login', { email, password: NEW_PASSWORD })).status).toBe(
      200,
    );

    // Audited in the member's group, without the token; and no log line holds it.
    const entries = await auditEntries(f.clients.puheenjohtaja!, f.groupId);
    const reset = entries.find(
      (entry) => entry.action === 'session.passwordReset' && entry.target.id === member.userId,
    );
    expect(reset?.details).toEqual({ via: 'email' });
    expect(JSON.stringify(entries)).not.toContain(token);
    expect(t.logs.join('')).not.toContain(token);
    expect(t.logs.join('')).toContain('password reset: every session ended');
  });

  it('answers unknown and disabled accounts the same, and sends them nothing', async () => {
    const disabled = await f.addMember(`poissa.${engine}@demo.example`, 'reader', 'KESK');
    const repos = t.server.ctx.repos;
    // A link made before the account was disabled does not work after it.
    const user = (await repos.users.findById(disabled.userId))!;
    const earlier = await issueReset(repos, user, 'cli');
    await repos.users.disable(disabled.userId);

    const answers = await Promise.all(
      [`ei.ole.${engine}@demo.example`, `poissa.${engine}@demo.example`].map((email) =>
        anon().post(REQUEST, { email }),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(204);
      expect(answer.body).toBe('');
    }
    // One that exists, asked for after them: once its email is here, theirs would be too.
    expect((await anon().post(REQUEST, { email: 'sdp.edustaja@demo.example' })).status).toBe(204);
    const known = await t.mail.waitFor((m) => m.to.includes('sdp.edustaja@demo.example'));
    expect(known.subject).toBe('Salasanan vaihtaminen');
    expect(t.mail.messages.flatMap((m) => m.to)).not.toContain(`poissa.${engine}@demo.example`);
    expect(t.mail.messages.flatMap((m) => m.to)).not.toContain(`ei.ole.${engine}@demo.example`);
    expect(await repos.passwordResets.newestFor(disabled.userId)).toMatchObject({
      _id: expect.any(String),
      via: 'cli',
    });

    const refused = await anon().post(COMPLETE, { token: earlier.token, password: NEW_PASSWORD });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('not_found');
  });

  it('an expired link and one replaced by a newer link are refused; the newer one works', async () => {
    const member = await f.addMember(`vanha.${engine}@demo.example`, 'reader', 'KESK');
    const repos = t.server.ctx.repos;
    const user = (await repos.users.findById(member.userId))!;
    const expired = await issueReset(repos, user, 'email', new Date(Date.now() - 2 * 3_600_000));
    const old = await issueReset(repos, user, 'cli');
    const newest = await issueReset(repos, user, 'cli', new Date(Date.now() + 1));

    const tooLate = await anon().post(COMPLETE, { token: expired.token, password: NEW_PASSWORD });
    expect(tooLate.status).toBe(404);
    expect(tooLate.body.error.message).toContain('expired');
    const replaced = await anon().post(COMPLETE, { token: old.token, password: NEW_PASSWORD });
    expect(replaced.status).toBe(404);
    expect(replaced.body.error.message).toContain('newer');
    const unknown = await anon().post(COMPLETE, { token: 'x'.repeat(43), password: NEW_PASSWORD });
    expect(unknown.status).toBe(404);
    // Nothing changed by the refusals.
    await anon().login(`vanha.${engine}@demo.example`, DEMO_PASSWORD);

    expect(
      (await anon().post(COMPLETE, { token: newest.token, password: NEW_PASSWORD })).status,
    ).toBe(200);
    await anon().login(`vanha.${engine}@demo.example`, NEW_PASSWORD);
  });

  it('refuses hostile input with clear 400s and changes nothing', async () => {
    const bodies: [string, unknown][] = [
      [REQUEST, { email: { $ne: null } }],
      [REQUEST, { email: { $regex: '.*' } }],
      [REQUEST, { email: 5 }],
      [REQUEST, { email: ['kesk.edustaja@demo.example'] }],
      [REQUEST, { email: `${'a'.repeat(300)}@demo.example` }],
      [REQUEST, { email: 'kesk.edustaja@demo.example', $where: '1' }],
      [REQUEST, {}],
      [COMPLETE, { token: { $gt: '' }, password: NEW_PASSWORD }],
      [COMPLETE, { token: 'y'.repeat(5_000), password: NEW_PASSWORD }],
      [COMPLETE, { token: 'y'.repeat(43), password: 'lyhyt' }],
      [COMPLETE, { token: 'y'.repeat(43), password: 'p'.repeat(201) }],
      [COMPLETE, { token: 'y'.repeat(43), password: 12345678901 }],
      [COMPLETE, { token: 'y'.repeat(43) }],
    ];
    for (const [path, body] of bodies) {
      const answer = await anon().post(path, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
    }
    const broken = await anon().request('POST', REQUEST, undefined, { raw: '{"email":' });
    expect(broken.status).toBe(400);
    const huge = await anon().request('POST', COMPLETE, undefined, {
      raw: JSON.stringify({ token: 'z'.repeat(400_000), password: NEW_PASSWORD }),
    });
    expect(huge.status).toBe(413);
    await anon().login('kesk.edustaja@demo.example', DEMO_PASSWORD);
  });

  // Last: it spends this address's budget.
  it('throttles requests per email (known or not) and per address with 429 and Retry-After', async () => {
    for (const email of [`ei.ketaan.${engine}@demo.example`, 'sihteeri@demo.example']) {
      for (let i = 0; i < 3; i += 1)
        expect((await anon().post(REQUEST, { email })).status).toBe(204);
      const over = await anon().post(REQUEST, { email });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 40 && !statuses.includes(429); i += 1)
      statuses.push((await anon().post(REQUEST, { email: `monta${i}@demo.example` })).status);
    expect(statuses.at(-1)).toBe(429);
    console.log(`${engine}: the address was refused after ${statuses.length - 1} requests`);
  });
});

describe('password reset without email (no SMTP_URL)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, smtp: false });
  });
  afterAll(() => t.close());

  it('answers the same and stores no link; the admin CLI is the way in', async () => {
    const answer = await new ApiClient(t.url).post(REQUEST, {
      email: 'kesk.edustaja@demo.example',
    });
    expect(answer.status).toBe(204);
    const user = await t.server.ctx.repos.users.findByEmail('kesk.edustaja@demo.example');
    // Whatever ran after the answer has had its turn once a later request has been answered.
    await new ApiClient(t.url).get('/api/me');
    expect(await t.server.ctx.repos.passwordResets.newestFor(user!._id)).toBeNull();
    expect(await t.server.ctx.repos.outbox.countPending()).toBe(0);
  });
});
