import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/passwords';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { ConsentView } from '../../shared/api/consent';
import type { Role } from '../../shared/roles';
import { ApiClient } from '../support/apiClient';
import { memoFixture } from '../support/memoFixture';
import { writeMemo } from '../support/memoWriter';
import { readPdf } from '../support/pdfText';
import { seriousAxeViolations } from './support/axe';
import {
  inFreshContext,
  liveConnectionAccepted,
  logInFinnish,
  useDemoServerAndBrowser,
  type BrowserTestEnv,
} from './support/browser';

// A joint statement in the browser (issues 5, 13): a negotiator drafts it live and puts it to
// consent; the representatives of the group's three parties answer, each in a browser of their
// own; the text is locked until "Muokkaa tekstiä" withdraws the consents; put to consent again it
// starts exactly one new round; the public page (no login) lacks every word of it until the last
// consent, and then shows it.

const GROUP = 'Kolmen puolueen neuvotteluryhmä';
const DOMAIN = 'kolme.example';
const PARTIES = [
  { key: 'pun', name: 'Punainen puolue', shortName: 'PUN', colour: '#B00020' },
  { key: 'sin', name: 'Sininen puolue', shortName: 'SIN', colour: '#1D4F7C' },
  { key: 'vih', name: 'Vihreä puolue', shortName: 'VIH', colour: '#1E5B2A' },
] as const;
const SECRETARY = `sihteeri@${DOMAIN}`;
const representative = (key: string) => `${key}.edustaja@${DOMAIN}`;

const TITLE = 'Yhteinen kannanotto uimahallin korjauksesta';
const OPENING = 'Neuvotteluryhmä pitää uimahallin korjaamista ';
const BOLD = 'kiireellisenä';
const CLOSING = ' ja esittää sen rahoittamista ensi vuonna.';
const ADDITION = ' Tarkennus lisättiin toisella kierroksella.';
const TEXT = `${OPENING}${BOLD}${CLOSING}${ADDITION}`;
const OBJECTION = 'Aikataulu on puolueellemme liian tiukka.';
const SAVED = 'Kaikki muutokset tallennettu';

/**
 * A group of its own with exactly three parties, a representative each and a secretary who
 * drafts, set up in the store as the admin CLI would (the demo group has seven parties).
 */
async function threePartyGroup(env: BrowserTestEnv): Promise<string> {
  const repos = env.server.server.ctx.repos;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const group = await repos.groups.create({ name: GROUP, municipality: 'Kolmikunta' });
  const member = async (email: string, name: string, role: Role, partyId: string | null) => {
    const user = await repos.users.create({ email, name, passwordHash, locale: 'fi' });
    await repos.memberships.add({ groupId: group._id, userId: user._id, role, partyId });
  };
  await member(SECRETARY, 'Sanna Sihteeri', 'secretary', null);
  for (const party of PARTIES) {
    const created = await repos.groups.addParty(group._id, {
      name: party.name,
      shortName: party.shortName,
      colour: party.colour,
    });
    await member(
      representative(party.key),
      `${party.shortName} Edustaja`,
      'representative',
      created._id,
    );
  }
  return group._id;
}

/**
 * Log in through the Finnish form and wait for the group's home and for the app's Socket.io
 * connection to be accepted (its CONNECT answer), so that live notices cannot be missed.
 */
async function logIn(page: Page, baseUrl: string, email: string): Promise<void> {
  const connected = liveConnectionAccepted(page);
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Salasana').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  await page.getByRole('heading', { level: 1, name: GROUP }).waitFor();
  await connected;
}

/** The public page's visible text, read without logging in. */
async function publicPageText(env: BrowserTestEnv, groupId: string): Promise<string> {
  return inFreshContext(env.browser, async (page) => {
    const response = await page.goto(`${env.server.url}/julkinen/${groupId}`);
    expect(response?.status()).toBe(200);
    return page.locator('body').innerText();
  });
}

