import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

// The chair records an agenda item's council case in Finnish (issue 19, item 3): folded away
// until wanted, an address that is not https is refused with a message that says what to do,
// and the meeting page cites the case as Finnish minutes do, linked to the public item.

describe('the council case of an agenda item', () => {
  const env = useDemoServerAndBrowser();

  it('is entered in the agenda builder and cited on the meeting page', async () => {
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.getByRole('navigation').getByRole('link', { name: 'Kokoukset' }).click();
      await page.getByRole('link', { name: 'Uusi kokous' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uusi kokous' }).waitFor();
      await page.getByLabel('Otsikko', { exact: true }).fill('Valtuuston listan neuvottelu');
      await page.getByLabel('Alkamisaika').fill('2030-11-14T17:00');

      const item = page.getByRole('group', { name: 'Asia 1' });
      await item.getByLabel('Asian otsikko').fill('Talousarvion toteutuma');
      // Folded away: the fields are not on the page until the chair asks for them.
      expect(await item.getByLabel('Diaarinumero').isVisible()).toBe(false);
      await item.getByText('Lisää valtuuston asian tiedot').click();
      await item.getByLabel('Toimielin').fill('Kaupunginhallitus');
      await item.getByLabel('Toimielimen kokouspäivä').fill('2027-01-12');
      await item.getByLabel('Pykälä (§)').fill('14');
      await item.getByLabel('Diaarinumero').fill('123/2026');
      const url = item.getByLabel('Linkki julkiseen asiaan');
      await url.fill('http://kaupunki.example/kh/14');

      await page.getByRole('button', { name: 'Luo kokous' }).click();
      await item.getByText('Anna osoite, joka alkaa https://, tai jätä kenttä tyhjäksi.').waitFor();
      expect(await url.getAttribute('aria-invalid')).toBe('true');

      await url.fill('https://kaupunki.example/kh/14');
      await page.getByRole('button', { name: 'Luo kokous' }).click();
      await page.getByRole('heading', { level: 1, name: 'Valtuuston listan neuvottelu' }).waitFor();
      const agenda = page.getByRole('region', { name: 'Esityslista' });
      const cited = agenda.getByRole('link', {
        name: 'Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026',
      });
      await cited.waitFor();
      expect(await cited.getAttribute('href')).toBe('https://kaupunki.example/kh/14');
      expect(await agenda.locator('.case-link').innerText()).toMatch(/^Kaupungin asia:/);

      // In the live memo the item's section cites it too, read-only, beside its level.
      const stage = page.getByRole('region', { name: 'Kokouksen vaihe' });
      await stage.getByRole('button', { name: 'Aloita kokous' }).click();
      await stage.getByRole('link', { name: 'Avaa muistio' }).click();
      const inMemo = page.locator('.memo-section-bar').getByRole('link', {
        name: 'Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026',
      });
      await inMemo.waitFor();
      expect(await inMemo.getAttribute('href')).toBe('https://kaupunki.example/kh/14');
    });
  });
});
