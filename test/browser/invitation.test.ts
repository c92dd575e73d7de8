import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import {
  CHAIR_EMAIL,
  GROUP_NAME,
  inFreshContext,
  useDemoServerAndBrowser,
  logInFinnish,
} from './support/browser';

const INVITEE_EMAIL = 'uusi.vihrea@example.fi';
const INVITEE_NAME = 'Ville Vihreä';
const INVITEE_PASSWORD = 'vihrea-salasana-123';

describe('inviting a new representative', () => {
  const env = useDemoServerAndBrowser();

  it('the chair invites by email; the invitee joins from the emailed link and logs in again', async () => {
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.getByRole('navigation').getByRole('link', { name: 'Ylläpito' }).click();
      const invitations = page.getByRole('region', { name: 'Kutsut' });
      await invitations.getByLabel('Sähköposti').fill(INVITEE_EMAIL);
      await invitations.getByLabel('Rooli').selectOption({ label: 'Edustaja' });
      await invitations.getByLabel('Puolue').selectOption({ label: 'Vihreä liitto (VIHR)' });
      await invitations.getByRole('button', { name: 'Lähetä kutsu' }).click();
      const shownLink = await invitations.getByLabel('Kutsulinkki').inputValue();
      expect(shownLink).toContain('/invite#token=');
      await invitations.getByRole('row').filter({ hasText: INVITEE_EMAIL }).waitFor();
    });

    const mail = await env.server.mail.waitFor((m) => m.to.includes(INVITEE_EMAIL));
    const emailed = /https?:\/\/\S+\/invite#token=[\w-]+/.exec(mail.text)?.[0];
    expect(emailed).toBeDefined();
    // Open the emailed path and fragment on the server under test, whatever host the mail names.
    const link = new URL(emailed ?? '');
    const target = `${env.server.url}${link.pathname}${link.hash}`;

    await inFreshContext(env.browser, async (page) => {
      await page.goto(target);
      await page.getByRole('heading', { level: 1, name: 'Kutsu neuvotteluryhmään' }).waitFor();
      await page.getByText(GROUP_NAME).waitFor();
      await page.getByLabel('Nimi').fill(INVITEE_NAME);
      await page.getByLabel('Salasana', { exact: true }).fill(INVITEE_PASSWORD);
      await page.getByLabel('Salasana uudelleen').fill(INVITEE_PASSWORD);
      await page.getByRole('button', { name: 'Hyväksy kutsu' }).click();

      await page.getByRole('heading', { level: 1, name: GROUP_NAME }).waitFor();
      await page.getByText('Roolisi: Edustaja').waitFor();
      await page.getByRole('link', { name: `Profiili: ${INVITEE_NAME}` }).waitFor();

      await page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();

      await logInFinnish(page, env.server.url, INVITEE_EMAIL, INVITEE_PASSWORD);
      await page.getByRole('link', { name: `Profiili: ${INVITEE_NAME}` }).waitFor();
    });
  });
});
