import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import {
  inFreshContext,
  useDemoServerAndBrowser,
  logInFinnish,
  waitForHtmlLang,
} from './support/browser';

const READER_EMAIL = 'kesk.lukija1@demo.example';

async function logInSwedish(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-post').fill(READER_EMAIL);
  await page.getByLabel('Lösenord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Möten' }).waitFor();
}

describe('interface language', () => {
  const env = useDemoServerAndBrowser();

  it('switches the login page to Swedish and remembers it on this device', async () => {
    await inFreshContext(env.browser, async (page) => {
      await page.goto(`${env.server.url}/login`);
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      await page.getByLabel('Kieli').selectOption('sv');

      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await waitForHtmlLang(page, 'sv');
      await page.getByLabel('E-post').waitFor();
      await page.getByLabel('Språk').waitFor();

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
      await waitForHtmlLang(page, 'sv');
    });
  });

  it('a reader switches to Swedish after login; the choice follows them to a new browser', async () => {
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, READER_EMAIL, DEMO_PASSWORD);
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Kokoukset' }).waitFor();
      // What a reader may not do is not offered.
      expect(await nav.getByRole('link', { name: 'Ylläpito' }).count()).toBe(0);

      const saved = page.waitForResponse(
        (response) => response.url().endsWith('/api/me') && response.request().method() === 'PATCH',
      );
      await page.getByLabel('Kieli').selectOption('sv');
      expect((await saved).status()).toBe(200);

      await nav.getByRole('link', { name: 'Möten' }).waitFor();
      await waitForHtmlLang(page, 'sv');
      await page.getByRole('heading', { level: 2, name: 'Kommande möten' }).waitFor();
      await page.getByRole('button', { name: 'Logga ut' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    });

    // A new browser knows nothing of the choice until the profile brings it at login.
    await inFreshContext(env.browser, async (page) => {
      await page.goto(`${env.server.url}/login`);
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      await page.getByLabel('Kieli').selectOption('sv');
      await logInSwedish(page, env.server.url);
      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: 'Möten' }).waitFor();
      await waitForHtmlLang(page, 'sv');
    });
  });
});
