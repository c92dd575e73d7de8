import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { memoFixture } from '../support/memoFixture';
import { writeRoom } from '../support/memoWriter';
import { followUp } from '../unit/memo/build';
import { inFreshContext, logInFinnish, useDemoServerAndBrowser } from './support/browser';

// Managed follow-ups in Finnish (issue 19, item 7): KESK's representative takes the party's
// follow-up to the council's preparation with the case it went to, and finds it, so marked, in
// "Omat jatkotoimet".

describe('a follow-up owned by a party', () => {
  const env = useDemoServerAndBrowser();

  it('is marked "viety valmisteluun" with a case link and shown in "Omat jatkotoimet"', async () => {
    const f = await memoFixture(env.server, ['sihteeri']);
    const meeting = await f.newMeeting('Jatkotoimien seuranta');
    await writeRoom(
      env.server.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      f.cookie('sihteeri'),
      (doc: Y.Doc) => {
        const section = memoFragment(doc).get(0) as Y.XmlElement;
        section.insert(section.length, [
          followUp('fu-selain-kesk', 'Selvitetään koulukuljetusten kustannukset.', {
            owner: 'Suomen Keskusta',
            ownerRef: `party:${f.partyIds.KESK}`,
            due: '2027-02-15',
          }),
        ]);
      },
    );
    const chair = f.clients.puheenjohtaja!;
    expect(
      (await chair.post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    expect((await chair.post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);

    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, 'kesk.edustaja@demo.example', DEMO_PASSWORD);
      const item = page
        .getByRole('region', { name: 'Avoimet asiat' })
        .getByRole('listitem')
        .filter({ hasText: 'Selvitetään koulukuljetusten kustannukset.' });
      await item.getByText('15.2.2027').waitFor();
      await item.getByLabel('Uusi tila').selectOption({ label: 'Viety valmisteluun' });
      // Nothing to save until the case is named.
      const save = item.getByRole('button', { name: 'Tallenna tila' });
      expect(await save.isDisabled()).toBe(true);
      await item.getByText('Lisää valtuuston asian tiedot').click();
      await item.getByLabel('Toimielin').fill('Kaupunginhallitus');
      await item.getByLabel('Toimielimen kokouspäivä').fill('2027-01-12');
      await item.getByLabel('Pykälä (§)').fill('14');
      await item.getByLabel('Diaarinumero').fill('123/2026');
      await item.getByLabel('Linkki julkiseen asiaan').fill('https://kaupunki.example/kh/14');
      await save.click();
      await item.locator('.status-badge', { hasText: 'Viety valmisteluun' }).waitFor();
      await item
        .getByRole('link', { name: 'Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026' })
        .waitFor();

      await page.getByRole('link', { name: 'Omat jatkotoimet' }).click();
      await page.getByRole('heading', { level: 1, name: 'Omat jatkotoimet' }).waitFor();
      const mine = page
        .getByRole('listitem')
        .filter({ hasText: 'Selvitetään koulukuljetusten kustannukset.' });
      await mine.locator('.status-badge', { hasText: 'Viety valmisteluun' }).waitFor();
      await mine.getByText('15.2.2027').waitFor();
      const cited = mine.getByRole('link', {
        name: 'Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026',
      });
      expect(await cited.getAttribute('href')).toBe('https://kaupunki.example/kh/14');
    });
  });
});
