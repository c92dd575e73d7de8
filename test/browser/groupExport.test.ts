import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { readZip } from '../support/zipEntries';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

// Issue 17, item 5: the chair finds the group export on the administration page, is told which
// edition it is, and the zip downloads.

describe('the group export on the administration page', () => {
  const env = useDemoServerAndBrowser();

  it('offers the chair the negotiators’ edition and downloads the zip', async () => {
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, env.server.url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.getByRole('navigation').getByRole('link', { name: 'Ylläpito' }).click();
      const section = page.getByRole('region', { name: 'Ryhmän vienti' });
      await section.getByText('Neuvottelijoiden painos: luottamukselliset osat').waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        section.getByRole('link', { name: 'Lataa ryhmän vienti (zip)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(
        /^aanekosken-neuvotteluryhma-\d{4}-\d{2}-\d{2}\.zip$/,
      );
      const entries = await readZip(await readFile(await download.path()));
      expect([...entries.keys()]).toEqual(expect.arrayContaining(['README.txt', 'group.json']));
      expect(JSON.parse(entries.get('group.json')!.toString('utf8')).audience).toBe('negotiators');
    });
  });
});
