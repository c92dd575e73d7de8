import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { Me, Meeting } from '../../shared/api/types';
import { CSRF_HEADER } from '../../shared/errors';
import {
  CHAIR_EMAIL,
  inFreshContext,
  liveConnectionAccepted,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

// Issue 19, item 1: the chair sends the invitation from the meeting page, sees when it went and,
// once the meeting moved, that it changed since and the button for the update. A member, logged in
// elsewhere, sees each as a notice that links to the meeting.

const MEMBER_EMAIL = 'kesk.edustaja@demo.example';

/** Log in and wait until the app's Socket.io connection is accepted, so no notice is missed. */
async function logInListening(page: Page, baseUrl: string, email: string): Promise<void> {
  const connected = liveConnectionAccepted(page);
  await logInFinnish(page, baseUrl, email, DEMO_PASSWORD);
  await connected;
}

describe('the chair invites the group to a meeting', () => {
  const env = useDemoServerAndBrowser();

  it('sends the invitation, sees it sent, and after a change of time sends the update; a member is told of each', async () => {
    await inFreshContext(env.browser, async (memberPage) => {
      await logInListening(memberPage, env.server.url, MEMBER_EMAIL);
      const notices = memberPage.getByRole('region', { name: 'Ilmoitukset' });
      await inFreshContext(env.browser, async (page) => {
        await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
        const me = (await (await page.request.get(`${env.server.url}/api/me`)).json()) as Me;
        const groupId = me.memberships[0]?.groupId ?? '';
        const headers = { [CSRF_HEADER]: '1' };
        const fields = {
          title: 'Kutsuttava neuvottelu',
          startsAt: '2030-11-14T17:00:00+02:00',
          location: 'Kaupungintalo',
          videoLink: '',
          councilMeetingDate: '',
          agenda: [{ title: 'Talousarvio', description: '', confidentiality: 'groups' }],
        };
        const created = await page.request.post(
          `${env.server.url}/api/groups/${groupId}/meetings`,
          {
            data: fields,
            headers,
          },
        );
        const meeting = (await created.json()) as Meeting;
        await page.goto(`${env.server.url}/groups/${groupId}/meetings/${meeting.id}`);

        const invitation = page.getByRole('region', { name: 'Kokouskutsu' });
        await invitation.getByText('Kokouskutsua ei ole vielä lähetetty.').waitFor();
        await invitation.getByRole('button', { name: 'Lähetä kokouskutsu' }).click();
        await invitation.getByText('Kutsu lähetetty kaikille ryhmän jäsenille.').waitFor();
        expect(await invitation.innerText()).toMatch(
          /Kutsu lähetetty .*klo.* \(esityslistan versio 1\)\./,
        );
        // Nothing changed: nothing to send again.
        expect(await invitation.getByRole('button').count()).toBe(0);

        const invited = 'Kutsu kokoukseen: Kutsuttava neuvottelu, 14.11.2030 klo 17.00';
        await notices.getByRole('status').getByText(invited).waitFor();
        expect(await notices.getByRole('listitem').innerText()).toContain(invited);

        const moved = await page.request.put(`${env.server.url}/api/meetings/${meeting.id}`, {
          data: {
            ...fields,
            agenda: meeting.agenda,
            revision: meeting.revision,
            startsAt: '2030-11-15T09:00:00+02:00',
          },
          headers,
        });
        expect(moved.status()).toBe(200);
        await page.reload();
        await invitation
          .getByText('Kutsun jälkeen on muuttunut: aika.', { exact: false })
          .waitFor();
        await invitation.getByRole('button', { name: 'Lähetä muutoskutsu' }).click();
        await invitation.getByText('Muutoskutsu lähetetty', { exact: false }).waitFor();
        expect(await invitation.getByText('Kutsun jälkeen on muuttunut').count()).toBe(0);
      });

      // The update replaces the invitation's notice; its link leads to the meeting and closes it.
      const updated = 'Kokouksen tiedot muuttuivat: Kutsuttava neuvottelu, 15.11.2030 klo 9.00';
      await notices.getByRole('status').getByText(updated).waitFor();
      expect(await notices.getByRole('listitem').count()).toBe(1);
      await notices.getByRole('link', { name: 'Avaa kokous' }).click();
      await memberPage.getByRole('region', { name: 'Kokouskutsu' }).waitFor();
      expect(memberPage.url()).toMatch(/\/groups\/[^/]+\/meetings\/[^/]+$/);
      expect(await notices.getByRole('listitem').count()).toBe(0);

      // Cancelled elsewhere while the member has the meeting's page open: the page shows it at
      // once, without a reload by hand (and without a notice repeating what the page says).
      const meetingPath = new URL(memberPage.url()).pathname;
      const meetingId = meetingPath.split('/').at(-1) ?? '';
      await inFreshContext(env.browser, async (page) => {
        await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
        const cancelled = await page.request.post(
          `${env.server.url}/api/meetings/${meetingId}/status`,
          { data: { status: 'cancelled' }, headers: { [CSRF_HEADER]: '1' } },
        );
        expect(cancelled.status()).toBe(200);
      });
      await memberPage.getByText('Peruttu', { exact: true }).first().waitFor();
      expect(new URL(memberPage.url()).pathname).toBe(meetingPath);
      expect(await notices.getByRole('listitem').count()).toBe(0);
    });
  });

  it('makes a private calendar address on the profile, and a new one revokes it', async () => {
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.goto(`${env.server.url}/profile`);
      const section = page.getByRole('region', { name: 'Kalenteri' });
      await section.getByText('Sinulla ei ole vielä kalenteriosoitetta.').waitFor();
      await section.getByRole('button', { name: 'Luo kalenteriosoite' }).click();
      const address = section.locator('code');
      await address.waitFor();
      const first = await address.innerText();
      expect(first).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const feed = await fetch(first);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');

      await page.reload();
      await section.getByText('Kalenteriosoite on luotu', { exact: false }).waitFor();
      expect(await section.locator('code').count()).toBe(0);
      await section.getByRole('button', { name: 'Luo uusi osoite' }).click();
      await section.locator('code').waitFor();
      expect(await section.locator('code').innerText()).not.toBe(first);
      expect((await fetch(first)).status).toBe(404);
    });
  });
});
