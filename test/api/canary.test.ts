import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo, type WrittenMemo } from '../support/memoWriter';
import { readPdf } from '../support/pdfText';
import {
  openSocket,
  recordTraffic,
  socketConnected,
  type ClientSocket,
} from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Invariant 3, end to end: unique strings written into confidential content of an approved memo
// are absent from every byte a reader can receive on every channel (JSON, HTML, Markdown, PDF
// text, Socket.io traffic, email) and from the logs; the public rendering also lacks the groups
// content. The same strings reach a negotiator, so each "absent" check can fail.

const READER = 'sdp.lukija1';
const NEGOTIATOR = 'kok.edustaja';
const PEOPLE = ['sihteeri', 'kesk.edustaja', 'sdp.edustaja', NEGOTIATOR, READER];

describe.each(ENGINES)('the confidential canary on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let written: WrittenMemo;
  let meetingId: string;
  let socket: ClientSocket;
  /** Every Socket.io packet the reader's connection received, as it arrived. */
  const traffic: string[] = [];

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    socket = openSocket(t.url, f.cookie(READER));
    recordTraffic(socket, traffic);
    await socketConnected(socket);
    const delivered = new Promise((resolve) => socket.once('memoDelivered', resolve));

    const chair = f.clients.puheenjohtaja!;
    const meeting = await f.newMeeting('Kanariakokous');
    meetingId = meeting.id;
    await chair.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' });
    written = await writeMemo(t.url, f, meetingId, 'kanaria');
    expect((await chair.post(`/api/meetings/${meetingId}/approval`, {})).status).toBe(201);
    await delivered;
    // The next meeting carries the open follow-ups and dissents: another reader-facing surface.
    await f.newMeeting('Seuraava kokous');
  });
  afterAll(async () => {
    socket.disconnect();
    await t.close();
  });

  /** What `who` receives from `path`: text, or a PDF's extracted text. */
  async function received(who: string, path: string): Promise<string> {
    const response = await fetch(new URL(path, t.url), { headers: { cookie: f.cookie(who) } });
    expect(response.status, path).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.headers.get('content-type')?.startsWith('application/pdf')) {
      return `${(await readPdf(bytes)).text}\n${bytes.toString('latin1')}`;
    }
    return bytes.toString('utf8');
  }

  function readerPaths(): string[] {
    const version = `/api/meetings/${meetingId}/versions/1`;
    return [
      '/api/me',
      `/api/groups/${f.groupId}`,
      `/api/groups/${f.groupId}/meetings`,
      `/api/groups/${f.groupId}/memos`,
      `/api/groups/${f.groupId}/tracked-items`,
      `/api/groups/${f.groupId}/tracked-items?status=open`,
      `/api/meetings/${meetingId}`,
      `/api/meetings/${meetingId}/versions`,
      version,
      `${version}/compare/1`,
      `${version}/export.pdf`,
      `${version}/export.md`,
      `${version}/print`,
      `${version}/export.pdf?lang=sv`,
      `${version}/print?lang=en`,
    ];
  }

  it('reaches negotiators, so the checks below can fail', async () => {
    const version = `/api/meetings/${meetingId}/versions/1`;
    for (const path of [version, `${version}/export.md`, `${version}/print`]) {
      const text = await received(NEGOTIATOR, path);
      for (const secret of written.confidential) expect(text, path).toContain(secret);
    }
    const pdf = await received(NEGOTIATOR, `${version}/export.pdf`);
    expect(pdf).toContain(written.confidential[0]);
  });

  it('never reaches a reader: JSON, HTML, Markdown, PDF, Socket.io, email', async () => {
    for (const path of readerPaths()) {
      const text = await received(READER, path);
      for (const secret of written.confidential) expect(text, path).not.toContain(secret);
    }
    // The reader did receive the memo itself: the checks above looked at real content.
    expect(await received(READER, `/api/meetings/${meetingId}/versions/1`)).toContain(
      written.groups[0],
    );

    expect(traffic.some((packet) => packet.includes('memoDelivered'))).toBe(true);
    for (const secret of written.confidential) expect(traffic.join('\n')).not.toContain(secret);

    const mail = await t.mail.waitFor((m) => m.to.includes(`${READER}@demo.example`));
    for (const message of t.mail.messages) {
      for (const secret of [...written.confidential, ...written.groups, ...written.public])
        expect(message.raw).not.toContain(secret);
    }
    expect(mail.text).toContain(`/versions/1`);
  });

  it('the public rendering holds public content only, on every channel', async () => {
    const version = `/api/meetings/${meetingId}/versions/1`;
    for (const path of ['', '/export.pdf', '/export.md', '/print']) {
      const text = await received(NEGOTIATOR, `${version}${path}?audience=public`);
      for (const hidden of [...written.confidential, ...written.groups])
        expect(text, path).not.toContain(hidden);
      expect(text, path).toContain(written.public[0]);
    }
  });

  it('never reaches the logs', () => {
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of written.confidential) expect(logs).not.toContain(secret);
  });
});
