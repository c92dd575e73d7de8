import { afterAll, describe, expect, it } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { DEMO_EMAILS, DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { demoStorageEnv, freshStorageEnv } from '../support/engines';
import { memoFixture } from '../support/memoFixture';
import { connectRaw } from '../support/rawCollab';
import { kill9, runToExit, startServerProcess, type ServerProcess } from '../support/serverProcess';
import { openSocket, socketConnected } from '../support/socketClient';

// The admin CLI as an operator runs it: a real process, its output and its exit code
// (0 done, 1 failed, 2 wrong usage).

const ADMIN = 'server/cli/admin.ts';
const COMMANDS = [
  'add-admin',
  'create-group',
  'list-groups',
  'mail',
  'list-users',
  'disable-user',
  'enable-user',
  'reset-password',
  'remove-demo',
];

describe('admin CLI usage', () => {
  const env = freshStorageEnv('embedded');

  it('--help exits 0 and lists every command', async () => {
    const { code, output } = await runToExit([ADMIN, '--help'], env);
    expect(code).toBe(0);
    for (const command of COMMANDS) expect(output).toContain(command);
  });

  it.each(COMMANDS)('%s --help exits 0 with its usage', async (command) => {
    const { code, output } = await runToExit([ADMIN, command, '--help'], env);
    expect(code).toBe(0);
    expect(output).toContain(`npm run admin -- ${command}`);
  });

  it.each([
    ['no command', []],
    ['an unknown command', ['frobnicate']],
    ['an unknown option', ['list-users', '--frobnicate']],
    ['a missing value', ['disable-user']],
    ['reset-password without --email', ['reset-password']],
    ['an extra argument', ['list-users', 'extra']],
  ])('exits 2 with the usage for %s', async (_label, args) => {
    const { code, output } = await runToExit([ADMIN, ...args], env);
    expect(code).toBe(2);
    expect(output).toContain('Usage');
  });
});

describe('admin CLI against MongoDB while a server runs', () => {
  let server: ServerProcess;
  let env: Record<string, string>;
  afterAll(async () => {
    if (server) await kill9(server.child);
  });

  it('lists users, and a disabled user cannot log in and their open connections close', async () => {
    env = { ...(await demoStorageEnv('mongodb')), RIGHTS_SWEEP_MS: '200' };
    server = await startServerProcess(env);

    const listed = await runToExit([ADMIN, 'list-users'], env);
    expect(listed.code).toBe(0);
    for (const email of DEMO_EMAILS) expect(listed.output).toContain(email);
    expect(listed.output).not.toContain('disabled');

    const f = await memoFixture(server, ['kesk.edustaja', 'sdp.edustaja']);
    const meeting = await f.newMeeting('Pois käytöstä');
    const cookie = f.cookie('kesk.edustaja');
    const memo = await connectRaw(
      server.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      cookie,
    );
    const socket = openSocket(server.url, cookie);
    await socketConnected(socket);
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));

    const disabled = await runToExit(
      [ADMIN, 'disable-user', '--email', 'KESK.edustaja@demo.example'],
      env,
    );
    expect(disabled.code).toBe(0);
    expect(disabled.output).toContain('kesk.edustaja@demo.example is disabled');

    const started = Date.now();
    expect((await memo.closed).code).toBeGreaterThanOrEqual(4000);
    await disconnected;
    console.log(
      `disabled user's connections closed ${Date.now() - started} ms after the CLI exited`,
    );
    expect((await f.clients['kesk.edustaja']!.get('/api/me')).status).toBe(401);
    const login = await new ApiClient(server.url).post('/api/auth/login', {
      email: 'kesk.edustaja@demo.example',
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(401);
    // Everyone else goes on.
    expect((await f.clients['sdp.edustaja']!.get('/api/me')).status).toBe(200);
    socket.disconnect();

    const after = await runToExit([ADMIN, 'list-users'], env);
    expect(after.output).toMatch(/kesk\.edustaja@demo\.example .* disabled/);
  });

  it('add-admin prints an invitation link that makes a new person an administrator', async () => {
    const groups = await runToExit([ADMIN, 'list-groups'], env);
    const groupId = /^(\S+) {2}/m.exec(groups.output)?.[1];
    expect(groupId).toBeDefined();
    const added = await runToExit(
      [ADMIN, 'add-admin', '--group', groupId!, '--email', 'Yllapito@Kunta.example'],
      env,
    );
    expect(added.code).toBe(0);
    const token = /\/invite#token=([\w-]+)/.exec(added.output)?.[1];
    expect(token).toBeDefined();

    const admin = new ApiClient(server.url);
    const accepted = await admin.post('/api/invitations/accept', {
      token,
      name: 'Ylläpitäjä Kunta',
      password: 'pitka-ja-hyva-salasana',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ groupId, role: 'admin' }),
    ]);
    // Single-use, and a member is not invited twice.
    expect(
      (await new ApiClient(server.url).post('/api/invitations/accept', { token })).status,
    ).toBe(404);
    const again = await runToExit(
      [ADMIN, 'add-admin', '--group', groupId!, '--email', 'yllapito@kunta.example'],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.output).toContain('already a member');
    const noGroup = await runToExit(
      [ADMIN, 'add-admin', '--group', 'no-such-group', '--email', 'x@kunta.example'],
      env,
    );
    expect(noGroup.code).toBe(1);
  });

  it('reset-password prints a one-time link; using it ends the sessions, and it works once', async () => {
    const f = await memoFixture(server, ['sdp.lukija1']);
    const printed = await runToExit(
      [ADMIN, 'reset-password', '--email', 'SDP.lukija1@demo.example'],
      env,
    );
    expect(printed.code).toBe(0);
    expect(printed.output).toContain('Password reset link for sdp.lukija1@demo.example');
    const token = /\/reset-password#token=([\w-]+)/.exec(printed.output)?.[1];
    expect(token).toBeDefined();

    const person = new ApiClient(server.url);
    const reset = await person.post('/api/auth/password-reset/complete', {
      token,
      password: 'lukijan-uusi-salasana',
    });
    expect(reset.status).toBe(200);
    expect(reset.body.email).toBe('sdp.lukija1@demo.example');
    expect((await person.get('/api/me')).status).toBe(200);
    expect((await f.clients['sdp.lukija1']!.get('/api/me')).status).toBe(401);
    const again = await new ApiClient(server.url).post('/api/auth/password-reset/complete', {
      token,
      password: 'kolmas-salasana-123',
    });
    expect(again.status).toBe(404);

    // A second link replaces the first before it is used.
    const links = [];
    for (let i = 0; i < 2; i += 1) {
      const { output } = await runToExit(
        [ADMIN, 'reset-password', '--email', 'sdp.lukija1@demo.example'],
        env,
      );
      links.push(/\/reset-password#token=([\w-]+)/.exec(output)?.[1]);
    }
    const older = await new ApiClient(server.url).post('/api/auth/password-reset/complete', {
      token: links[0],
      password: 'kolmas-salasana-123',
    });
    expect(older.status).toBe(404);

    const disabled = await runToExit(
      [ADMIN, 'reset-password', '--email', 'kesk.edustaja@demo.example'],
      env,
    );
    expect(disabled.code).toBe(1);
    expect(disabled.output).toContain('disabled');
    const unknown = await runToExit([ADMIN, 'reset-password', '--email', 'nobody@example.fi'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('No account with the email nobody@example.fi');
  });

  it('enable-user undoes disable-user: the same password works again', async () => {
    const email = 'kesk.edustaja@demo.example';
    const login = () =>
      new ApiClient(server.url).post('/api/auth/login', { email, password: DEMO_PASSWORD });
    expect((await login()).status).toBe(401);
    const enabled = await runToExit([ADMIN, 'enable-user', '--email', email], env);
    expect(enabled.code).toBe(0);
    expect(enabled.output).toContain('can log in again');
    expect((await login()).status).toBe(200);
    const listed = await runToExit([ADMIN, 'list-users'], env);
    expect(listed.output).not.toMatch(/kesk\.edustaja@demo\.example .* disabled/);
    const again = await runToExit([ADMIN, 'enable-user', '--email', email], env);
    expect(again.code).toBe(0);
    expect(again.output).toContain('is not disabled');
  });

  it('exits 1 for an account that does not exist', async () => {
    const { code, output } = await runToExit(
      [ADMIN, 'disable-user', '--email', 'nobody@example.fi'],
      env,
    );
    expect(code).toBe(1);
    expect(output).toContain('No account with the email nobody@example.fi');
  });
});
