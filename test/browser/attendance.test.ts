import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { Group, Me, Meeting, Member } from '../../shared/api/types';
import { CSRF_HEADER } from '../../shared/errors';
import { seriousAxeViolations } from './support/axe';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

// Issue 19, item 4 in the browser, in Finnish: the group's rule on deputies, the deputy order and
// attendance person by person with a deputy substituting, by keyboard, axe clean, on a phone.

const PHONE_WIDTH = 390;

describe('who attends and who speaks', () => {
  const env = useDemoServerAndBrowser();

  it('the chair sets the rule and records a deputy substituting, by keyboard, at 390 px too', async () => {
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      const api = (path: string) => `${env.server.url}/api${path}`;
      const me = (await (await page.request.get(api('/me'))).json()) as Me;
      const groupId = me.memberships[0]!.groupId;
      const members = (await (
        await page.request.get(api(`/groups/${groupId}/members`))
      ).json()) as Member[];
      const person = (email: string) => members.find((m) => m.email === email)!;
      const rep = person('kesk.edustaja@demo.example');
      const deputy = person('kesk.varajasen@demo.example');

      // The group's rule, a radio group under its question, saved with the group's details.
      await page.goto(`${env.server.url}/groups/${groupId}/admin`);
      const settings = page.getByRole('region', { name: 'Ryhmän tiedot' });
      const rule = settings.getByRole('group', {
        name: 'Varajäsenet puhuvat puolueen puolesta',
      });
      expect(await rule.getByRole('radio', { name: 'aina' }).isChecked()).toBe(true);
      await rule.getByRole('radio', { name: 'aina' }).focus();
      await page.keyboard.press('ArrowDown');
      expect(await rule.getByRole('radio', { name: 'vain sijaistaessaan' }).isChecked()).toBe(true);
      await settings.getByRole('button', { name: 'Tallenna' }).click();
      await settings.getByText('Tallennettu').waitFor();
      const group = (await (await page.request.get(api(`/groups/${groupId}`))).json()) as Group;
      expect(group.deputiesSpeak).toBe('whenSubstituting');

      // The deputy order lists the party's deputy as its first.
      const order = page.getByRole('region', { name: 'Varajäsenten järjestys' });
      await order.getByText(`1. varajäsen: ${deputy.name}`).first().waitFor();
      expect(await seriousAxeViolations(page, 'admin with deputy order')).toEqual([]);

      // A meeting; its attendance person by person.
      const created = await page.request.post(api(`/groups/${groupId}/meetings`), {
        headers: { [CSRF_HEADER]: '1' },
        data: {
          title: 'Sijaisen kokous',
          startsAt: '2030-11-14T17:00:00+02:00',
          agenda: [{ title: 'Talousarvio' }],
        },
      });
      expect(created.status()).toBe(201);
      const meeting = (await created.json()) as Meeting;
      await page.goto(`${env.server.url}/groups/${groupId}/meetings/${meeting.id}`);
      const attendance = page.getByRole('region', { name: 'Läsnäolo' });
      await attendance.getByText('vain sijaistaessaan', { exact: false }).waitFor();
      const status = attendance.getByLabel(rep.name, { exact: false });
      await status.focus();
      await status.selectOption({ label: 'Poissa, sijainen paikalla' });
      // The first free deputy in the party's order is suggested and chosen.
      const substitute = attendance.getByLabel('Sijainen', { exact: true });
      expect(await substitute.inputValue()).toBe(deputy.userId);
      expect(await substitute.locator('option:checked').innerText()).toContain('ehdotus');
      await substitute.focus();
      await page.keyboard.press('Tab');
      await attendance.getByRole('button', { name: 'Tallenna läsnäolo' }).click();
      await attendance.getByText('Läsnäolo tallennettu.').waitFor();
      await attendance.getByText(`jäsenen ${rep.name} sijaisena`).waitFor();
      const saved = (await (
        await page.request.get(api(`/meetings/${meeting.id}`))
      ).json()) as Meeting;
      expect(saved.people).toContainEqual({
        userId: rep.userId,
        status: 'substituted',
        substituteUserId: deputy.userId,
      });
      expect(await seriousAxeViolations(page, 'attendance person by person')).toEqual([]);

      // On a phone: nothing runs off the side.
      await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
      await attendance.scrollIntoViewIfNeeded();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page, 'attendance at 390 px')).toEqual([]);
    });
  });
});
