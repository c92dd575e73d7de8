import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { ApiClient } from '../support/apiClient';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { demoStorageEnv, ENGINES, freshStorageEnv } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { parsePromText, sampleValue, type PromFamily } from '../support/promText';
import {
  kill9,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { typeInFirstSection } from '../support/typingEditors';

// /metrics as Prometheus scrapes it: only with the token, in the text format (read strictly),
// every listed series present, and the counters move with what happens. Invariant 3: no id,
// email or name appears in it, however many requests named them.

const TOKEN = 'metrics-test-token-0123456789abcdef';
const EXPECTED: Record<string, PromFamily['type']> = {
  neuvottelu_http_request_duration_seconds: 'histogram',
  neuvottelu_collab_rooms_loaded: 'gauge',
  neuvottelu_collab_connections: 'gauge',
  neuvottelu_socketio_connections: 'gauge',
  neuvottelu_collab_store_duration_seconds: 'histogram',
  neuvottelu_collab_unsaved_updates: 'gauge',
  neuvottelu_collab_store_failures_total: 'counter',
  neuvottelu_outbox_pending: 'gauge',
  neuvottelu_login_failures_total: 'counter',
  process_resident_memory_bytes: 'gauge',
  nodejs_eventloop_lag_seconds: 'gauge',
};

describe.each(ENGINES)('/metrics on %s', (engine) => {
  let server: ServerProcess;
  let f: MemoFixture;
  const editors: CollabEditor[] = [];
  const sockets: ClientSocket[] = [];

  async function scrape(token = TOKEN) {
    return fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  }
  async function read() {
    const response = await scrape();
    expect(response.status).toBe(200);
    const text = await response.text();
    return { text, families: parsePromText(text) };
  }

  beforeAll(async () => {
    server = await startServerProcess({ ...(await demoStorageEnv(engine)), METRICS_TOKEN: TOKEN });
    f = await memoFixture(server, ['kesk.edustaja']);
  }, 60_000);
  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    for (const socket of sockets) socket.disconnect();
    if (server) expect(await stopServerProcess(server.child)).toBe(0);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await scrape('wrong-token-0123456789abcdef0123')).status).toBe(401);
    expect((await scrape(`${TOKEN}x`)).status).toBe(401);
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('has every listed series, and login failures and live edits move them', async () => {
    const before = await read();
    for (const [name, type] of Object.entries(EXPECTED))
      expect(before.families.get(name)?.type, name).toBe(type);
    const failures = (families = before.families) =>
      sampleValue(families, 'neuvottelu_login_failures_total', { reason: 'wrong_credentials' });
    const stores = (families = before.families) =>
      sampleValue(families, 'neuvottelu_collab_store_duration_seconds_count');

    const stranger = new ApiClient(server.url);
    expect(
      (
        await stranger.post('/api/auth/login', {
          email: 'kesk.edustaja@demo.example',
          password: 'väärä-salasana',
        })
      ).status,
    ).toBe(401);

    const meeting = await f.newMeeting('Mittarikokous');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const editor = connectEditor(server.url, room, f.cookie('kesk.edustaja'));
    editors.push(editor);
    await editor.settled();
    typeInFirstSection(editor.doc, 'Luottamuksellinen lause mittareille. ');
    await editor.settled();
    const socket = openSocket(server.url, f.cookie('kesk.edustaja'));
    sockets.push(socket);
    await socketConnected(socket);
    expect(
      (
        await fetch(`${server.url}/api/meetings/${meeting.id}`, {
          headers: { cookie: f.cookie('kesk.edustaja') },
        })
      ).status,
    ).toBe(200);

    const after = await read();
    expect(failures(after.families)).toBe(failures() + 1);
    expect(stores(after.families)).toBeGreaterThan(stores());
    expect(sampleValue(after.families, 'neuvottelu_collab_rooms_loaded')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after.families, 'neuvottelu_collab_connections')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(after.families, 'neuvottelu_socketio_connections')).toBeGreaterThanOrEqual(
      1,
    );
    expect(sampleValue(after.families, 'neuvottelu_collab_unsaved_updates')).toBe(0);
    // Without SMTP no email is stored (databaseFaults.test.ts reads it while the database hangs).
    expect(after.families.get('neuvottelu_outbox_pending')?.samples).toEqual([
      { name: 'neuvottelu_outbox_pending', labels: {}, value: 0 },
    ]);
    // The request is counted under its route's pattern, the meeting's id nowhere.
    expect(
      sampleValue(after.families, 'neuvottelu_http_request_duration_seconds_count', {
        route: '/api/meetings/:meetingId',
        method: 'GET',
        status: '200',
      }),
    ).toBe(1);
    for (const secret of [
      meeting.id,
      f.groupId,
      'demo.example',
      'Luottamuksellinen',
      'Mittarikokous',
    ])
      expect(after.text).not.toContain(secret);
    const routes = new Set(
      after.families
        .get('neuvottelu_http_request_duration_seconds')!
        .samples.map((sample) => sample.labels.route),
    );
    for (const route of routes) expect(route).toMatch(/^(\/[a-z.:A-Z-]+)+$|^page$/);
    console.log(
      `/metrics on ${engine}: ${after.text.length} bytes, ${after.families.size} families, ` +
        `routes: ${[...routes].join(' ')}`,
    );
  });

  it('counts no failed store while every store succeeds', async () => {
    // A stopped database's backlog is read in databaseFaults.test.ts.
    const { families } = await read();
    expect(families.get('neuvottelu_collab_store_failures_total')?.samples).toEqual([
      { name: 'neuvottelu_collab_store_failures_total', labels: {}, value: 0 },
    ]);
  });
});

describe('/metrics without METRICS_TOKEN', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await kill9(server.child);
  });

  it('does not exist', async () => {
    server = await startServerProcess(freshStorageEnv('embedded'));
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer x' } })).status,
    ).toBe(404);
    await vi.waitFor(async () => expect((await fetch(`${server!.url}/readyz`)).status).toBe(200));
  });
});
