import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { memoFixture } from '../support/memoFixture';
import { seriousAxeViolations } from './support/axe';
import { inFreshContext, logInFinnish, useDemoServerAndBrowser } from './support/browser';

// Documents on agenda items in the browser, in Finnish (issue 19): a representative adds a
// confidential PDF to an item and sees the upload refused for a program renamed .pdf; a reader
// of a party sees only that a confidential document exists, never its name.

const SECRET_NAME = 'KANARIA-selain-liite.pdf';
const SHARED_NAME = 'Talousarvion raamit.pdf';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');

describe('documents on agenda items in the browser', () => {
  const env = useDemoServerAndBrowser();

  it('a representative adds documents to an item; a reader sees a confidential one only as a marker', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, []);
    const meeting = await f.newMeeting('Liitteiden kokous');
    const meetingPath = `/groups/${f.groupId}/meetings/${meeting.id}`;

    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, url, 'kesk.edustaja@demo.example', DEMO_PASSWORD);
      await page.goto(`${url}${meetingPath}`);
      const item = page.locator('.agenda-view > li').first();
      await item.getByText('Ei liitteitä.').waitFor();

      await item.getByLabel('Valitse tiedosto').setInputFiles({
        name: SECRET_NAME,
        mimeType: 'application/pdf',
        buffer: pdf('salainen'),
      });
      await item.getByLabel('Luottamuksellisuus').selectOption('confidential');
      await item.getByRole('button', { name: 'Lisää liite' }).click();
      await item.getByRole('link', { name: SECRET_NAME }).waitFor();

      await item.getByLabel('Valitse tiedosto').setInputFiles({
        name: 'ohjelma.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
      });
      await item.getByRole('button', { name: 'Lisää liite' }).click();
      await item
        .getByRole('alert')
        .getByText('Tiedostoa ei voi lisätä.', { exact: false })
        .waitFor();

      await item.getByLabel('Valitse tiedosto').setInputFiles({
        name: SHARED_NAME,
        mimeType: 'application/pdf',
        buffer: pdf('jaettu'),
      });
      await item.getByLabel('Luottamuksellisuus').selectOption('groups');
      await item.getByRole('button', { name: 'Lisää liite' }).click();
      await item.getByRole('link', { name: SHARED_NAME }).waitFor();
      expect(await seriousAxeViolations(page, 'agenda documents for a representative')).toEqual([]);
    });

    await inFreshContext(env.browser, async (reader) => {
      await logInFinnish(reader, url, 'sdp.lukija1@demo.example', DEMO_PASSWORD);
      await reader.goto(`${url}${meetingPath}`);
      const item = reader.locator('.agenda-view > li').first();
      await item.getByRole('link', { name: SHARED_NAME }).waitFor();
      await item.getByText('Luottamuksellinen liite', { exact: false }).waitFor();
      expect(await item.getByRole('button', { name: 'Lisää liite' }).count()).toBe(0);
      expect(await reader.content()).not.toContain('KANARIA');
    });
  });
});
