import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { MEMO_LABELS } from '../../shared/memo/labels';
import { memoFragment } from '../../shared/memo/memoDoc';
import { followUp } from '../unit/memo/build';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeRoom } from '../support/memoWriter';
import { readPdf } from '../support/pdfText';
import { startTestServer, type TestServer } from '../support/testServer';

// Council case links on agenda items (issue 19, item 3): stored with the item, checked on the way
// in (https only, length caps, no operators), withheld with a confidential item from readers on
// the meeting page, the approved version and its exports (invariant 3, checked with a canary).

const READER = 'sdp.lukija1';
const PEOPLE = ['sihteeri', 'kesk.edustaja', READER];
const CANARY = 'KANARIA-dnro-9911';
const PUBLIC_LINK = {
  body: 'Kaupunginhallitus',
  meetingDate: '2027-01-12',
  section: '14',
  diaryNumber: '123/2026',
  url: 'https://kaupunki.example/poytakirjat/kh 2027/14',
};
const SECRET_LINK = {
  body: `Henkilöstöjaosto ${CANARY}`,
  meetingDate: '2027-01-13',
  section: '3',
  diaryNumber: CANARY,
  url: `https://kaupunki.example/${CANARY}`,
};

describe.each(ENGINES)('council case links on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let meeting: any;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    const created = await f.clients.puheenjohtaja!.post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Valtuuston asioiden neuvottelu',
      startsAt: '2027-01-10T17:00:00+02:00',
      agenda: [
        { title: 'Talousarvion toteutuma', description: 'Tilanne.', caseLink: PUBLIC_LINK },
        {
          title: 'Henkilöstöasia',
          description: 'Taustaa.',
          confidentiality: 'confidential',
          caseLink: SECRET_LINK,
        },
        // All empty: stored as no link at all.
        { title: 'Kouluverkko', description: 'Selvitys.', caseLink: { body: ' ' } },
      ],
    });
    expect(created.status).toBe(201);
    meeting = created.body;
  });
  afterAll(async () => {
    await t.close();
  });

  const edit = (patch: Record<string, unknown>) => ({
    title: meeting.title,
    startsAt: meeting.startsAt,
    agenda: meeting.agenda,
    revision: meeting.revision,
    ...patch,
  });

  it('stores the link with its item, the URL as the URL parser writes it', async () => {
    const response = await f.clients.sihteeri!.get(`/api/meetings/${meeting.id}`);
    expect(response.status).toBe(200);
    const [first, second, third] = response.body.agenda;
    expect(first.caseLink).toEqual({
      ...PUBLIC_LINK,
      url: 'https://kaupunki.example/poytakirjat/kh%202027/14',
    });
    expect(second.caseLink.diaryNumber).toBe(CANARY);
    expect(third).not.toHaveProperty('caseLink');
  });

  it("withholds a confidential item's link from a reader on the meeting page", async () => {
    const response = await f.clients[READER]!.get(`/api/meetings/${meeting.id}`);
    expect(response.status).toBe(200);
    expect(response.body.agenda[0].caseLink.body).toBe('Kaupunginhallitus');
    expect(response.body.agenda[1]).toEqual({ id: meeting.agenda[1].id, redacted: true });
    expect(JSON.stringify(response.body)).not.toContain(CANARY);
  });

  it.each([
    ['a javascript: URL', { url: 'javascript:alert(document.cookie)' }],
    ['a plain http URL', { url: 'http://kaupunki.example/asia' }],
    ['a URL without a real host', { url: 'https://localhost/asia' }],
    ['an oversized URL', { url: `https://kaupunki.example/${'a'.repeat(2000)}` }],
    ['an oversized body', { body: 'K'.repeat(121) }],
    ['an oversized diary number', { diaryNumber: '1'.repeat(61) }],
    ['a date in the wrong form', { meetingDate: '12.1.2027' }],
    ['an operator in a value', { body: { $ne: '' } }],
    ['an operator as a key', { $set: { body: 'x' } }],
  ])('refuses %s with a clear error and stores nothing', async (_what, caseLink) => {
    const agenda = [{ ...meeting.agenda[0], caseLink: { ...PUBLIC_LINK, ...caseLink } }];
    const response = await f.clients.sihteeri!.put(`/api/meetings/${meeting.id}`, edit({ agenda }));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(response.body.error.details)).toContain('caseLink');
    const stored = (await f.clients.sihteeri!.get(`/api/meetings/${meeting.id}`)).body;
    expect(stored.revision).toBe(meeting.revision);
    expect(stored.agenda[0].caseLink.body).toBe('Kaupunginhallitus');
  });

  it('lets the case link be changed and removed like the rest of the item', async () => {
    const agenda = meeting.agenda.map((item: any, index: number) =>
      index === 0 ? { ...item, caseLink: { ...item.caseLink, section: '15' } } : item,
    );
    const changed = await f.clients.sihteeri!.put(`/api/meetings/${meeting.id}`, edit({ agenda }));
    expect(changed.status).toBe(200);
    expect(changed.body.agenda[0].caseLink.section).toBe('15');
    const { caseLink: _dropped, ...withoutLink } = changed.body.agenda[2];
    const removed = await f.clients.sihteeri!.put(
      `/api/meetings/${meeting.id}`,
      edit({
        agenda: [changed.body.agenda[0], changed.body.agenda[1], withoutLink],
        revision: changed.body.revision,
      }),
    );
    expect(removed.status).toBe(200);
    expect(removed.body.agenda[2]).not.toHaveProperty('caseLink');
    meeting = removed.body;
  });

  it('a reader cannot set a case link', async () => {
    const agenda = [{ ...meeting.agenda[0], caseLink: { ...PUBLIC_LINK, body: 'Kaapattu' } }];
    const response = await f.clients[READER]!.put(`/api/meetings/${meeting.id}`, edit({ agenda }));
    expect(response.status).toBe(403);
  });

  describe('in the approved version', () => {
    beforeAll(async () => {
      const chair = f.clients.puheenjohtaja!;
      const started = await chair.post(`/api/meetings/${meeting.id}/status`, {
        status: 'in_progress',
      });
      expect(started.status).toBe(200);
      // A follow-up in each linked item; the confidential item's section is lowered to the party
      // groups, so a reader gets its follow-up but must still not get its case link.
      const [publicItem, secretItem] = [meeting.agenda[0].id, meeting.agenda[1].id];
      await writeRoom(
        t.url,
        roomName({ kind: 'memo', meetingId: meeting.id }),
        f.cookie('sihteeri'),
        (doc: Y.Doc) => {
          for (const node of memoFragment(doc).toArray()) {
            const section = node as Y.XmlElement;
            const item = section.getAttribute(MEMO_ATTRS.agendaItemId);
            if (item === publicItem) {
              section.insert(section.length, [followUp('fu_case_pub1', 'Selvitetään toteutuma.')]);
            }
            if (item === secretItem) {
              section.setAttribute(MEMO_ATTRS.confidentiality, 'groups');
              section.insert(section.length, [followUp('fu_case_sec1', 'Kuullaan henkilöstöä.')]);
            }
          }
        },
      );
      const approved = await chair.post(`/api/meetings/${meeting.id}/approval`, {});
      expect(approved.status).toBe(201);
    });

    const path = (suffix = '') => `/api/meetings/${meeting.id}/versions/1${suffix}`;

    it("lists each follow-up with its item's case link, withheld where the item is", async () => {
      const tracked = (who: string) =>
        f.clients[who]!.get(`/api/groups/${f.groupId}/tracked-items?kind=followUp`);
      const byText = (items: any[], text: string) => items.find((item) => item.text === text);
      const full = (await tracked('kesk.edustaja')).body;
      expect(byText(full, 'Selvitetään toteutuma.').caseLink).toEqual(meeting.agenda[0].caseLink);
      expect(byText(full, 'Kuullaan henkilöstöä.').caseLink).toEqual(meeting.agenda[1].caseLink);
      const response = await tracked(READER);
      expect(response.status).toBe(200);
      expect(byText(response.body, 'Selvitetään toteutuma.').caseLink).toEqual(
        meeting.agenda[0].caseLink,
      );
      expect(byText(response.body, 'Kuullaan henkilöstöä.').caseLink).toBeNull();
      expect(JSON.stringify(response.body)).not.toContain(CANARY);
    });

    it('gives negotiators every link, frozen with the version', async () => {
      const response = await f.clients['kesk.edustaja']!.get(path());
      expect(response.status).toBe(200);
      expect(response.body.caseLinks).toEqual([
        { agendaItemId: meeting.agenda[0].id, link: meeting.agenda[0].caseLink },
        { agendaItemId: meeting.agenda[1].id, link: meeting.agenda[1].caseLink },
      ]);
      const markdown = await f.clients['kesk.edustaja']!.get(path('/export.md'));
      expect(markdown.body as string).toContain(CANARY);
    });

    it('cites the link in every export a reader gets, and withholds the confidential one', async () => {
      const reader = f.clients[READER]!;
      const view = await reader.get(path());
      expect(view.body.caseLinks).toEqual([
        { agendaItemId: meeting.agenda[0].id, link: meeting.agenda[0].caseLink },
      ]);
      const cited = 'Kaupunginhallitus 12.1.2027 § 15, dnro 123/2026';
      const markdown = await reader.get(path('/export.md'));
      expect(markdown.body as string).toContain(`*${MEMO_LABELS.fi.caseLink}:* ${cited}`);
      expect(markdown.body as string).toContain(
        '<https://kaupunki.example/poytakirjat/kh%202027/14>',
      );
      const print = await reader.get(path('/print'));
      expect(print.body as string).toContain(
        `<a href="https://kaupunki.example/poytakirjat/kh%202027/14">${cited}</a>`,
      );
      const pdf = await fetch(new URL(path('/export.pdf'), t.url), {
        headers: { cookie: f.cookie(READER) },
      });
      expect(pdf.status).toBe(200);
      const pdfText = (await readPdf(Buffer.from(await pdf.arrayBuffer()))).text;
      expect(pdfText.replace(/\s+/g, ' ')).toContain(cited);
      for (const response of [view, markdown, print]) expect(response.status).toBe(200);
      for (const text of [JSON.stringify(view.body), markdown.body, print.body, pdfText]) {
        expect(text).not.toContain(CANARY);
      }
    });
  });
});
