// Every screen at a laptop's, a tablet's and a phone's width, with the longest content people
// type: nothing may make the page wider than the screen, and on a phone the memo starts on the
// first screen.
import type { BrowserContext, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo, writeRoom } from '../support/memoWriter';
import { statementFragment, statementRoomName } from '../../shared/statements/format';
import { paragraph } from '../unit/memo/build';
import { seriousAxeViolations } from './support/axe';
import { CHAIR_EMAIL, useDemoServerAndBrowser } from './support/browser';

/** One word of 272 letters: what a pasted link or a run of characters looks like to the layout. */
const LONG_WORD = `Pitkä${'sana'.repeat(66)}Loppu${'x'.repeat(2)}`;
const LONG_TITLE = `Talousarvioneuvottelu ${LONG_WORD}`;
const LONG_PARTY =
  'Äänekosken kaupunginvaltuuston sitoutumattomien ja riippumattomien valtuutettujen yhteinen valtuustoryhmä';

const PHONE_WIDTH = 390;
const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
  { width: PHONE_WIDTH, height: 844 },
] as const;

interface Seeded {
  f: MemoFixture;
  /** An approved meeting (version 1) and one in progress, both with the long title. */
  approvedId: string;
  liveId: string;
  /** The same with an ordinary title, where the memo must start on the first screen. */
  ordinaryApprovedId: string;
  ordinaryLiveId: string;
  statementId: string;
  invitePath: string;
}

/** A paragraph with the long word at the end of the meeting's first item (after its title). */
async function writeLongWord(url: string, f: MemoFixture, meetingId: string) {
  await writeRoom(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'), (doc) => {
    const section = memoFragment(doc).get(0) as Y.XmlElement;
    section.insert(section.length, [
      paragraph(`Kohdassa mainittu tunnus ${LONG_WORD} kirjataan.`, 'groups'),
    ]);
  });
}

async function seed(server: { url: string }): Promise<Seeded> {
  const url = server.url;
  const f = await memoFixture(server, [
    'sihteeri',
    'kesk.edustaja',
    'sdp.edustaja',
    'kok.edustaja',
  ]);
  const chair = f.clients.puheenjohtaja!;
  const party = await chair.post(`/api/groups/${f.groupId}/parties`, {
    name: LONG_PARTY,
    shortName: 'SITOUTUMATON',
    colour: '#445566',
  });
  expect(party.status).toBe(201);

  // The long word goes into the place of the long-titled meetings only: the "ordinary" ones are
  // where the memo must start on a phone's first screen.
  const newMeeting = async (title = LONG_TITLE) => {
    const created = await chair.post(`/api/groups/${f.groupId}/meetings`, {
      title,
      startsAt: '2026-12-07T17:00:00+02:00',
      location: title === LONG_TITLE ? `Kaupungintalo, ${LONG_WORD}` : 'Kaupungintalo, sali 2',
      agenda: [{ title: `Kouluverkko ${LONG_WORD}` }, { title: 'Talousarvio 2027' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await chair.post(`/api/meetings/${id}/status`, { status: 'in_progress' })).status).toBe(
      200,
    );
    return id;
  };
  const approvedId = await newMeeting();
  await writeMemo(url, f, approvedId, 'asettelu');
  await writeLongWord(url, f, approvedId);
  expect((await chair.post(`/api/meetings/${approvedId}/approval`, {})).status).toBe(201);
  const liveId = await newMeeting();
  await writeLongWord(url, f, liveId);
  await writeMemo(url, f, liveId, 'elava');
  const ordinaryApprovedId = await newMeeting('Talousarvioneuvottelu');
  await writeMemo(url, f, ordinaryApprovedId, 'tavallinen');
  expect((await chair.post(`/api/meetings/${ordinaryApprovedId}/approval`, {})).status).toBe(201);
  const ordinaryLiveId = await newMeeting('Kouluverkkoneuvottelu');
  await writeMemo(url, f, ordinaryLiveId, 'tavallinen-elava');

  const statement = await f.clients.sihteeri!.post(`/api/groups/${f.groupId}/statements`, {
    title: LONG_TITLE,
  });
  expect(statement.status).toBe(201);
  const statementId = statement.body.id as string;
  await writeRoom(url, statementRoomName(statementId), f.cookie('sihteeri'), (doc) =>
    statementFragment(doc).insert(0, [paragraph(`Ryhmät ovat yhtä mieltä: ${LONG_WORD}.`)]),
  );
  const consent = await f.clients.sihteeri!.post(`/api/statements/${statementId}/consent`, {
    deadline: '2099-06-01T12:00:00+03:00',
  });
  expect(consent.status).toBe(200);

  const invitation = await chair.post(`/api/groups/${f.groupId}/invitations`, {
    email: 'asettelu.kutsu@example.fi',
    role: 'reader',
    partyId: party.body.id,
  });
  expect(invitation.status).toBe(201);
  const link = new URL(invitation.body.link as string);
  return {
    f,
    approvedId,
    liveId,
    ordinaryApprovedId,
    ordinaryLiveId,
    statementId,
    invitePath: `${link.pathname}${link.hash}`,
  };
}

/**
 * The page's width beyond the viewport, and the elements that stick out the most (deepest first
 * would name the cause; the widest names the culprit's box).
 */
async function overflow(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const describe = (el: Element) => {
      const classes = Array.from(el.classList).slice(0, 3).join('.');
      return `${el.tagName.toLowerCase()}${classes ? `.${classes}` : ''}`;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= limit + 1) continue;
      // Report an element only when its parent does not stick out as far: the outermost cause.
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && parent.right >= box.right - 1) continue;
      offenders.push(`${describe(el)} right=${Math.round(box.right)}`);
    }
    // What makes the page as wide as it is: the deepest elements reaching its scroll width (an
    // element clipped by a scrolling box may stick out above without widening the page).
    const scrollWidth = document.documentElement.scrollWidth;
    const widest = Array.from(document.body.querySelectorAll('*'))
      .filter((el) => el.getBoundingClientRect().right >= scrollWidth - 1)
      .slice(-3)
      .map((el) => `widest ${describe(el)}`);
    return { scrollWidth, offenders: [...offenders.slice(0, 8), ...widest] };
  });
}

