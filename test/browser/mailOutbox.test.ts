import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

// Issue 14: the chair sees an email the mail server refused, and sends it again from the
// administration page once the mail server accepts it.

const INVITEE_EMAIL = 'ei.viela@example.fi';

describe('the group’s email on the administration page', () => {
  const env = useDemoServerAndBrowser();

  it('shows a refused invitation email and retries it', async () => {
    const { mail } = env.server;
    mail.refuse({ code: 550, recipients: (address) => address === INVITEE_EMAIL });
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.getByRole('navigation').getByRole('link', { name: 'Ylläpito' }).click();
      const outbox = page.getByRole('region', { name: 'Sähköpostit' });
      await outbox.getByText('Kaikki sähköpostit on lähetetty.').waitFor();

      const invitations = page.getByRole('region', { name: 'Kutsut' });
      await invitations.getByLabel('Sähköposti').fill(INVITEE_EMAIL);
      await invitations.getByLabel('Rooli').selectOption({ label: 'Lukija' });
      await invitations.getByLabel('Puolue').selectOption({ label: 'Vihreä liitto (VIHR)' });
      await invitations.getByRole('button', { name: 'Lähetä kutsu' }).click();
      await invitations.getByText(`sähköpostia osoitteeseen ${INVITEE_EMAIL} ei voitu`).waitFor();

      await outbox.getByRole('button', { name: 'Päivitä' }).click();
      await outbox.getByText('1 sähköpostin lähetys epäonnistui.').waitFor();
      const row = outbox.getByRole('row').filter({ hasText: INVITEE_EMAIL });
      await row.getByText('Kutsu', { exact: true }).waitFor();
      expect(await row.textContent()).toContain('550');

      mail.accept();
      await row.getByRole('button', { name: `Yritä uudelleen: ${INVITEE_EMAIL}` }).click();
      await mail.waitFor((m) => m.to.includes(INVITEE_EMAIL));
      await outbox.getByRole('button', { name: 'Päivitä' }).click();
      await outbox.getByText('Kaikki sähköpostit on lähetetty.').waitFor();
    });
    expect(mail.messages.filter((m) => m.to.includes(INVITEE_EMAIL))).toHaveLength(1);
  });
});
