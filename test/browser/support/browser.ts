import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../support/testServer';
import { launchBrowser } from './chromium';

/** Run `use` in a fresh browser context (its own cookies and storage), closed afterwards. */
export async function inFreshContext<T>(
  browser: Browser,
  use: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  context.setDefaultTimeout(15_000);
  try {
    return await use(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

export const CHAIR_EMAIL = 'puheenjohtaja@demo.example';
export const GROUP_NAME = 'Äänekosken neuvotteluryhmä';

/** Log in through the Finnish login form and wait for the group's home page. */
export async function logInFinnish(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Salasana').fill(password);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.getByRole('heading', { level: 1, name: GROUP_NAME }).waitFor();
}

/**
 * Resolves once the page's Socket.io connection is accepted (its CONNECT answer): start it before
 * logging in, await it after, so that no live notice sent meanwhile is missed.
 */
export function liveConnectionAccepted(page: Page): Promise<unknown> {
  return page
    .waitForEvent('websocket', (socket) => socket.url().includes('/socket.io/'))
    .then((socket) =>
      socket.waitForEvent('framereceived', (frame) => String(frame.payload).startsWith('40')),
    );
}

/** Wait until the document's language is `lang`. */
export async function waitForHtmlLang(page: Page, lang: string) {
  await page.waitForFunction((expected) => document.documentElement.lang === expected, lang);
}

export interface BrowserTestEnv {
  server: TestServer;
  browser: Browser;
}

/** For a test file: a server with the demo group and one Chromium, both closed after the file. */
export function useDemoServerAndBrowser(): BrowserTestEnv {
  const env = {} as BrowserTestEnv;
  beforeAll(async () => {
    env.server = await startTestServer({ seedDemo: true });
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    // Either may be missing when beforeAll failed half-way.
    await (env.browser as Browser | undefined)?.close();
    await (env.server as TestServer | undefined)?.close();
  });
  return env;
}
