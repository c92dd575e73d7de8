// Every screen at a laptop's, a tablet's and a phone's width, with the longest content people
// type, for everyone who uses it (no login, chair, party representative, reader, administrator):
// nothing may make the page wider than the screen, axe finds nothing serious, and on a phone the
// memo starts on the first screen.
import type { BrowserContext, Page } from 'playwright-core';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { consentAs, REPRESENTATIVES } from '../support/consentParties';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo, writeRoom } from '../support/memoWriter';
import { statementFragment, statementRoomName } from '../../shared/statements/format';
import { paragraph } from '../unit/memo/build';
import { seriousAxeViolations } from './support/axe';
import type { TestServer } from '../support/testServer';
import { CHAIR_EMAIL, useDemoServerAndBrowser } from './support/browser';

const REPRESENTATIVE_EMAIL = 'kesk.edustaja@demo.example';
const READER_EMAIL = 'vihr.lukija1@demo.example';
const ADMIN_EMAIL = 'yllapito@demo.example';
/** The third item of the ordinary approved meeting: withheld from readers, kept by its number. */
const WITHHELD_TITLE = 'Luottamuksellinen tonttikauppa';

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
  /**
   * The same with an ordinary title, where the memo must start on the first screen; the approved
   * one has a confidential third item that readers see withheld.
   */
  ordinaryApprovedId: string;
  ordinaryLiveId: string;
  /** A statement in consent (every party asked) and one released (on the public page). */
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

