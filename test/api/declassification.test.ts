import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DeclassificationList,
  DeclassificationView,
  PublicationView,
} from '../../shared/api/consent';
import type { MemoVersionView } from '../../shared/api/memoVersions';
import type { DeclassificationTarget } from '../../shared/memo/declassification';
import type { MemoDelivered } from '../../shared/realtime/events';
import {
  consentAs,
  PARTIES,
  REPRESENTATIVES,
  representative,
  type PartyName,
} from '../support/consentParties';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import type * as Y from 'yjs';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { paragraph } from '../unit/memo/build';
import { writeMemo, writeRoom, type WrittenMemo } from '../support/memoWriter';
import { readPdf } from '../support/pdfText';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 5, declassification: lowering a confidential block of an approved memo reaches readers
// only with the seventh party's consent, and lowering it further reaches the public page only
// with every party's consent again; the approved version itself never changes.

const READER = 'sdp.lukija1';
const NEGOTIATOR = 'kesk.edustaja';
const PEOPLE = ['sihteeri', ...REPRESENTATIVES, READER];

describe.each(ENGINES)('declassification on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let written: WrittenMemo;
  let meetingId: string;
  let sectionId: string;
  let versionHash: string;
  let socket: ClientSocket;
  const readerNotices: MemoDelivered[] = [];

  const versionPath = () => `/api/meetings/${meetingId}/versions/1`;
  const declassificationsPath = () => `${versionPath()}/declassifications`;
  const pointTarget = (): DeclassificationTarget => ({
    kind: 'block',
    sectionId,
    blockId: written.confidentialPointId,
  });

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    socket = openSocket(t.url, f.cookie(READER));
    socket.on('memoDelivered', (notice) => readerNotices.push(notice));
    await socketConnected(socket);

    const chair = f.clients.puheenjohtaja!;
    const meeting = await f.newMeeting('Julkistamiskokous');
    meetingId = meeting.id;
    await chair.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' });
    written = await writeMemo(t.url, f, meetingId, 'julkistus');
    // The second section stays at its agenda item's level (groups) with a notes block in it.
    await writeRoom(t.url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'), (doc) => {
      const second = memoFragment(doc).get(1) as Y.XmlElement;
      second.insert(second.length, [paragraph('Kouluverkon muistiinpano.', 'public')]);
    });
    expect((await chair.post(`/api/meetings/${meetingId}/approval`, {})).status).toBe(201);
    const view = (await f.clients[NEGOTIATOR]!.get<MemoVersionView>(versionPath())).body;
    const first = view.content.sections[0]!;
    if (first.kind !== 'section') throw new Error('the first section is withheld');
    sectionId = first.id;
    versionHash = view.hash;
  });
  afterAll(async () => {
    socket.disconnect();
    await t.close();
  });

  /** What `who` (or, with null, anyone without logging in) receives from `path`, as text. */
  async function received(who: string | null, path: string): Promise<string> {
    const headers: Record<string, string> = who ? { cookie: f.cookie(who) } : {};
    const response = await fetch(new URL(path, t.url), { headers });
    expect(response.status, path).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    if (response.headers.get('content-type')?.startsWith('application/pdf')) {
      return (await readPdf(bytes)).text;
    }
    return bytes.toString('utf8');
  }

  /** The reader's four renderings of the version. */
  async function readerRenderings(): Promise<Record<string, string>> {
    const paths = ['', '/export.pdf', '/export.md', '/print'].map((p) => `${versionPath()}${p}`);
    const texts = await Promise.all(paths.map((path) => received(READER, path)));
    return Object.fromEntries(paths.map((path, index) => [path, texts[index]!]));
  }

  const publicMemoPage = () => `/julkinen/${f.groupId}/muistiot/${meetingId}/1`;

  async function storedVersion(): Promise<string> {
    const doc = await t.server.ctx.repos.memoVersions.find(meetingId, 1);
    return JSON.stringify(doc);
  }

  /** `party`'s representative consents to the request's first round. */
  const consent = (requestId: string, party: PartyName) =>
    consentAs(f, representative(party), requestId);

  async function propose(who: string, body: unknown) {
    return f.clients[who]!.post<DeclassificationView>(declassificationsPath(), body);
  }

  it('lists what may be declassified to negotiators only', async () => {
    const list = await f.clients[NEGOTIATOR]!.get<DeclassificationList>(declassificationsPath());
    expect(list.status).toBe(200);
    expect(list.body.versionHash).toBe(versionHash);
    const point = list.body.targets.find(
      (item) => item.target.kind === 'block' && item.target.blockId === written.confidentialPointId,
    );
    expect(point).toMatchObject({ level: 'confidential', lowerTo: ['groups'], problem: null });
    expect((await f.clients[READER]!.get(declassificationsPath())).status).toBe(403);
  });

  it('refuses invalid proposals and readers', async () => {
    const confidentialNotes: DeclassificationTarget = { kind: 'notes', sectionId, index: 2 };
    const twoSteps = await propose(NEGOTIATOR, { target: confidentialNotes, to: 'public' });
    expect(twoSteps.status).toBe(409);
    expect(twoSteps.body).toMatchObject({ error: { details: [{ message: 'notOneStep' }] } });

    const unknown = await propose(NEGOTIATOR, {
      target: { kind: 'block', sectionId, blockId: 'ap-ei-ole' },
      to: 'groups',
    });
    expect(unknown.status).toBe(409);
    expect(unknown.body).toMatchObject({ error: { details: [{ message: 'unknownTarget' }] } });

    // Below its section: the second section is for the groups, and so its notes block; the notes
    // cannot go public before the section does.
    const list = await f.clients[NEGOTIATOR]!.get<DeclassificationList>(declassificationsPath());
    const blocked = list.body.targets.find((item) => item.problem?.kind === 'blockedBySection');
    expect(blocked, 'a target blocked by its section').toBeDefined();
    const belowSection = await propose(NEGOTIATOR, { target: blocked!.target, to: 'public' });
    expect(belowSection.status).toBe(409);
    expect(belowSection.body).toMatchObject({
      error: { details: [{ message: 'blockedBySection' }] },
    });

    const badLevel = await propose(NEGOTIATOR, { target: confidentialNotes, to: 'secret' });
    expect(badLevel.status).toBe(400);
    const extraField = await propose(NEGOTIATOR, {
      target: { ...confidentialNotes, text: 'x' },
      to: 'groups',
    });
    expect(extraField.status).toBe(400);

    expect((await propose(READER, { target: confidentialNotes, to: 'groups' })).status).toBe(403);
    // Nothing was stored by any of these.
    const after = await f.clients[NEGOTIATOR]!.get<DeclassificationList>(declassificationsPath());
    expect(after.body.proposals).toEqual([]);
  });

  it('shows a confidential block to readers only after the seventh consent', async () => {
    const storedBefore = await storedVersion();
    const secrets = [written.confidential[3]!, written.confidential[1]!];
    const proposed = await propose(NEGOTIATOR, { target: pointTarget(), to: 'groups' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const requestId = proposed.body.id;
    expect(proposed.body).toMatchObject({
      from: 'confidential',
      to: 'groups',
      versionHash,
      consent: { status: 'in_consent', round: 1 },
    });
    // The label names the item by position, never by its text.
    for (const secret of written.confidential) expect(proposed.body.label).not.toContain(secret);

    const duplicate = await propose('sdp.edustaja', { target: pointTarget(), to: 'groups' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({
      error: { details: [{ message: `pending:${requestId}` }] },
    });
    expect((await f.clients[READER]!.get(`/api/declassifications/${requestId}`)).status).toBe(403);
    const one = await f.clients['vihr.edustaja']!.get<DeclassificationView>(
      `/api/declassifications/${requestId}`,
    );
    expect(one.status).toBe(200);
    expect(one.body.label).toBe(proposed.body.label);

    // The negotiator reads the secrets, so the reader's checks below can fail.
    const negotiatorView = await received(NEGOTIATOR, versionPath());
    for (const secret of secrets) expect(negotiatorView).toContain(secret);

    for (const party of PARTIES.slice(0, 6)) {
      await consent(requestId, party);
      for (const [path, text] of Object.entries(await readerRenderings())) {
        for (const secret of written.confidential)
          expect(text, `${party} ${path}`).not.toContain(secret);
      }
    }
    expect(readerNotices.filter((notice) => notice.declassified)).toEqual([]);

    const last = await consent(requestId, 'VIHR');
    expect(last).toMatchObject({ status: 'released' });
    const renderings = await readerRenderings();
    for (const [path, text] of Object.entries(renderings)) {
      for (const secret of secrets) expect(text, path).toContain(secret);
      // Only the agreed item opened: the other confidential strings stay withheld.
      for (const secret of [written.confidential[0]!, written.confidential[2]!])
        expect(text, path).not.toContain(secret);
      // Every rendering still names the approved version by its stored hash.
      expect(text.replace(/\s+/g, ''), path).toContain(versionHash);
    }
    const view = (await f.clients[READER]!.get<MemoVersionView>(versionPath())).body;
    expect(view.hash).toBe(versionHash);
    expect(await storedVersion()).toBe(storedBefore);

    await expect.poll(() => readerNotices.some((notice) => notice.declassified)).toBe(true);
    const packets = JSON.stringify(readerNotices);
    for (const secret of written.confidential) expect(packets).not.toContain(secret);

    // The proposal's audit entries carry its label, never the text.
    const audit = await f.clients.puheenjohtaja!.get(`/api/groups/${f.groupId}/audit`);
    expect(audit.status).toBe(200);
    const entries = JSON.stringify(audit.body);
    expect(entries).toContain(requestId);
    for (const secret of written.confidential) expect(entries).not.toContain(secret);
  });

  it('shows it on the public page only after every party consents again', async () => {
    // Approval publishes nothing: the version goes public only with every party's consent to
    // publishing it (issue 13), here before the item is proposed to go public.
    expect((await fetch(new URL(publicMemoPage(), t.url))).status).toBe(404);
    const publication = await f.clients[NEGOTIATOR]!.post<PublicationView>(
      `${versionPath()}/publication`,
      {},
    );
    expect(publication.status, JSON.stringify(publication.body)).toBe(201);
    for (const party of PARTIES) await consent(publication.body.id, party);

    const storedBefore = await storedVersion();
    const secret = written.confidential[3]!;
    const proposed = await propose('kok.edustaja', { target: pointTarget(), to: 'public' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ from: 'groups', to: 'public' });
    const requestId = proposed.body.id;

    const feedPath = `/api/public/groups/${f.groupId}/feed`;
    const publicPage = `/julkinen/${f.groupId}`;
    for (const party of PARTIES.slice(0, 6)) await consent(requestId, party);
    expect(await received(null, publicMemoPage())).not.toContain(secret);
    const feedBefore = JSON.parse(await received(null, feedPath));
    expect(feedBefore.memos).toMatchObject([{ meetingId, version: 1, declassified: false }]);
    // The public page is there and shows the public content, so the absence above means something.
    expect(await received(null, publicMemoPage())).toContain(written.public[0]);

    await consent(requestId, 'VIHR');
    const page = await received(null, publicMemoPage());
    expect(page).toContain(secret);
    expect(page).toContain(versionHash);
    for (const hidden of [...written.groups, written.confidential[0]!, written.confidential[2]!])
      expect(page).not.toContain(hidden);
    const feedAfter = JSON.parse(await received(null, feedPath));
    expect(feedAfter.memos).toMatchObject([
      { meetingId, version: 1, hash: versionHash, declassified: true },
    ]);
    expect(await received(null, `${publicPage}?lang=sv`)).toContain(versionHash);
    expect(await storedVersion()).toBe(storedBefore);

    // Nothing further to propose for this item: it is public now.
    const again = await propose(NEGOTIATOR, { target: pointTarget(), to: 'public' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { details: [{ message: 'alreadyDeclassified' }] } });
  });

  it('makes one of two racing proposals and lowers tracked items with the release', async () => {
    const target: DeclassificationTarget = {
      kind: 'dissent',
      sectionId,
      dissentId: written.confidentialDissentId,
    };
    const racing = await Promise.all(
      ['kesk.edustaja', 'sdp.edustaja', 'ps.edustaja'].map((who) =>
        propose(who, { target, to: 'groups' }),
      ),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([201, 409, 409]);
    const requestId = racing.find((response) => response.status === 201)!.body.id;
    const list = await f.clients[NEGOTIATOR]!.get<DeclassificationList>(declassificationsPath());
    expect(list.body.proposals.filter((p) => p.target.kind === 'dissent')).toHaveLength(1);

    // KOK's confidential dissent is a tracked item: withheld from the reader until released.
    const trackedPath = `/api/groups/${f.groupId}/tracked-items`;
    const secret = written.confidential[2]!;
    for (const party of PARTIES.slice(0, 6)) await consent(requestId, party);
    expect(await received(READER, trackedPath)).not.toContain(secret);
    await consent(requestId, 'VIHR');
    expect(await received(READER, trackedPath)).toContain(secret);
    expect(await received(READER, versionPath())).toContain(secret);
  });

  it('answers the public page with a 404 page for unknown groups and memos', async () => {
    for (const path of [
      '/julkinen/00000000-0000-4000-8000-000000000000',
      '/julkinen/ei-ryhma',
      `/julkinen/${f.groupId}/muistiot/${meetingId}/2`,
      `/julkinen/${f.groupId}/muistiot/00000000-0000-4000-8000-000000000000/1`,
    ]) {
      const response = await fetch(new URL(path, t.url));
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'",
      );
    }
    const ok = await fetch(new URL(`/julkinen/${f.groupId}`, t.url));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-cache');
    const feed = await fetch(
      new URL('/api/public/groups/00000000-0000-4000-8000-000000000000/feed', t.url),
    );
    expect(feed.status).toBe(404);
  });
});
