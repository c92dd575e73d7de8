import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import {
  CHAIR_EMAIL,
  inFreshContext,
  useDemoServerAndBrowser,
  logInFinnish,
} from './support/browser';
import { seriousAxeViolations as seriousViolations } from './support/axe';

describe('accessibility', () => {
  const env = useDemoServerAndBrowser();

  it('login, home, meeting form and administration have no serious or critical axe findings', async () => {
    await inFreshContext(env.browser, async (page) => {
      const found: string[] = [];

      await page.goto(`${env.server.url}/login`);
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      found.push(...(await seriousViolations(page, 'login')));

      // The login form showing its validation messages.
      await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
      await page.getByText('Täytä tämä kenttä.').first().waitFor();
      found.push(...(await seriousViolations(page, 'login with errors')));

      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.getByRole('region', { name: 'Tulevat kokoukset' }).getByRole('status').waitFor({
        state: 'detached',
      });
      found.push(...(await seriousViolations(page, 'home')));

      await page.getByRole('link', { name: 'Uusi kokous' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uusi kokous' }).waitFor();
      found.push(...(await seriousViolations(page, 'meeting form')));

      await page.getByRole('button', { name: 'Luo kokous' }).click();
      await page.getByRole('alert').first().waitFor();
      found.push(...(await seriousViolations(page, 'meeting form with errors')));

      await page.getByRole('navigation').getByRole('link', { name: 'Ylläpito' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ylläpito' }).waitFor();
      await page.getByRole('table', { name: 'Jäsenet' }).waitFor();
      await page
        .getByRole('table', { name: 'Lähetetyt kutsut' })
        .or(page.getByText('Kutsuja ei ole.'))
        .waitFor();
      found.push(...(await seriousViolations(page, 'administration')));

      expect(found).toEqual([]);
    });
  });
});
