import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { memoFixture } from '../support/memoFixture';
import { writeRoom } from '../support/memoWriter';
import { paragraph } from '../unit/memo/build';
import { seriousAxeViolations } from './support/axe';
import { inFreshContext, logInFinnish, useDemoServerAndBrowser } from './support/browser';

// The reader's path (issue 18): from the group home one click on "Lue muistio" opens the newest
// approved memo; the memo comes first and the hash waits in a details line; a withheld third item
// is still there as "3. Luottamuksellinen asia", with nothing of its title or text.

const READER_EMAIL = 'vihr.lukija1@demo.example';
const TITLE = 'Lukijan polku -neuvottelu';
const SHOWN = 'Ryhmille kerrottava talousarvion linjaus';
const SECRET_TITLE = 'KANARIA-selain-otsikko';
const SECRET_TEXT = 'KANARIA-selain-sisalto';

describe("the reader's path in the browser", () => {
  const env = useDemoServerAndBrowser();

  it('a reader opens the approved memo from the group home in one click and sees the withheld third item by number', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, ['sihteeri']);
    const chair = f.clients.puheenjohtaja!;
    const created = await chair.post(`/api/groups/${f.groupId}/meetings`, {
      title: TITLE,
      startsAt: '2026-12-07T17:00:00+02:00',
      agenda: [
        { title: 'Talousarvio 2027' },
        { title: 'Kouluverkko' },
        { title: SECRET_TITLE, confidentiality: 'confidential' },
      ],
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.id as string;
    const agenda = created.body.agenda as { id: string }[];
    expect(
      (await chair.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    await writeRoom(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'), (doc) => {
      for (const node of memoFragment(doc).toArray()) {
        const section = node as Y.XmlElement;
        const item = section.getAttribute(MEMO_ATTRS.agendaItemId);
        if (item === agenda[0]!.id) section.insert(section.length, [paragraph(SHOWN)]);
        if (item === agenda[2]!.id) section.insert(section.length, [paragraph(SECRET_TEXT)]);
      }
    });
    const approved = await chair.post(`/api/meetings/${meetingId}/approval`, {});
    expect(approved.status).toBe(201);
    const hash = approved.body.hash as string;

    await inFreshContext(env.browser, async (reader) => {
      await logInFinnish(reader, url, READER_EMAIL, DEMO_PASSWORD);
      // One click from the group home.
      await reader.getByText(TITLE, { exact: false }).first().waitFor();
      await reader.getByRole('link', { name: 'Lue muistio', exact: true }).click();

      await reader.getByRole('heading', { level: 1, name: `Muistio: ${TITLE}` }).waitFor();
      const memo = reader.getByRole('article');
      await memo.getByRole('heading', { level: 2, name: '1. Talousarvio 2027' }).waitFor();
      await memo.getByText(SHOWN).waitFor();
      await memo.getByRole('heading', { level: 2, name: '3. Luottamuksellinen asia' }).waitFor();
      // The hash is a details line after the memo, folded until asked for.
      const hashText = memo.getByText(hash);
      expect(await hashText.isVisible()).toBe(false);
      await memo.getByText('Aitoustarkiste').click();
      await hashText.waitFor({ state: 'visible' });
      const html = await reader.content();
      for (const canary of [SECRET_TITLE, SECRET_TEXT]) expect(html).not.toContain(canary);
      expect(await seriousAxeViolations(reader, 'memo version for a reader')).toEqual([]);

      // The meeting page leads with the same button, above the meeting's details.
      await reader.getByRole('link', { name: 'Takaisin kokoukseen' }).click();
      await reader.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const read = reader.getByRole('link', { name: 'Lue muistio', exact: true });
      const agendaHeading = reader.getByRole('heading', { name: 'Esityslista' });
      const [readBox, agendaBox] = [await read.boundingBox(), await agendaHeading.boundingBox()];
      expect(readBox!.y).toBeLessThan(agendaBox!.y);
      expect(await reader.content()).not.toContain(SECRET_TITLE);
    });
  });
});
