import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { demoStorageEnv, ENGINES, freshStorageEnv } from '../support/engines';
import { kill9, startServerProcess as startProcess } from '../support/serverProcess';

// Invariant 4: whatever the server acknowledged survives `kill -9` and a restart.

describe.each(ENGINES)('crash and restart on %s', (engine) => {
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) await kill9(child);
  });

  it('keeps every acknowledged write after kill -9', async () => {
    const env = await demoStorageEnv(engine);
    const first = await startProcess(env);
    children.push(first.child);
    const chair = new ApiClient(first.url);
    const groupId = (await chair.login('puheenjohtaja@demo.example', DEMO_PASSWORD)).body
      .memberships[0].groupId;
    const created = await chair.post(`/api/groups/${groupId}/meetings`, {
      title: 'Ennen kaatumista',
      startsAt: '2026-12-01T16:00:00Z',
      agenda: [{ title: 'A' }, { title: 'B' }],
    });
    expect(created.status).toBe(201);
    const edited = await chair.put(`/api/meetings/${created.body.id}`, {
      title: 'Muokattu ennen kaatumista',
      startsAt: '2026-12-01T16:00:00Z',
      agenda: created.body.agenda,
      revision: created.body.revision,
    });
    expect(edited.status).toBe(200);
    await kill9(first.child);

    const second = await startProcess(env);
    children.push(second.child);
    const again = new ApiClient(second.url);
    await again.login('puheenjohtaja@demo.example', DEMO_PASSWORD);
    const meeting = (await again.get(`/api/meetings/${created.body.id}`)).body;
    expect(meeting).toMatchObject({ title: 'Muokattu ennen kaatumista', revision: 1 });
    expect(meeting.agenda.map((item: any) => item.title)).toEqual(['A', 'B']);
    // Seeding happened once: the restart found data and left it alone.
    expect(
      (await again.get(`/api/groups/${groupId}/members`)).body.filter(
        (m: any) => m.role === 'chair',
      ),
    ).toHaveLength(1);
    await kill9(second.child);
  });
});

describe('demo seeding', () => {
  it.each([
    ['MongoDB is configured', 'mongodb' as const, {}],
    ['SEED_DEMO=false', 'embedded' as const, { SEED_DEMO: 'false' }],
  ])('never seeds when %s', async (_label, engine, extra) => {
    const { child, url } = await startProcess({ ...freshStorageEnv(engine), ...extra });
    try {
      const login = await new ApiClient(url).post('/api/auth/login', {
        email: 'puheenjohtaja@demo.example',
        password: DEMO_PASSWORD,
      });
      expect(login.status).toBe(401);
    } finally {
      await kill9(child);
    }
  });
});