interface Screen {
  name: string;
  path: string;
  /** Resolves when the screen shows its content (not a loading notice). */
  ready(page: Page): Promise<unknown>;
  /** The memo's first item, which must start on the first screen. */
  firstItem?: string;
}

const heading = (page: Page) => page.locator('h1').first().waitFor();
const loaded = (page: Page) =>
  page.waitForFunction(() => document.querySelectorAll('p.loading').length === 0);

function publicScreens(s: Seeded): Screen[] {
  return [
    { name: 'login', path: '/login', ready: heading },
    { name: 'forgot password', path: '/forgot-password', ready: heading },
    { name: 'reset password', path: '/reset-password#token=vanhentunut', ready: heading },
    {
      name: 'accept invitation',
      path: s.invitePath,
      ready: (page) => page.getByLabel('Salasana uudelleen').waitFor(),
    },
  ];
}

function chairScreens(s: Seeded): Screen[] {
  const group = `/groups/${s.f.groupId}`;
  const ready = async (page: Page) => {
    await heading(page);
    await loaded(page);
  };
  return [
    { name: 'group home', path: group, ready },
    { name: 'meetings list', path: `${group}/meetings`, ready },
    { name: 'new meeting', path: `${group}/meetings/new`, ready },
    {
      name: 'approved meeting page',
      path: `${group}/meetings/${s.approvedId}`,
      ready: async (page) => {
        await ready(page);
        await page
          .getByRole('region', { name: 'Hyväksytyt versiot' })
          .getByRole('link')
          .first()
          .waitFor();
      },
    },
    {
      name: 'meeting page in progress',
      path: `${group}/meetings/${s.liveId}`,
      ready: async (page) => {
        await ready(page);
        await page.getByRole('region', { name: 'Muistion hyväksyminen' }).waitFor();
      },
    },
    {
      name: 'meeting room',
      path: `${group}/meetings/${s.liveId}/memo`,
      ready: (page) =>
        page.locator('.memo-section-content', { hasText: 'Pitkäsana' }).first().waitFor(),
    },
    {
      name: 'meeting room, ordinary title',
      path: `${group}/meetings/${s.ordinaryLiveId}/memo`,
      ready: (page) =>
        page.locator('.memo-section-content', { hasText: 'Julkinen-tavallinen-elava' }).waitFor(),
      firstItem: '.memo-section',
    },
    {
      name: 'version',
      path: `${group}/meetings/${s.approvedId}/versions/1`,
      ready: async (page) => {
        await page.locator('.memo-doc-section', { hasText: 'Pitkäsana' }).first().waitFor();
        await loaded(page);
      },
    },
    {
      name: 'version, ordinary title',
      path: `${group}/meetings/${s.ordinaryApprovedId}/versions/1`,
      ready: async (page) => {
        await page.locator('.memo-doc-section').first().waitFor();
        await loaded(page);
      },
      firstItem: '.memo-doc-section',
    },
    { name: 'memos', path: `${group}/memos`, ready },
    { name: 'statements', path: `${group}/statements`, ready },
    {
      name: 'statement in consent',
      path: `${group}/statements/${s.statementId}`,
      ready: async (page) => {
        await ready(page);
        await page.getByRole('region', { name: 'Puolueiden suostumukset' }).waitFor();
      },
    },
    {
      name: 'admin',
      path: `${group}/admin`,
      ready: async (page) => {
        await ready(page);
        await page.getByRole('table', { name: 'Jäsenet' }).waitFor();
      },
    },
    { name: 'audit', path: `${group}/audit`, ready },
    { name: 'profile', path: '/profile', ready },
  ];
}

