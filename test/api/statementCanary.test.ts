import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consentAs,
  PARTIES,
  REPRESENTATIVES,
  representative,
  type PartyName,
} from '../support/consentParties';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { readPdf } from '../support/pdfText';
import {
  openSocket,
  recordTraffic,
  socketConnected,
  type ClientSocket,
} from '../support/socketClient';
import { writeStatement } from '../support/statementWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 5, invariant 3 for joint statements: until the seventh party consents, a statement's
// title and text are absent from the public feed, page and PDF, from everything a reader can
// fetch or receive over Socket.io, from every email and from the logs; right after the seventh
// consent the public channels and readers have them. A negotiator sees both all along, so each
// "absent" check can fail.

const READER = 'sdp.lukija1';
const AUTHOR = 'sdp.edustaja';
const NEGOTIATOR = 'kok.edustaja';

describe.each(ENGINES)('the statement canary on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let statementId: string;
  const canary = {
    title: `KANARIA-${engine}-otsikko`,
    text: `KANARIA-${engine}-teksti`,
  };
  const canaries = [canary.title, canary.text];
  /** Every Socket.io packet each connection received, as it arrived. */
  const traffic: Record<string, string[]> = { [READER]: [], [NEGOTIATOR]: [] };
  const sockets: ClientSocket[] = [];

  async function listen(who: string): Promise<void> {
    const socket = openSocket(t.url, f.cookie(who));
    sockets.push(socket);
    recordTraffic(socket, traffic[who]!);
    await socketConnected(socket);
  }

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, [...REPRESENTATIVES, READER]);
    await listen(READER);
    await listen(NEGOTIATOR);

    const created = await f.clients[AUTHOR]!.post(`/api/groups/${f.groupId}/statements`, {
      title: `Yhteinen kannanotto ${canary.title}`,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    statementId = created.body.id;
    await writeStatement(
      t.url,
      f.cookie(AUTHOR),
      statementId,
      `Ryhmät ovat yhtä mieltä: ${canary.text} ja kouluverkko säilyy.`,
    );
    const put = await f.clients[AUTHOR]!.post(`/api/statements/${statementId}/consent`, {});
    expect([200, 201], JSON.stringify(put.body)).toContain(put.status);
    for (const party of PARTIES.slice(0, 6)) await consent(party);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  const consent = (party: PartyName) => consentAs(f, representative(party), statementId);

  /** Status and text `who` (null: anyone, no login) receives from `path`; a PDF's extracted text. */
  async function fetchAs(
    who: string | null,
    path: string,
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = who ? { cookie: f.cookie(who) } : {};
    const response = await fetch(new URL(path, t.url), { headers });
    const bytes = Buffer.from(await response.arrayBuffer());
    const isPdf = response.headers.get('content-type')?.startsWith('application/pdf');
    const text = isPdf
      ? `${(await readPdf(bytes)).text}\n${bytes.toString('latin1')}`
      : bytes.toString('utf8');
    return { status: response.status, text };
  }

  const publicPaths = () => [
    `/api/public/groups/${f.groupId}/feed`,
    `/julkinen/${f.groupId}`,
    `/julkinen/${f.groupId}?lang=sv`,
    `/api/public/groups/${f.groupId}/statements/${statementId}/export.pdf`,
  ];
  const readerPaths = () => [
    `/api/groups/${f.groupId}/statements`,
    `/api/statements/${statementId}`,
    `/api/statements/${statementId}/export.pdf`,
  ];

  function mailText(): string {
    return t.mail.messages
      .map((m) => `${m.subject}\n${m.text}\n${m.html ?? ''}\n${m.raw}`)
      .join('\n');
  }

  it('reaches negotiators before release, so the checks below can fail', async () => {
    const view = await fetchAs(NEGOTIATOR, `/api/statements/${statementId}`);
    expect(view.status).toBe(200);
    for (const secret of canaries) expect(view.text).toContain(secret);
    const list = await fetchAs(NEGOTIATOR, `/api/groups/${f.groupId}/statements`);
    expect(list.text).toContain(canary.title);
    // Negotiators' notices name the statement: the Socket.io check below looks at real packets.
    await expect
      .poll(() => traffic[NEGOTIATOR]!.some((packet) => packet.includes(canary.title)))
      .toBe(true);
  });

  it('lacks the statement after six consents on every public and reader channel', async () => {
    for (const path of publicPaths()) {
      const { status, text } = await fetchAs(null, path);
      expect([200, 404], path).toContain(status);
      for (const secret of canaries) expect(text, path).not.toContain(secret);
    }
    expect((await fetchAs(null, publicPaths()[3]!)).status).toBe(404);

    for (const path of readerPaths()) {
      const { status, text } = await fetchAs(READER, path);
      for (const secret of canaries) expect(text, path).not.toContain(secret);
      // Not even its existence: the list is empty and the statement unknown.
      if (path.endsWith('/statements')) expect(JSON.parse(text)).toEqual([]);
      else expect(status, path).toBe(404);
    }

    const packets = traffic[READER]!.join('\n');
    for (const secret of canaries) expect(packets).not.toContain(secret);
    expect(packets).not.toContain(statementId);

    // The parties were asked by email (a link only), so the mail check looks at real messages.
    await t.mail.waitFor((m) => m.text.includes(statementId));
    for (const secret of canaries) expect(mailText()).not.toContain(secret);
    const logs = t.logs.join('');
    for (const secret of canaries) expect(logs).not.toContain(secret);
  });

  it('publishes it with the seventh consent', async () => {
    const released = await consent('VIHR');
    expect(released).toMatchObject({ status: 'released' });

    for (const path of publicPaths()) {
      const { status, text } = await fetchAs(null, path);
      expect(status, path).toBe(200);
      for (const secret of canaries) expect(text, path).toContain(secret);
    }
    for (const path of readerPaths()) {
      const { status, text } = await fetchAs(READER, path);
      expect(status, path).toBe(200);
      // The list holds summaries (titles); the statement and its PDF hold the words too.
      const expected = path.endsWith('/statements') ? [canary.title] : canaries;
      for (const secret of expected) expect(text, path).toContain(secret);
    }
    const feed = JSON.parse((await fetchAs(null, publicPaths()[0]!)).text);
    expect(feed.statements).toMatchObject([{ id: statementId, round: 1 }]);
    expect(feed.statements[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetchAs(null, publicPaths()[1]!)).text).toContain(feed.statements[0].hash);

    // Emails still carry links only, and the logs never the text.
    expect(mailText()).not.toContain(canary.text);
    expect(t.logs.join('')).not.toContain(canary.text);
  });
});
