import net from 'node:net';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { demoStorageEnv, ENGINES, freshStorageEnv } from '../support/engines';
import { memoFixture } from '../support/memoFixture';
import { writeMemo } from '../support/memoWriter';
import { serverState } from '../support/rawCollab';
import { missingFrom, recordSavedClaims } from '../support/savedClaims';
import {
  kill9,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';
import { startTyping } from '../support/typingEditors';

// SIGTERM, as a service manager or an orchestrator stops an instance: not ready first, then no
// new connections, requests in flight finish, live rooms are stored and their editors told
// "going away" (1001), and the process exits 0. Nothing an editor was told was saved is lost.

const PEOPLE = ['kesk.edustaja', 'sdp.edustaja', 'kok.edustaja'] as const;
const GOING_AWAY = 1001;

describe.each(ENGINES)('SIGTERM during live typing on %s', (engine) => {
  const processes: ServerProcess[] = [];
  const editors: Record<string, CollabEditor> = {};
  afterAll(async () => {
    for (const editor of Object.values(editors)) editor.destroy();
    for (const { child } of processes) await kill9(child);
  });

  it('stores what was acknowledged, closes the editors with 1001 and exits 0', async () => {
    const env = await demoStorageEnv(engine);
    const first = await startServerProcess(env);
    processes.push(first);
    const f = await memoFixture(first, PEOPLE);
    const meeting = await f.newMeeting('Sammutuskokous');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    for (const who of PEOPLE) editors[who] = connectEditor(first.url, room, f.cookie(who));
    await Promise.all(Object.values(editors).map((editor) => editor.settled()));
    const claims = recordSavedClaims(editors);
    const stopTyping = startTyping(editors, PEOPLE, 40);
    let code: number | null;
    try {
      // Typing is under way and acknowledged when the signal comes.
      await vi.waitFor(() => expect(claims.count).toBeGreaterThan(3 * PEOPLE.length * 5), {
        timeout: 20_000,
        interval: 20,
      });
      const stopping = Date.now();
      code = await stopServerProcess(first.child);
      console.log(
        `SIGTERM during typing on ${engine}: exit ${code} after ${Date.now() - stopping} ms`,
      );
    } finally {
      stopTyping();
      claims.stop();
    }
    for (const editor of Object.values(editors)) editor.provider.disconnect();
    expect(code).toBe(0);
    for (const editor of Object.values(editors))
      expect(editor.closes.map((close) => close.code)).toContain(GOING_AWAY);

    const second = await startServerProcess(env);
    processes.push(second);
    const stored = await serverState(second.url, room, f.cookie('kesk.edustaja'));
    const lost = { items: 0, deletions: 0 };
    for (const claim of claims.latest.values()) {
      const missing = missingFrom(stored, claim);
      lost.items += missing.items;
      lost.deletions += missing.deletions;
    }
    expect(claims.latest.size).toBe(PEOPLE.length);
    expect(lost).toEqual({ items: 0, deletions: 0 });
  }, 90_000);
});

/** A raw HTTP/1.1 connection, so that a request can be left half sent. */
function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    socket.once('close', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, ended, connected };
}

async function answers(url: string): Promise<number | 'refused'> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 'refused';
  }
}

describe('SIGTERM during an export', () => {
  const processes: ServerProcess[] = [];
  afterAll(async () => {
    for (const { child } of processes) await kill9(child);
  });

  it('says not ready, stops accepting, and still answers the export in flight', async () => {
    const env = await demoStorageEnv('embedded');
    const server = await startServerProcess({ ...env, DRAIN_NOT_READY_MS: '1500' });
    processes.push(server);
    const f = await memoFixture(server, [
      'sihteeri',
      'kesk.edustaja',
      'sdp.edustaja',
      'kok.edustaja',
    ]);
    const chair = f.clients.puheenjohtaja!;
    const meeting = await f.newMeeting('Vientikokous');
    expect(
      (await chair.post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    await writeMemo(server.url, f, meeting.id, 'sammutus');
    expect((await chair.post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    expect(await answers(`${server.url}/readyz`)).toBe(200);

    // The export's request has begun, its last header line not yet sent, when the signal comes.
    const exporting = rawConnection(server.url);
    await exporting.connected;
    exporting.socket.write(
      `GET /api/meetings/${meeting.id}/versions/1/export.pdf HTTP/1.1\r\n` +
        `Host: ${new URL(server.url).host}\r\n`,
    );
    const exited = new Promise<number | null>((resolve) =>
      server.child.once('exit', (code) => resolve(code)),
    );
    server.child.kill('SIGTERM');
    await vi.waitFor(async () => expect(await answers(`${server.url}/readyz`)).toBe(503), {
      timeout: 10_000,
      interval: 50,
    });
    await vi.waitFor(async () => expect(await answers(`${server.url}/healthz`)).toBe('refused'), {
      timeout: 10_000,
      interval: 50,
    });
    expect(server.child.exitCode).toBe(null);

    exporting.socket.write(`Cookie: ${f.cookie('puheenjohtaja')}\r\n\r\n`);
    const response = await exporting.ended;
    const head = response.subarray(0, response.indexOf('\r\n\r\n')).toString();
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head).toMatch(/content-type: application\/pdf/i);
    expect(head).toMatch(/connection: close/i);
    expect(response.includes('%PDF-')).toBe(true);
    expect(await exited).toBe(0);
  }, 90_000);

  it('cuts off a request that outlasts the drain limit, says so and exits 1', async () => {
    const server = await startServerProcess({
      ...freshStorageEnv('embedded'),
      DRAIN_TIMEOUT_MS: '500',
    });
    processes.push(server);
    const stuck = rawConnection(server.url);
    await stuck.connected;
    stuck.socket.write(`GET /healthz HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n`);
    // The request has begun when the server reads its first bytes; /readyz on a second
    // connection answering after them shows the server has read them.
    expect(await answers(`${server.url}/readyz`)).toBe(200);
    const code = await stopServerProcess(server.child);
    expect(code).toBe(1);
    expect(server.output()).toContain('drain limit reached');
    expect(server.output()).toContain('requests were cut off at the drain limit');
    expect((await stuck.ended).length).toBe(0);
  }, 60_000);
});
