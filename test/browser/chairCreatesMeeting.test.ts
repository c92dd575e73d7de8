import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { Me, Meeting } from '../../shared/api/types';
import { CSRF_HEADER } from '../../shared/errors';
import {
  CHAIR_EMAIL,
  inFreshContext,
  useDemoServerAndBrowser,
  logInFinnish,
} from './support/browser';

describe('the chair plans a meeting', () => {
  const env = useDemoServerAndBrowser();

  it('logs in in Finnish, creates a meeting with three agenda items and finds it in the list', async () => {
    await inFreshContext(env.browser, async (page) => {
      await page.goto(`${env.server.url}/login`);
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fi');

      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.getByRole('navigation').getByRole('link', { name: 'Kokoukset' }).click();
      await page.getByRole('link', { name: 'Uusi kokous' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uusi kokous' }).waitFor();

      const title = 'Talousarvioneuvottelu 2031';
      await page.getByLabel('Otsikko', { exact: true }).fill(title);
      await page.getByLabel('Alkamisaika').fill('2030-11-14T17:00');
      await page.getByLabel('Paikka').fill('Kaupungintalo, kokoushuone 2');

      // The form starts with one empty item; add two more.
      const addItem = page.getByRole('button', { name: 'Lisää asia' });
      await addItem.click();
      await addItem.click();
      const item = (n: number) => page.getByRole('group', { name: `Asia ${n}` });
      await item(1).getByLabel('Asian otsikko').fill('Talousarvion raamit');
      await item(2).getByLabel('Asian otsikko').fill('Investointiohjelma');
      await item(2).getByLabel('Kuvaus').fill('Koulujen korjausvelka ja aikataulu.');
      await item(2).getByLabel('Luottamuksellisuus').selectOption({ label: 'Luottamuksellinen' });
      await item(3).getByLabel('Asian otsikko').fill('Veroprosentti');
      await item(3).getByLabel('Luottamuksellisuus').selectOption({ label: 'Julkinen' });
      // Reorder: the tax rate goes before the investment programme.
      await item(3).getByRole('button', { name: 'Siirrä ylös' }).click();
      expect(await item(2).getByLabel('Asian otsikko').inputValue()).toBe('Veroprosentti');

      // A start time in the past asks once more (a meeting may be recorded afterwards); a
      // corrected time creates the meeting at once.
      const startsAt = page.getByLabel('Alkamisaika');
      await startsAt.fill('2020-01-15T17:00');
      await page.getByRole('button', { name: 'Luo kokous' }).click();
      await page.getByRole('alert').getByText('on jo mennyt', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Luo kokous silti' }).waitFor();
      await startsAt.fill('2030-11-14T17:00');
      await page.getByRole('button', { name: 'Luo kokous' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('Kokous luotu.').waitFor();
      const agenda = page.getByRole('region', { name: 'Esityslista' });
      expect(await agenda.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
        'Talousarvion raamit',
        'Veroprosentti',
        'Investointiohjelma',
      ]);

      // Where the meeting stands, in words, and the organiser's next step with its button.
      const stage = page.getByRole('region', { name: 'Kokouksen vaihe' });
      const current = stage.locator('[aria-current="step"]');
      expect(await current.innerText()).toMatch(/^1\s+Suunniteltu \(nyt\)\s+Kokous on tulossa/);
      await stage
        .getByText('Seuraavaksi: aloita kokous, kun se alkaa.', { exact: false })
        .waitFor();

      // The next step makes the notice of the last one stale: it goes.
      await stage.getByRole('button', { name: 'Aloita kokous' }).click();
      await page.locator('.status-badge', { hasText: 'Käynnissä' }).first().waitFor();
      expect(await page.getByText('Kokous luotu.').count()).toBe(0);
      expect(await current.innerText()).toContain('Käynnissä (nyt)');
      await stage.getByText('Suunniteltu (valmis)').waitFor();
      const openMemo = stage.getByRole('link', { name: 'Avaa muistio' });
      expect(await openMemo.getAttribute('class')).toContain('button-primary');
      expect(
        await stage
          .getByRole('button', { name: 'Päätä kokous ja siirry laatimaan muistiota' })
          .getAttribute('class'),
      ).toContain('button-secondary');
      // While the meeting runs, attendance comes before the agenda.
      const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
      expect(headings.indexOf('Läsnäolo')).toBeLessThan(headings.indexOf('Esityslista'));

      // An address to no meeting says so and leads back, with no retry that cannot help.
      const meetingsPath = new URL(page.url()).pathname.replace(/\/[^/]+$/, '');
      for (const path of ['ei-kokousta', 'ei-kokousta/memo']) {
        await page.goto(`${env.server.url}${meetingsPath}/${path}`);
        await page.getByRole('heading', { level: 1, name: 'Kokousta ei löytynyt' }).waitFor();
        expect(await page.getByRole('button', { name: 'Yritä uudelleen' }).count()).toBe(0);
      }
      await page.getByRole('link', { name: 'Kaikki kokoukset' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kokoukset' }).waitFor();

      await page.getByRole('navigation').getByRole('link', { name: 'Kokoukset' }).click();
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });
      await row.waitFor();
      expect(await row.textContent()).toContain('3 asiaa');
    });
  });

  it('a save that lost a race to another save says so and reloads the newer version', async () => {
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      // The page's request context shares the chair's session cookie.
      const me = (await (await page.request.get(`${env.server.url}/api/me`)).json()) as Me;
      const groupId = me.memberships[0]?.groupId ?? '';
      const headers = { [CSRF_HEADER]: '1' };
      const fields = {
        title: 'Kilpailevat tallennukset',
        // In the past: editing it is no occasion to warn of that (only creating one is).
        startsAt: new Date('2020-12-01T15:00:00Z').toISOString(),
        location: '',
        videoLink: '',
        councilMeetingDate: '',
        agenda: [{ title: 'Asia A', description: '', confidentiality: 'groups' }],
      };
      const created = await page.request.post(`${env.server.url}/api/groups/${groupId}/meetings`, {
        headers,
        data: fields,
      });
      expect(created.status()).toBe(201);
      const meeting = (await created.json()) as Meeting;

      await page.goto(`${env.server.url}/groups/${groupId}/meetings/${meeting.id}`);
      await page.getByRole('button', { name: 'Muokkaa kokousta' }).click();
      const title = page.getByRole('textbox', { name: 'Otsikko', exact: true });
      await title.fill('Minun versioni');

      const otherSave = await page.request.put(`${env.server.url}/api/meetings/${meeting.id}`, {
        headers,
        data: {
          ...fields,
          title: 'Toisen versio',
          agenda: meeting.agenda,
          revision: meeting.revision,
        },
      });
      expect(otherSave.status()).toBe(200);

      await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'Joku muu tallensi' });
      await conflict.waitFor();
      await page.getByRole('button', { name: 'Lataa kokous uudelleen' }).click();
      await conflict.waitFor({ state: 'detached' });
      expect(await title.inputValue()).toBe('Toisen versio');
      await page.getByRole('button', { name: 'Tallenna', exact: true }).click();
      await page.getByText('Muutokset tallennettu.').waitFor();
      expect(await page.getByText('on jo mennyt', { exact: false }).count()).toBe(0);
    });
  });
});