/** A statement with the long word that every party consents to: the public page shows it. */
async function releaseStatement(url: string, f: MemoFixture) {
  const created = await f.clients.sihteeri!.post(`/api/groups/${f.groupId}/statements`, {
    title: `Yhteinen kannanotto ${LONG_WORD}`,
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await writeRoom(url, statementRoomName(id), f.cookie('sihteeri'), (doc) =>
    statementFragment(doc).insert(0, [paragraph(`Julkaistava teksti: ${LONG_WORD}.`)]),
  );
  const consent = await f.clients.sihteeri!.post(`/api/statements/${id}/consent`, {
    deadline: '2099-06-01T12:00:00+03:00',
  });
  expect(consent.status).toBe(200);
  // A statement's consent request has the statement's id.
  for (const who of REPRESENTATIVES) await consentAs(f, who, id);
}

/** Text in the meeting's third item, which is confidential: readers get its number only. */
async function writeWithheldItem(url: string, f: MemoFixture, meetingId: string) {
  await writeRoom(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'), (doc) => {
    const section = memoFragment(doc).get(2) as Y.XmlElement;
    expect(section.getAttribute(MEMO_ATTRS.confidentiality)).toBe('confidential');
    section.insert(section.length, [paragraph('Kauppahinnasta neuvotellaan edelleen.')]);
  });
}

async function seed(server: TestServer): Promise<Seeded> {
  const url = server.url;
  const f = await memoFixture(server, ['sihteeri', ...REPRESENTATIVES]);
  const chair = f.clients.puheenjohtaja!;
  // Released while the seven demo parties are all there are (a new party would be asked too).
  await releaseStatement(url, f);
  await f.addAdmin(ADMIN_EMAIL);
  const party = await chair.post(`/api/groups/${f.groupId}/parties`, {
    name: LONG_PARTY,
    shortName: 'SITOUTUMATON',
    colour: '#445566',
  });
  expect(party.status).toBe(201);

  // The long word goes into the place of the long-titled meetings only: the "ordinary" ones are
  // where the memo must start on a phone's first screen.
  const newMeeting = async (title = LONG_TITLE, withheld = false) => {
    const created = await chair.post(`/api/groups/${f.groupId}/meetings`, {
      title,
      startsAt: '2026-12-07T17:00:00+02:00',
      location: title === LONG_TITLE ? `Kaupungintalo, ${LONG_WORD}` : 'Kaupungintalo, sali 2',
      agenda: [
        { title: `Kouluverkko ${LONG_WORD}` },
        { title: 'Talousarvio 2027' },
        ...(withheld ? [{ title: WITHHELD_TITLE, confidentiality: 'confidential' }] : []),
      ],
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
  // A second version, for the comparison of the two.
  const reopened = await chair.post(`/api/meetings/${approvedId}/reopen`, {
    reason: `Korjataan ${LONG_WORD}`,
  });
  expect(reopened.status).toBe(200);
  await writeLongWord(url, f, approvedId);
  expect((await chair.post(`/api/meetings/${approvedId}/approval`, {})).status).toBe(201);
  const liveId = await newMeeting();
  await writeLongWord(url, f, liveId);
  await writeMemo(url, f, liveId, 'elava');
  const ordinaryApprovedId = await newMeeting('Talousarvioneuvottelu', true);
  await writeMemo(url, f, ordinaryApprovedId, 'tavallinen');
  await writeWithheldItem(url, f, ordinaryApprovedId);
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

const ready = async (page: Page) => {
  await heading(page);
  await loaded(page);
};

/** What anyone may open without logging in. */
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
    {
      name: 'public page with a released statement',
      path: `/julkinen/${s.f.groupId}`,
      ready: (page) => page.getByText('Julkaistava teksti').waitFor(),
    },
  ];
}

/** The live meeting room, ready when the long word in the first item shows. */
const liveRoom = (s: Seeded, name: string): Screen => ({
  name,
  path: `/groups/${s.f.groupId}/meetings/${s.liveId}/memo`,
  ready: (page) =>
    page.locator('.memo-section-content', { hasText: 'Pitkäsana' }).first().waitFor(),
});

/** The statement in consent, ready when its parties' answers show. */
const statementInConsent = (s: Seeded, name: string): Screen => ({
  name,
  path: `/groups/${s.f.groupId}/statements/${s.statementId}`,
  ready: async (page) => {
    await ready(page);
    await page.getByRole('region', { name: 'Puolueiden suostumukset' }).waitFor();
  },
});

/** The long-titled approved version, ready when the memo's long word shows. */
const approvedVersion = (s: Seeded, name: string): Screen => ({
  name,
  path: `/groups/${s.f.groupId}/meetings/${s.approvedId}/versions/1`,
  ready: async (page) => {
    await page.locator('.memo-doc-section', { hasText: 'Pitkäsana' }).first().waitFor();
    await loaded(page);
  },
});

function chairScreens(s: Seeded): Screen[] {
  const group = `/groups/${s.f.groupId}`;
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
    liveRoom(s, 'meeting room'),
    {
      name: 'meeting room, ordinary title',
      path: `${group}/meetings/${s.ordinaryLiveId}/memo`,
      ready: (page) =>
        page.locator('.memo-section-content', { hasText: 'Julkinen-tavallinen-elava' }).waitFor(),
      firstItem: '.memo-section',
    },
    approvedVersion(s, 'version'),
    {
      name: 'version, ordinary title',
      path: `${group}/meetings/${s.ordinaryApprovedId}/versions/1`,
      ready: async (page) => {
        await page.locator('.memo-doc-section').first().waitFor();
        await loaded(page);
      },
      firstItem: '.memo-doc-section',
    },
    {
      name: 'comparison of two versions',
      path: `${group}/meetings/${s.approvedId}/versions/1/compare/2`,
      ready: async (page) => {
        await page.getByRole('heading', { level: 1, name: /^Versioiden vertailu/ }).waitFor();
        await loaded(page);
      },
    },
    {
      name: 'print page',
      path: `/api/meetings/${s.approvedId}/versions/1/print`,
      ready: heading,
    },
    { name: 'memos', path: `${group}/memos`, ready },
    { name: 'statements', path: `${group}/statements`, ready },
    statementInConsent(s, 'statement in consent'),
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
    {
      name: 'unknown meeting',
      path: `${group}/meetings/00000000-0000-4000-8000-000000000000`,
      ready,
    },
    { name: 'unknown page', path: '/ei-tallaista-sivua', ready },
  ];
}

/** A party's representative: their own stances in the room, their party's answer to consent. */
function representativeScreens(s: Seeded): Screen[] {
  return [
    { name: 'representative: group home', path: `/groups/${s.f.groupId}`, ready },
    liveRoom(s, 'representative: meeting room'),
    {
      ...statementInConsent(s, 'representative: consent answer'),
      ready: (page) => page.getByRole('form', { name: /^Vastaa puolueen puolesta/ }).waitFor(),
    },
  ];
}

/** A party group's reader: the approved memo with the confidential item withheld. */
function readerScreens(s: Seeded): Screen[] {
  const meeting = `/groups/${s.f.groupId}/meetings/${s.ordinaryApprovedId}`;
  return [
    { name: 'reader: group home', path: `/groups/${s.f.groupId}`, ready },
    { name: 'reader: memos', path: `/groups/${s.f.groupId}/memos`, ready },
    {
      name: 'reader: meeting page',
      path: meeting,
      ready: async (page) => {
        await ready(page);
        await page.getByRole('link', { name: 'Lue muistio', exact: true }).waitFor();
      },
    },
    {
      name: 'reader: version with a withheld item',
      path: `${meeting}/versions/1`,
      ready: async (page) => {
        await page.getByRole('heading', { level: 2, name: '3. Luottamuksellinen asia' }).waitFor();
        await loaded(page);
      },
      firstItem: '.memo-doc-section',
    },
    {
      name: 'reader: print page with a withheld item',
      path: `/api/meetings/${s.ordinaryApprovedId}/versions/1/print`,
      ready: heading,
    },
    { name: 'reader: memo note', path: `${meeting}/memo`, ready },
    approvedVersion(s, 'reader: version'),
  ];
}

/** The group's administrator: members, invitations, parties, mail outbox and export. */
function adminScreens(s: Seeded): Screen[] {
  return [
    {
      name: 'administrator: admin',
      path: `/groups/${s.f.groupId}/admin`,
      ready: async (page) => {
        await ready(page);
        await page.getByRole('table', { name: 'Jäsenet' }).waitFor();
        await page.locator('#mail-heading').waitFor();
        await page.locator('#group-export-heading').waitFor();
      },
    },
  ];
}

/** Who opens the screens: one browser context each, logged in as `email` (none: no login). */
const AUDIENCES: { email?: string; screens(s: Seeded): Screen[] }[] = [
  { screens: publicScreens },
  { email: CHAIR_EMAIL, screens: chairScreens },
  { email: REPRESENTATIVE_EMAIL, screens: representativeScreens },
  { email: READER_EMAIL, screens: readerScreens },
  { email: ADMIN_EMAIL, screens: adminScreens },
];

async function logIn(page: Page, baseUrl: string, email = CHAIR_EMAIL) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Sähköposti').fill(email);
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

  // One walk per width checks each screen twice over: its width and axe (one page load for both).
  it.each(WIDTHS)(
    'at $width px no screen is wider than the window or has serious axe findings, and the memo starts on the first screen',
    async ({ width, height }) => {
      const seeded = await seededOnce();
      const started = Date.now();
      const wide: string[] = [];
      const axe: string[] = [];
      const folds: string[] = [];
      let screens = 0;
      const check = async (page: Page, screen: Screen) => {
        await page.goto(`${env.server.url}${screen.path}`);
        await screen.ready(page);
        screens += 1;
        const measured = await overflow(page);
        if (measured.scrollWidth > width)
          wide.push(
            `${screen.name} @${width}: ${measured.scrollWidth}px wide — ${measured.offenders.join(', ')}`,
          );
        if (screen.firstItem) {
          const top = await page
            .locator(screen.firstItem)
            .first()
            .evaluate((el) => el.getBoundingClientRect().top);
          folds.push(`${screen.name}: first item at ${Math.round(top)} px`);
          if (top >= height) wide.push(`${screen.name} @${width}: the memo starts below the fold`);
        }
        axe.push(...(await seriousAxeViolations(page, `${screen.name} @${width}`)));
      };
      for (const audience of AUDIENCES) {
        const context: BrowserContext = await env.browser.newContext({
          locale: 'fi-FI',
          timezoneId: 'Europe/Helsinki',
          viewport: { width, height },
        });
        context.setDefaultTimeout(15_000);
        try {
          const page = await context.newPage();
          if (audience.email) await logIn(page, env.server.url, audience.email);
          for (const screen of audience.screens(seeded)) await check(page, screen);
        } finally {
          await context.close();
        }
      }
      console.info(
        `layout @${width}: ${screens} screens for ${AUDIENCES.length} audiences in ${Date.now() - started} ms; ${folds.join('; ')}`,
      );
      expect({ wide, axe }).toEqual({ wide: [], axe: [] });
    },
    // Seeding (with the first width) and 35 screens with axe: 90 s a width with the two cores at a
    // load of 12, so room to spare when the whole suite runs.
    300_000,
  );

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
