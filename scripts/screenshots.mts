// `npm run screenshots`: the README's pictures, retaken from scratch. Builds the client, starts the
// server on 127.0.0.1 with a throwaway data directory, seeds a realistic negotiation through the
// real API and collab protocol (test/support/realisticMemo.ts), photographs the meeting room at
// 1366, 1024 and 390 px as a party representative (with a second person in the memo, so a caret
// shows) and the approved memo as a party group's reader, writes docs/screenshots/*.png, and
// removes everything else it made. Not part of `npm test`: it writes docs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../server/env';
import { createLogger } from '../server/logger';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo';
import { startServer } from '../server/server';
import { launchBrowser } from '../test/browser/support/chromium';
import { REPRESENTATIVES } from '../test/support/consentParties';
import { memoFixture } from '../test/support/memoFixture';
import { GROUP_TITLE, seedRealisticNegotiation } from '../test/support/realisticMemo';
import { buildClient } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'docs/screenshots');
const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
];

async function openAs(browser: Browser, url: string, email: string, width = 1366, height = 768) {
  const context = await browser.newContext({
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
    viewport: { width, height },
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Salasana').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.getByRole('heading', { level: 1, name: GROUP_TITLE }).waitFor();
  return page;
}

/**
 * The viewport (or the whole page), mouse out of the way, to docs/screenshots/`name`.png, once
 * two shots 300 ms apart are the same: the side panel's summary follows the memo at most every
 * 250 ms, so a picture taken as the stances arrive would contradict itself.
 */
async function shoot(page: Page, name: string, fullPage = false) {
  await page.mouse.move(0, 0);
  const file = path.join(out, `${name}.png`);
  let previous: Buffer | undefined;
  for (let attempt = 0; attempt < 20; attempt++) {
    const shot = await page.screenshot({ animations: 'disabled', fullPage });
    if (previous?.equals(shot)) {
      fs.writeFileSync(file, shot);
      console.info(`screenshots: ${path.relative(root, file)}`);
      return;
    }
    previous = shot;
    await page.waitForTimeout(300);
  }
  throw new Error(`${name}: the page kept changing`);
}

// The client the server serves, as `npm run build` leaves it.
await buildClient();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-screenshots-'));
const config = loadConfig({
  NODE_ENV: 'development',
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
});
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let browser: Browser | undefined;
try {
  server = await startServer(config, createLogger('warn'), {
    clientDir: path.join(root, 'dist/client'),
  });
  // The demo's people and parties (the real parties' short names), renamed to the negotiation.
  await seedDemo(server.ctx.repos);
  const f = await memoFixture(server, ['sihteeri', ...REPRESENTATIVES]);
  const { approvedId, liveId } = await seedRealisticNegotiation(server.url, f);
  const room = `${server.url}/groups/${f.groupId}/meetings/${liveId}/memo`;
  browser = await launchBrowser();

  // Someone else writing in item 2: their caret is what the representative sees move.
  const other = await openAs(browser, server.url, 'sdp.edustaja@demo.example');
  await other.goto(room);
  await other.getByText('Ryhmät keskustelivat').click();
  await other.keyboard.press('End');

  fs.mkdirSync(out, { recursive: true });
  for (const { width, height } of WIDTHS) {
    const page = await openAs(browser, server.url, 'kesk.edustaja@demo.example', width, height);
    await page.goto(room);
    // The other person's caret; the room is still worth a picture if its markup has changed.
    await page
      .locator('.collab-caret')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => console.warn(`screenshots: no caret in the room at ${width} px`));
    await page.getByText('Ryhmät keskustelivat').scrollIntoViewIfNeeded();
    await shoot(page, `meeting-room-${width}`);
    await page.context().close();
  }

  const reader = await openAs(browser, server.url, 'vihr.lukija1@demo.example');
  await reader.goto(`${server.url}/groups/${f.groupId}/meetings/${approvedId}/versions/1`);
  await reader.getByRole('heading', { level: 2, name: /^2\. Koulukiinteistöjen/ }).waitFor();
  await reader.getByRole('heading', { level: 2, name: '3. Luottamuksellinen asia' }).waitFor();
  await shoot(reader, 'approved-memo-reader-1366', true);
} finally {
  await browser?.close();
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
