import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicFeed, PublicationView, VersionPublication } from '../../shared/api/consent';
import type { AuditEntry } from '../../shared/audit';
import { consentAs, PARTIES, REPRESENTATIVES, representative } from '../support/consentParties';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo, type WrittenMemo } from '../support/memoWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 13, "ei jaeta julkisuuteen ilman yhteistä sopimusta": the chair's approval delivers a memo
// to the party groups only. Its public rendering reaches the public page and feed only once every
// party has consented to publishing that version, through the same gate as a statement.

const READER = 'sdp.lukija1';
const PROPOSER = 'kesk.edustaja';
const PEOPLE = ['sihteeri', ...REPRESENTATIVES, READER];
const PUBLISHED_FI = 'Julkaistu kaikkien puolueiden suostumuksella';

describe.each(ENGINES)('publishing an approved memo on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let written: WrittenMemo;
  let meetingId: string;

  const publicationPath = (meeting = meetingId, version = 1) =>
    `/api/meetings/${meeting}/versions/${version}/publication`;
  const memoPage = () => `/julkinen/${f.groupId}/muistiot/${meetingId}/1`;

  /** What anyone gets from `path` without logging in. */
  async function anonymous(path: string): Promise<{ status: number; text: string }> {
    const response = await fetch(new URL(path, t.url));
    return { status: response.status, text: await response.text() };
  }

  async function feed(): Promise<PublicFeed> {
    const response = await anonymous(`/api/public/groups/${f.groupId}/feed`);
    expect(response.status).toBe(200);
    return JSON.parse(response.text) as PublicFeed;
  }

  async function approvedMeeting(title: string, tag: string | null): Promise<string> {
    const chair = f.clients.puheenjohtaja!;
    const meeting = await f.newMeeting(title);
    await chair.post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' });
    if (tag) written = await writeMemo(t.url, f, meeting.id, tag);
    expect((await chair.post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    return meeting.id;
  }

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    meetingId = await approvedMeeting('Julkaisukokous', 'julkaisu');
  });
  afterAll(async () => {
    await t.close();
  });

  it('publishes nothing on approval, and the public parts only with the seventh consent', async () => {
    // Approved and delivered: the public sees nothing of it, not even its title.
    const before = await feed();
    expect(before.memos).toEqual([]);
    const page = await anonymous(`/julkinen/${f.groupId}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Julkaisukokous');
    expect(page.text).not.toContain(written.public[0]);
    expect((await anonymous(memoPage())).status).toBe(404);
    // The public rendering exists (members can print it), so the absence above means something.
    const print = await f.clients[READER]!.get(
      `/api/meetings/${meetingId}/versions/1/print?audience=public`,
    );
    expect(print.status).toBe(200);
    expect(JSON.stringify(print.body)).toContain(written.public[0]);

    const state = await f.clients[PROPOSER]!.get<VersionPublication>(publicationPath());
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      hasPublicContent: true,
      publication: null,
      publicPath: null,
    });
    // Readers neither see nor propose it.
    expect((await f.clients[READER]!.get(publicationPath())).status).toBe(403);
    expect((await f.clients[READER]!.post(publicationPath(), {})).status).toBe(403);
    expect(
      (await f.clients[PROPOSER]!.post(publicationPath(), { deadline: 'huomenna' })).status,
    ).toBe(400);
    expect((await f.clients[PROPOSER]!.post(publicationPath(), { public: true })).status).toBe(400);
    expect((await f.clients[PROPOSER]!.get(publicationPath(meetingId, 2))).status).toBe(404);

    const proposed = await f.clients[PROPOSER]!.post<PublicationView>(publicationPath(), {});
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const id = proposed.body.id;
    expect(proposed.body).toMatchObject({
      meetingId,
      version: 1,
      consent: { kind: 'publication', status: 'in_consent', round: 1 },
    });
    expect(proposed.body.consent.rounds[0]!.partyIds).toHaveLength(PARTIES.length);
    const again = await f.clients['sdp.edustaja']!.post(publicationPath(), {});
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { details: [{ message: `proposed:${id}` }] } });

    // Every party's speakers are asked, with a link to the version only.
    const asked = await t.mail.waitFor(
      (m) => m.to.includes('vihr.edustaja@demo.example') && m.text.includes(meetingId),
    );
    expect(asked.text).not.toContain(written.public[0]);

    // The chair approves, but consents for no party.
    const chairAnswer = await f.clients.puheenjohtaja!.post(`/api/consent/${id}/answers`, {
      round: 1,
      answer: 'consent',
    });
    expect(chairAnswer.status).toBe(403);
    for (const party of PARTIES.slice(0, 6)) await consentAs(f, representative(party), id);
    expect((await feed()).memos).toEqual([]);
    expect((await anonymous(memoPage())).status).toBe(404);
    expect((await anonymous(`/julkinen/${f.groupId}`)).text).not.toContain('Julkaisukokous');

    const last = await consentAs(f, representative('VIHR'), id);
    expect(last.status).toBe('released');
    const after = await feed();
    expect(after.memos).toEqual([
      expect.objectContaining({ meetingId, version: 1, publishedAt: last.releasedAt }),
    ]);
    const listed = await anonymous(`/julkinen/${f.groupId}`);
    expect(listed.text).toContain('Julkaisukokous');
    expect(listed.text).toContain(PUBLISHED_FI);
    const memo = await anonymous(memoPage());
    expect(memo.status).toBe(200);
    expect(memo.text).toContain(written.public[0]);
    expect(memo.text).toContain(PUBLISHED_FI);
    for (const hidden of [...written.groups, ...written.confidential])
      expect(memo.text).not.toContain(hidden);

    const published = await f.clients['sihteeri']!.get<VersionPublication>(publicationPath());
    expect(published.body.publication?.consent.status).toBe('released');
    expect(published.body.publicPath).toBe(`/julkinen/${f.groupId}/muistiot/${meetingId}/1`);

    const audit = await f.clients.puheenjohtaja!.get(
      `/api/groups/${f.groupId}/audit/export?format=json`,
    );
    const entries = (audit.body.entries as AuditEntry[]).filter((e) => e.target.id === id);
    expect(entries.map((e) => e.action)).toEqual([
      'consent.request',
      'consent.refused',
      ...PARTIES.map(() => 'consent.answer'),
      'consent.release',
    ]);
    expect(entries[0]!.target).toMatchObject({ type: 'publication', label: 'Julkaisukokous v1' });
    for (const hidden of [...written.groups, ...written.confidential, ...written.public])
      expect(JSON.stringify(entries)).not.toContain(hidden);
  });

  it('refuses to propose a version with nothing public, and unknown versions', async () => {
    const closed = await approvedMeeting('Suljettu kokous', null);
    const state = await f.clients[PROPOSER]!.get<VersionPublication>(publicationPath(closed));
    expect(state.body).toMatchObject({ hasPublicContent: false, publication: null });
    const refused = await f.clients[PROPOSER]!.post(publicationPath(closed), {});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { details: [{ message: 'nothingPublic' }] } });
    expect((await f.clients[PROPOSER]!.post(publicationPath(closed, 2), {})).status).toBe(404);
    expect(
      (await f.clients[PROPOSER]!.post(publicationPath('00000000-0000-4000-8000-000000000000'), {}))
        .status,
    ).toBe(404);
  });
});