async function newContext(env: BrowserTestEnv): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({
    locale: 'fi-FI',
    timezoneId: 'Europe/Helsinki',
  });
  context.setDefaultTimeout(15_000);
  return { context, page: await context.newPage() };
}

describe('joint statements in the browser', () => {
  const env = useDemoServerAndBrowser();

  it('a statement goes to consent, three parties answer in their own browsers, and the last consent publishes it', async () => {
    const url = env.server.url;
    const groupId = await threePartyGroup(env);
    const opened: BrowserContext[] = [];
    try {
      // The three representatives are in the app before anything is asked of them.
      const representatives: Page[] = [];
      for (const party of PARTIES) {
        const { context, page } = await newContext(env);
        opened.push(context);
        await logIn(page, url, representative(party.key));
        representatives.push(page);
      }
      const [pun, sin, vih] = representatives as [Page, Page, Page];

      // The secretary drafts the statement in the live editor.
      const { context, page: secretary } = await newContext(env);
      opened.push(context);
      await logIn(secretary, url, SECRETARY);
      await secretary.getByRole('navigation').getByRole('link', { name: 'Kannanotot' }).click();
      await secretary.getByRole('heading', { level: 1, name: 'Yhteiset kannanotot' }).waitFor();
      await secretary.getByText('Kannanottoja ei ole vielä.').waitFor();
      expect(await seriousAxeViolations(secretary, 'statement list')).toEqual([]);
      await secretary.getByLabel('Otsikko', { exact: true }).fill(TITLE);
      await secretary.getByRole('button', { name: 'Luo kannanotto' }).click();
      await secretary.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await secretary.locator('.status-badge', { hasText: 'Luonnos' }).waitFor();

      const editor = secretary.getByRole('textbox', { name: 'Kannanoton teksti' });
      await editor.click();
      await secretary.keyboard.type(OPENING);
      const bold = secretary.getByRole('button', { name: 'Lihavointi' });
      await bold.click();
      await secretary.keyboard.type(BOLD);
      await bold.click();
      await secretary.keyboard.type(CLOSING);
      await editor.locator('strong', { hasText: BOLD }).waitFor();
      await secretary.locator('.save-status', { hasText: SAVED }).waitFor();
      expect(await seriousAxeViolations(secretary, 'statement draft')).toEqual([]);

      // A draft is nowhere public.
      for (const word of [TITLE, BOLD])
        expect(await publicPageText(env, groupId)).not.toContain(word);

      // Put to consent with a deadline for the answers.
      await secretary.getByLabel('Vastausten määräaika').fill('2099-06-01T12:00');
      await secretary.getByRole('button', { name: 'Lähetä suostumuskierrokselle' }).click();
      const secretaryPanel = secretary.getByRole('region', { name: 'Puolueiden suostumukset' });
      await secretaryPanel.getByText('0 puoluetta 3 puolueesta on suostunut.').waitFor();
      // The form is gone; focus continues at the panel where the answers will appear.
      await expect
        .poll(() => secretary.evaluate(() => document.activeElement?.textContent))
        .toBe('Puolueiden suostumukset');
      await secretaryPanel.locator('.consent-meta').getByText('Kierros 1').waitFor();
      await secretary
        .locator('.status-badge', { hasText: 'Odottaa suostumusta' })
        .first()
        .waitFor();
      // The secretary speaks for no party: no answer form.
      expect(await secretaryPanel.getByRole('button', { name: 'Lähetä vastaus' }).count()).toBe(0);

      // Each representative is told live, and opens the statement from the notice.
      for (const page of representatives) {
        const notices = page.getByRole('region', { name: 'Ilmoitukset' });
        const notice = notices
          .getByRole('listitem')
          .filter({ hasText: `Kannanotto odottaa puolueesi vastausta: ${TITLE}` });
        await notice.getByText('Määräaika', { exact: false }).waitFor();
        await notice.getByRole('link', { name: /Avaa kannanotto/ }).click();
        await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
        await page.getByRole('region', { name: 'Puolueiden suostumukset' }).waitFor();
      }

      // The first party objects: the reasons are required, and shown to the negotiators.
      const punPanel = pun.getByRole('region', { name: 'Puolueiden suostumukset' });
      await punPanel.getByLabel('Vastustamme').check();
      await punPanel.getByRole('button', { name: 'Lähetä vastaus' }).click();
      await punPanel.getByText('Kirjoita vastustuksen perustelut.').waitFor();
      await punPanel.getByLabel('Perustelu').fill(OBJECTION);
      await punPanel.getByRole('button', { name: 'Lähetä vastaus' }).click();
      await punPanel.getByText('Vastaus tallennettu.').waitFor();
      await secretaryPanel.getByText('1 puolue vastustaa.').waitFor();
      await secretaryPanel.locator('.consent-parties').getByText(OBJECTION).waitFor();

      // It changes its mind; the objection stays in the history.
      await punPanel.getByLabel('Suostumme').check();
      await punPanel.getByRole('button', { name: 'Lähetä vastaus' }).click();
      await punPanel.getByText('1 puolue 3 puolueesta on suostunut.').waitFor();
      await punPanel.getByText('Vastaushistoria (2 vastausta)').click();
      await punPanel.locator('.consent-history').getByText(OBJECTION).waitFor();

      const sinPanel = sin.getByRole('region', { name: 'Puolueiden suostumukset' });
      await sinPanel.getByLabel('Suostumme').check();
      await sinPanel.getByRole('button', { name: 'Lähetä vastaus' }).click();
      await sinPanel.getByText('Vastaus tallennettu.').waitFor();

      // Two of three: the last party's page followed live; nothing is public yet.
      const vihPanel = vih.getByRole('region', { name: 'Puolueiden suostumukset' });
      await vihPanel.getByText('2 puoluetta 3 puolueesta on suostunut.').waitFor();
      expect(await seriousAxeViolations(vih, 'statement in consent')).toEqual([]);
      const before = await publicPageText(env, groupId);
      for (const word of [TITLE, OPENING.trim(), BOLD, CLOSING.trim(), OBJECTION])
        expect(before).not.toContain(word);

      // In consent the words are locked: the parties consent to exactly these.
      await secretary
        .getByText('Teksti on lukittu suostumuskierroksen ajaksi', { exact: false })
        .first()
        .waitFor();
      expect(await editor.getAttribute('contenteditable')).toBe('false');
      const statementId = new URL(secretary.url()).pathname.split('/').at(-1)!;
      const api = new ApiClient(url);
      await api.login(SECRETARY, DEMO_PASSWORD);

      // The secretary changes them deliberately: the confirmation names the two parties whose
      // consent it withdraws (parties created in the same millisecond may be in either order).
      await secretary.getByRole('button', { name: 'Muokkaa tekstiä' }).click();
      await secretary
        .getByText(/Näiden puolueiden suostumukset peruuntuvat: (PUN, SIN|SIN, PUN)\./)
        .waitFor();
      await secretary.getByRole('button', { name: 'Vahvista' }).click();
      await secretary.locator('.status-badge', { hasText: 'Muokattavana' }).first().waitFor();
      await secretary
        .getByText('Kierroksen 1 suostumukset peruuntuivat.', { exact: false })
        .waitFor();
      // The representatives' pages follow live: nothing to answer while it is being edited.
      for (const page of representatives) {
        const panel = page.getByRole('region', { name: 'Puolueiden suostumukset' });
        await panel.getByText('Kannanottoa muokataan.', { exact: false }).waitFor();
      }
      await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
      await editor.click();
      await secretary.keyboard.press('Control+End');
      await secretary.keyboard.type(ADDITION);
      await secretary.locator('.save-status', { hasText: SAVED }).waitFor();
      // A whole sentence typed, batch by batch: still no new round.
      const editing = await api.get<ConsentView>(`/api/consent/${statementId}`);
      expect(editing.body).toMatchObject({ status: 'editing', round: 1 });
      expect(editing.body.rounds).toHaveLength(1);

      // Put to consent again: exactly one new round, every party answering again.
      await secretary.getByRole('button', { name: 'Lähetä uudelle suostumuskierrokselle' }).click();
      await secretaryPanel.locator('.consent-meta').getByText('Kierros 2').waitFor();
      const gate = await api.get<ConsentView>(`/api/consent/${statementId}`);
      expect(gate.body).toMatchObject({ status: 'in_consent', round: 2 });
      for (const page of representatives) {
        const panel = page.getByRole('region', { name: 'Puolueiden suostumukset' });
        await panel.locator('.consent-meta').getByText('Kierros 2').waitFor();
        await panel
          .getByText(/annettiin aiempaan tekstiin: (PUN, SIN|SIN, PUN)\. Kierros 2 on alkanut/)
          .waitFor();
        await panel.getByText('0 puoluetta 3 puolueesta on suostunut.').waitFor();
      }
      for (const [index, panel] of [punPanel, sinPanel].entries()) {
        await panel.getByLabel('Suostumme').check();
        await panel.getByRole('button', { name: 'Lähetä vastaus' }).click();
        await panel
          .getByText(`${index + 1} puolue${index ? 'tta' : ''} 3 puolueesta on suostunut.`)
          .waitFor();
      }
      await vihPanel.getByText('2 puoluetta 3 puolueesta on suostunut.').waitFor();

      // The last consent releases it: every open page shows the frozen text.
      await vihPanel.getByLabel('Suostumme').check();
      await vihPanel.getByRole('button', { name: 'Lähetä vastaus' }).click();
      for (const page of [vih, secretary]) {
        const released = page.getByRole('article');
        await released
          .getByText('Kaikki puolueet ovat suostuneet tähän tekstiin.', { exact: false })
          .waitFor();
        await released.getByText(BOLD).waitFor();
        expect(await released.locator('code').innerText()).toMatch(/^[0-9a-f]{64}$/);
        await page.getByRole('link', { name: 'Lataa PDF' }).waitFor();
        await page.getByRole('link', { name: /Ryhmän julkinen sivu/ }).waitFor();
      }
      await secretary
        .getByRole('region', { name: 'Puolueiden suostumukset' })
        .getByText('Kaikki puolueet ovat suostuneet.')
        .waitFor();
      expect(await seriousAxeViolations(secretary, 'released statement')).toEqual([]);

      // The PDF holds the frozen words.
      const [download] = await Promise.all([
        secretary.waitForEvent('download'),
        secretary.getByRole('link', { name: 'Lataa PDF' }).click(),
      ]);
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pdf = await readPdf(bytes);
      expect(pdf.text).toContain(TITLE);
      expect(pdf.text).toContain(BOLD);

      // Public now: the title and the words, but never the objection's reasons.
      const after = await publicPageText(env, groupId);
      expect(after).toContain(TITLE);
      expect(after).toContain(TEXT);
      expect(after).not.toContain(OBJECTION);

      // The list says so too.
      await secretary.getByRole('link', { name: 'Kaikki kannanotot' }).click();
      const row = secretary.getByRole('row').filter({ hasText: TITLE });
      await row.getByText('Julkaistu', { exact: true }).waitFor();
    } finally {
      for (const context of opened) await context.close();
    }
  });

  it('a negotiator proposes to open a confidential memo item; it reaches readers after the last party consents', async () => {
    const url = env.server.url;
    const demoParties = ['KESK', 'SDP', 'PS', 'KOK', 'VAS', 'KD', 'VIHR'];
    const speaker = (party: string) => `${party.toLowerCase()}.edustaja`;
    const f = await memoFixture(env.server, ['sihteeri', ...demoParties.map(speaker)]);
    const meeting = await f.newMeeting('Avoimuusneuvottelu');
    const chair = f.clients.puheenjohtaja!;
    await chair.post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' });
    const written = await writeMemo(url, f, meeting.id, 'avaus');
    expect((await chair.post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);
    const canary = written.confidential[0]!;
    const versionPath = `/groups/${f.groupId}/meetings/${meeting.id}/versions/1`;

    await inFreshContext(env.browser, async (secretary) => {
      await logInFinnish(secretary, url, 'sihteeri@demo.example', DEMO_PASSWORD);
      await secretary.goto(`${url}${versionPath}`);
      // Approved, not public: publishing its public parts is a proposal of its own.
      const publication = secretary.getByRole('region', { name: 'Julkaiseminen' });
      await publication.getByText('Julkaisemista ei ole ehdotettu.', { exact: false }).waitFor();
      await publication
        .getByRole('button', { name: 'Ehdota julkisten osien julkaisemista' })
        .click();
      await publication.getByText('0 puoluetta 7 puolueesta on suostunut.').waitFor();
      const panel = secretary.getByRole('region', { name: 'Kohtien avaaminen laajemmalle' });
      await panel.getByText('Ehdota kohdan avaamista laajemmalle', { exact: false }).click();
      const item = panel.getByRole('listitem').filter({ hasText: canary });
      await item.getByRole('button', { name: /Ehdota avaamista laajemmalle/ }).click();
      await item.getByText('Luottamuksellinen → Valtuustoryhmille').waitFor();
      await item.getByRole('button', { name: 'Lähetä puolueiden suostuttavaksi' }).click();
      const proposal = panel.getByRole('article').filter({ hasText: canary });
      await proposal.getByText('Odottaa suostumusta').waitFor();
      await proposal.getByText('0 puoluetta 7 puolueesta on suostunut.').waitFor();
      // Once proposed, the item says why it cannot be proposed again.
      await item.getByText('Kohdasta on jo ehdotus puolueiden suostuttavana.').waitFor();
      expect(await seriousAxeViolations(secretary, 'declassification proposal')).toEqual([]);

      // Six parties consent through the API; the seventh answers in its own browser.
      const list = await f.clients.sihteeri!.get(
        `/api/meetings/${meeting.id}/versions/1/declassifications`,
      );
      const requestId = list.body.proposals[0].id as string;
      for (const party of demoParties.filter((name) => name !== 'SDP')) {
        const answered = await f.clients[speaker(party)]!.post(
          `/api/consent/${requestId}/answers`,
          {
            round: 1,
            answer: 'consent',
          },
        );
        expect(answered.status).toBe(200);
      }
      await proposal.getByText('6 puoluetta 7 puolueesta on suostunut.').waitFor();

      await inFreshContext(env.browser, async (sdp) => {
        await logInFinnish(sdp, url, 'sdp.edustaja@demo.example', DEMO_PASSWORD);
        await sdp.goto(`${url}${versionPath}`);
        const own = sdp
          .getByRole('region', { name: 'Kohtien avaaminen laajemmalle' })
          .getByRole('article')
          .filter({ hasText: canary });
        await own.getByLabel('Suostumme').check();
        await own.getByRole('button', { name: 'Lähetä vastaus' }).click();
        await own.getByText('Avattu', { exact: true }).waitFor();
      });
      // The proposer's page follows live.
      await proposal.getByText('Kaikki puolueet ovat suostuneet.').waitFor();
      await proposal.getByText('Avattu', { exact: true }).waitFor();
    });

    // A reader of another party now reads the opened item; the other closed items stay closed.
    await inFreshContext(env.browser, async (reader) => {
      await logInFinnish(reader, url, 'vihr.lukija1@demo.example', DEMO_PASSWORD);
      await reader.goto(`${url}${versionPath}`);
      const memo = reader.getByRole('article');
      await memo.getByText(canary).waitFor();
      const html = await reader.content();
      for (const other of written.confidential.slice(1)) expect(html).not.toContain(other);
    });
  });
});
