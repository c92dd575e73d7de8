import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { seriousAxeViolations } from './support/axe';
import {
  GROUP_NAME,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

const EMAIL = 'vihr.edustaja@demo.example';
const NEW_PASSWORD = 'unohtunut-ja-uusi-123';

describe('a forgotten password', () => {
  const env = useDemoServerAndBrowser();

  it('login screen → "Unohtuiko salasana?" → the emailed link → a new password, logged in', async () => {
    const found: string[] = [];
    await inFreshContext(env.browser, async (page) => {
      await page.goto(`${env.server.url}/login`);
      await page.getByRole('link', { name: 'Unohtuiko salasana?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Unohtuiko salasana?' }).waitFor();
      found.push(...(await seriousAxeViolations(page, 'forgot password')));
      await page.getByLabel('Sähköposti').fill(EMAIL);
      await page.getByRole('button', { name: 'Lähetä linkki' }).click();
      await page.getByRole('status').getByText(`Jos osoitteella ${EMAIL} on tunnus`).waitFor();
    });

    const mail = await env.server.mail.waitFor((m) => m.to.includes(EMAIL));
    const emailed = /https?:\/\/\S+\/reset-password#token=[\w-]+/.exec(mail.text)?.[0];
    expect(emailed).toBeDefined();
    const link = new URL(emailed ?? '');
    const target = `${env.server.url}${link.pathname}${link.hash}`;

    await inFreshContext(env.browser, async (page) => {
      await page.goto(target);
      await page.getByRole('heading', { level: 1, name: 'Vaihda salasana' }).waitFor();
      // The token leaves the address bar once read.
      await page.waitForURL((url) => url.hash === '');
      await page.getByLabel('Uusi salasana', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Uusi salasana uudelleen').fill('jotain-muuta-123');
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.getByText('Salasanat eivät ole samat.').waitFor();
      found.push(...(await seriousAxeViolations(page, 'reset password with errors')));
      await page.getByLabel('Uusi salasana uudelleen').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.getByRole('heading', { level: 1, name: GROUP_NAME }).waitFor();

      await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
      await logInFinnish(page, env.server.url, EMAIL, NEW_PASSWORD);

      // The link was for one use.
      await page.goto(target);
      await page.getByLabel('Uusi salasana', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByLabel('Uusi salasana uudelleen').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Vaihda salasana' }).click();
      await page.getByRole('alert').getByText('Linkki ei enää kelpaa').waitFor();
      await page.getByRole('link', { name: 'Pyydä uusi linkki' }).waitFor();
    });
    expect(found).toEqual([]);
  });
});