async function logIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Sähköposti').fill(CHAIR_EMAIL);
  await page.getByLabel('Salasana').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.locator('h1').first().waitFor();
  await page.waitForURL((target) => !target.pathname.startsWith('/login'));
}

describe('layout at laptop, tablet and phone widths', () => {
  const env = useDemoServerAndBrowser();
  // Seeded once for the file, by whichever test runs first.
  let seeding: Promise<Seeded> | undefined;
  const seededOnce = () => (seeding ??= seed(env.server));

  it('no screen is wider than the window, and on a phone the memo starts on the first screen', async () => {
    const started = Date.now();
    const seeded = await seededOnce();
    const found: string[] = [];
    const folds: string[] = [];
    const check = async (page: Page, screen: Screen, width: number) => {
      await page.goto(`${env.server.url}${screen.path}`);
      await screen.ready(page);
      const measured = await overflow(page);
      if (measured.scrollWidth > width)
        found.push(
          `${screen.name} @${width}: ${measured.scrollWidth}px wide — ${measured.offenders.join(', ')}`,
        );
      if (screen.firstItem) {
        const top = await page
          .locator(screen.firstItem)
          .first()
          .evaluate((el) => el.getBoundingClientRect().top);
        folds.push(`${screen.name} @${width}: first item at ${Math.round(top)} px`);
        if (top >= (page.viewportSize()?.height ?? 0))
          found.push(`${screen.name} @${width}: the memo's first item starts below the fold`);
      }
    };
    for (const { width, height } of WIDTHS) {
      const context: BrowserContext = await env.browser.newContext({
        locale: 'fi-FI',
        timezoneId: 'Europe/Helsinki',
        viewport: { width, height },
      });
      context.setDefaultTimeout(15_000);
      try {
        const page = await context.newPage();
        for (const screen of publicScreens(seeded)) await check(page, screen, width);
        await logIn(page, env.server.url);
        for (const screen of chairScreens(seeded)) await check(page, screen, width);
      } finally {
        await context.close();
      }
    }
    console.info(`layout: ${WIDTHS.length} widths checked in ${Date.now() - started} ms`);
    console.info(`layout: ${folds.join('; ')}`);
    expect(found).toEqual([]);
  });

  // The same markup as at other widths, with what only a phone shows (the scrolling menu, tables
  // scrolling in their box); accessibility.test.ts and the feature tests check the laptop.
  it('at a phone width no screen has serious or critical axe findings', async () => {
    const seeded = await seededOnce();
    const context = await env.browser.newContext({
      locale: 'fi-FI',
      timezoneId: 'Europe/Helsinki',
      viewport: { width: PHONE_WIDTH, height: 844 },
    });
    context.setDefaultTimeout(15_000);
    const found: string[] = [];
    try {
      const page = await context.newPage();
      const check = async (screen: Screen) => {
        await page.goto(`${env.server.url}${screen.path}`);
        await screen.ready(page);
        found.push(...(await seriousAxeViolations(page, `${screen.name} @${PHONE_WIDTH}`)));
      };
      for (const screen of publicScreens(seeded)) await check(screen);
      await logIn(page, env.server.url);
      for (const screen of chairScreens(seeded)) await check(screen);
    } finally {
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it('a browser in New York shows and takes times in Finnish time', async () => {
    const context = await env.browser.newContext({
      locale: 'fi-FI',
      timezoneId: 'America/New_York',
    });
    context.setDefaultTimeout(15_000);
    try {
      const page = await context.newPage();
      // The browser really is in New York: 16.00 UTC is 11.00 there.
      expect(await page.evaluate(() => new Date('2027-01-11T16:00:00Z').getHours())).toBe(11);
      await logIn(page, env.server.url);
      await page.getByRole('navigation').getByRole('link', { name: 'Kokoukset' }).click();
      await page.getByRole('link', { name: 'Uusi kokous' }).click();
      const title = 'Aikavyöhykeneuvottelu';
      await page.getByLabel('Otsikko', { exact: true }).fill(title);
      await page.getByLabel('Alkamisaika').fill('2027-01-11T18:00');
      await page
        .getByRole('group', { name: 'Asia 1' })
        .getByLabel('Asian otsikko')
        .fill('Kaavoitus');
      await page.getByRole('button', { name: 'Luo kokous' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();

      // Stored as 18.00 in Helsinki (UTC+2 in January)…
      const meetingId = new URL(page.url()).pathname.split('/').pop() ?? '';
      const stored = await page.request.get(`${env.server.url}/api/meetings/${meetingId}`);
      expect(((await stored.json()) as { startsAt: string }).startsAt).toBe(
        '2027-01-11T16:00:00.000Z',
      );
      // …shown as 18.00, and offered as 18.00 again when the meeting is edited.
      await page.getByText('maanantai 11. tammikuuta 2027 klo 18.00').waitFor();
      await page.getByRole('button', { name: 'Muokkaa kokousta' }).click();
      expect(await page.getByLabel('Alkamisaika').inputValue()).toBe('2027-01-11T18:00');
    } finally {
      await context.close();
    }
  });
});
