import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import type { ContentSection, MemoContent } from '../../shared/memo/content';
import { paragraph } from '../unit/memo/build';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeRoom } from '../support/memoWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// A withheld agenda item keeps its place for a reader (issue 18): the version a reader receives
// holds a marker with the item's number, and its agenda title only where the reader may see the
// agenda item anyway. Canary strings in the item's own title, its text and a confidential agenda
// title never reach the reader on any rendering (invariant 3).

const READER = 'sdp.lukija1';
const PEOPLE = ['sihteeri', 'kesk.edustaja', READER];
const SECRET_AGENDA_TITLE = 'KANARIA-asialista-otsikko';
const SECRET_SECTION_WORDS = 'KANARIA-muistion-otsikko';
const SECRET_TEXT = 'KANARIA-asian-sisalto';
const VISIBLE_AGENDA_TITLE = 'Henkilöstöjärjestelyt';
// Agenda descriptions are the text a section starts with (seeded by the server).
const SECRET_DESCRIPTION = 'KANARIA-asialistan-kuvaus';
const SHARED_DESCRIPTION = ['Raamit lautakunnittain.', 'Aikataulu kevääksi.'];
const SECRETS = [SECRET_AGENDA_TITLE, SECRET_SECTION_WORDS, SECRET_TEXT, SECRET_DESCRIPTION];

describe.each(ENGINES)('a withheld agenda item for a reader on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let meetingId: string;
  /** The numbers the two withheld items have in the negotiators' full memo. */
  let secretNumber: number;
  let visibleNumber: number;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    const chair = f.clients.puheenjohtaja!;
    const created = await chair.post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Numerointikokous',
      startsAt: '2026-12-07T17:00:00+02:00',
      agenda: [
        { title: 'Talousarvio 2027', description: SHARED_DESCRIPTION.join('\n\n') },
        { title: 'Kouluverkko' },
        // Its title and description are themselves confidential: a reader may not learn them.
        {
          title: SECRET_AGENDA_TITLE,
          description: `Taustaa: ${SECRET_DESCRIPTION}`,
          confidentiality: 'confidential',
        },
        // A reader sees this title on the meeting page; the memo's section becomes confidential.
        { title: VISIBLE_AGENDA_TITLE },
      ],
    });
    expect(created.status).toBe(201);
    meetingId = created.body.id as string;
    const agenda = created.body.agenda as { id: string; title: string }[];
    const [secretItem, visibleItem] = [agenda[2]!.id, agenda[3]!.id];
    expect(
      (await chair.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' })).status,
    ).toBe(200);

    await writeRoom(
      t.url,
      roomName({ kind: 'memo', meetingId }),
      f.cookie('sihteeri'),
      (doc: Y.Doc) => {
        for (const node of memoFragment(doc).toArray()) {
          const section = node as Y.XmlElement;
          const item = section.getAttribute(MEMO_ATTRS.agendaItemId);
          if (item === secretItem) section.insert(section.length, [paragraph(SECRET_TEXT)]);
          if (item === visibleItem) {
            // Confidential words typed into the title of a section that is then closed.
            section.setAttribute(MEMO_ATTRS.confidentiality, 'confidential');
            const title = (section.get(0) as Y.XmlElement).get(0) as Y.XmlText;
            title.insert(title.length, ` ${SECRET_SECTION_WORDS}`);
            section.insert(section.length, [paragraph(SECRET_TEXT)]);
          }
        }
      },
    );
    const approved = await chair.post(`/api/meetings/${meetingId}/approval`, {});
    expect(approved.status).toBe(201);

    const full = (await f.clients['kesk.edustaja']!.get(`/api/meetings/${meetingId}/versions/1`))
      .body.content as MemoContent;
    const numberOf = (item: string) =>
      full.sections.findIndex((s) => (s as ContentSection).agendaItemId === item) + 1;
    secretNumber = numberOf(secretItem);
    visibleNumber = numberOf(visibleItem);
  });
  afterAll(async () => {
    await t.close();
  });

  const version = () => `/api/meetings/${meetingId}/versions/1`;

  it('reaches negotiators in full, so the checks below can fail', async () => {
    const text = JSON.stringify((await f.clients['kesk.edustaja']!.get(version())).body);
    for (const secret of SECRETS) expect(text).toContain(secret);
    expect(secretNumber).toBeGreaterThan(0);
    expect(visibleNumber).toBe(secretNumber + 1);
  });

  it("starts each seeded section with its agenda item's description", async () => {
    /** The text of a section's blocks, paragraph by paragraph, in order. */
    const texts = (section: MemoContent['sections'][number] | undefined) =>
      (section as ContentSection).blocks.flatMap((block) =>
        block.kind === 'withheld' ? [] : block.paragraphs,
      );
    const full = (await f.clients['kesk.edustaja']!.get(version())).body.content as MemoContent;
    expect(texts(full.sections[0]).slice(0, 2)).toEqual(SHARED_DESCRIPTION);
    expect(texts(full.sections[secretNumber - 1])[0]).toBe(`Taustaa: ${SECRET_DESCRIPTION}`);

    // A reader gets the shared description with its item; the confidential one is withheld
    // with its item (the next test and the one after check it reaches them nowhere).
    const reader = (await f.clients[READER]!.get(version())).body.content as MemoContent;
    expect(texts(reader.sections[0]).slice(0, 2)).toEqual(SHARED_DESCRIPTION);
  });

  it('gives a reader each withheld item as its number, with a title only from a visible agenda item', async () => {
    const response = await f.clients[READER]!.get(version());
    expect(response.status).toBe(200);
    const content = response.body.content as MemoContent;
    expect(content.sections[secretNumber - 1]).toEqual({
      kind: 'withheld',
      number: secretNumber,
      title: null,
    });
    expect(content.sections[visibleNumber - 1]).toEqual({
      kind: 'withheld',
      number: visibleNumber,
      title: VISIBLE_AGENDA_TITLE,
    });
    const text = JSON.stringify(response.body);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('never lets the canaries reach a reader through the exports or the meeting', async () => {
    for (const path of [
      version(),
      `${version()}/export.md`,
      `${version()}/print`,
      `/api/meetings/${meetingId}`,
    ]) {
      const response = await fetch(new URL(path, t.url), {
        headers: { cookie: f.cookie(READER) },
      });
      expect(response.status, path).toBe(200);
      const text = await response.text();
      for (const secret of SECRETS) expect(text, path).not.toContain(secret);
    }
  });

  it('gives the public rendering numbers only, no agenda titles', async () => {
    const response = await f.clients['kesk.edustaja']!.get(`${version()}?audience=public`);
    const content = response.body.content as MemoContent;
    expect(content.sections[visibleNumber - 1]).toEqual({
      kind: 'withheld',
      number: visibleNumber,
      title: null,
    });
    expect(JSON.stringify(content)).not.toContain(VISIBLE_AGENDA_TITLE);
  });
});
