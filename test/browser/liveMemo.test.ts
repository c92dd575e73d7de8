import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { Me, Meeting } from '../../shared/api/types';
import { ApiClient } from '../support/apiClient';
import { seriousAxeViolations } from './support/axe';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

const KESK_EMAIL = 'kesk.edustaja@demo.example';
const SDP_EMAIL = 'sdp.edustaja@demo.example';
const SAVED = 'Kaikki muutokset tallennettu';
const OFFLINE = 'Ei yhteyttä – muutokset tallennetaan, kun yhteys palaa';
const MERGED = 'Yhteys palasi. Ilman yhteyttä tekemäsi muutokset on nyt yhdistetty muistioon';
const PRESENT = /Paikalla \d/;

/** A meeting with two agenda items, planned by the chair through the API. */
async function createMeeting(baseUrl: string): Promise<{ groupId: string; meeting: Meeting }> {
  const chair = new ApiClient(baseUrl);
  const me = (await chair.login(CHAIR_EMAIL, DEMO_PASSWORD)).body as Me;
  const groupId = me.memberships[0]!.groupId;
  const created = await chair.post<Meeting>(`/api/groups/${groupId}/meetings`, {
    title: 'Talousarvioneuvottelu',
    startsAt: '2031-03-02T16:00:00+02:00',
    agenda: [
      { title: 'Investointiohjelma', confidentiality: 'groups' },
      { title: 'Veroprosentti', confidentiality: 'public' },
    ],
  });
  expect(created.status).toBe(201);
  return { groupId, meeting: created.body };
}

interface Room {
  page: Page;
  userId: string;
  name: string;
  editor: Locator;
  panel: Locator;
  status: Locator;
}

async function openMemo(page: Page, baseUrl: string, email: string, path: string): Promise<Room> {
  await logInFinnish(page, baseUrl, email, DEMO_PASSWORD);
  const me = (await page.evaluate(() => fetch('/api/me').then((r) => r.json()))) as Me;
  await page.goto(`${baseUrl}${path}`);
  const editor = page.getByRole('textbox', { name: 'Muistion teksti' });
  await editor.waitFor();
  return {
    page,
    userId: me.id,
    name: me.name,
    editor,
    panel: page.getByRole('complementary', { name: 'Yhteenveto' }),
    status: page.locator('.memo-status-bar .save-status'),
  };
}

/** The notes paragraph of the first agenda item's section. */
function firstNotes(room: Room): Locator {
  return room.editor.locator('section.memo-section').first().locator('p.memo-block').first();
}

/** The first agenda item's section. */
function firstItem(room: Room): Locator {
  return room.editor.locator('section.memo-section').first();
}

async function typeAtEnd(room: Room, target: Locator, text: string) {
  await target.click();
  await room.page.keyboard.press('End');
  await room.page.keyboard.type(text);
}

/**
 * Writes at the end of a paragraph, then steps its level on by the keyboard (groups →
 * confidential → public). Typing first makes sure the editor has the caret there, as a click
 * alone may not have reached it yet when the shortcut arrives.
 */
async function writeAndStepLevel(room: Room, target: Locator, text: string) {
  await typeAtEnd(room, target, text);
  await room.page.keyboard.press('Control+Alt+0');
}

/** How many updates the browser holds for a room in its offline store (IndexedDB). */
function countLocalUpdates(room: Room, roomName: string): Promise<number> {
  return room.page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error('cannot open'));
        open.onsuccess = () => {
          const db = open.result;
          const count = db.transaction('updates').objectStore('updates').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      }),
    `neuvottelu:${room.userId}:${roomName}`,
  );
}

describe('the live memo in two browsers', () => {
  const env = useDemoServerAndBrowser();

  it('two parties write one memo: text, carets, an agreed point, stances, confidentiality', async () => {
    const { groupId, meeting } = await createMeeting(env.server.url);
    const path = `/groups/${groupId}/meetings/${meeting.id}/memo`;

    await inFreshContext(env.browser, async (keskPage) => {
      await inFreshContext(env.browser, async (sdpPage) => {
        const [kesk, sdp] = await Promise.all([
          openMemo(keskPage, env.server.url, KESK_EMAIL, path),
          openMemo(sdpPage, env.server.url, SDP_EMAIL, path),
        ]);
        for (const room of [kesk, sdp]) {
          await room.editor.getByRole('heading', { name: 'Investointiohjelma' }).waitFor();
          await room.status.getByText(SAVED).waitFor();
        }
        // Items carry their number, as they will in the approved memo.
        await kesk.editor.getByRole('heading', { name: /\d\.\s*Investointiohjelma/ }).waitFor();

        // An empty item says where to write, and is a page to write on, not a one-line sliver.
        const emptyNotes = kesk.editor
          .locator('section.memo-section')
          .nth(1)
          .locator('p.memo-block');
        await emptyNotes.and(kesk.editor.locator('.memo-empty')).waitFor();
        expect(await emptyNotes.evaluate((p) => getComputedStyle(p, '::before').content)).toBe(
          '"Kirjoita tähän, mitä asiasta keskusteltiin…"',
        );
        const emptyArea = await kesk.editor.locator('.memo-section-content').nth(1).boundingBox();
        expect(emptyArea!.height).toBeGreaterThanOrEqual(100);

        // Both write in the first agenda item's section and see each other's text.
        await typeAtEnd(kesk, firstNotes(kesk), 'Keskusta painottaa koulujen korjausvelkaa.');
        await sdp.editor.getByText('Keskusta painottaa koulujen korjausvelkaa.').waitFor();
        await typeAtEnd(sdp, firstNotes(sdp), ' SDP haluaa aikataulun.');
        await kesk.editor.getByText('SDP haluaa aikataulun.', { exact: false }).waitFor();

        // Each sees the other's caret, named from the other's session.
        await kesk.editor.locator('.collab-caret-label', { hasText: sdp.name }).waitFor();
        await typeAtEnd(kesk, firstNotes(kesk), ' Sovitaan jatkosta.');
        await sdp.editor.locator('.collab-caret-label', { hasText: kesk.name }).waitFor();

        // Who is here, by party, in the status bar.
        await kesk.page.locator('.presence').getByText(sdp.name).waitFor();
        await sdp.page.locator('.presence').getByText(kesk.name).waitFor();

        // An agreed point by keyboard shortcut, seen by both.
        await kesk.page.keyboard.press('Control+Alt+1');
        const newPoint = kesk.editor.locator('.memo-agreed p.memo-empty');
        expect(await newPoint.evaluate((p) => getComputedStyle(p, '::before').content)).toBe(
          '"Kirjoita yhteisesti todettu asia…"',
        );
        await kesk.page.keyboard.type('Korjausinvestoinnit priorisoidaan.');
        const point = (room: Room) =>
          room.editor.locator('.memo-agreed', { hasText: 'Korjausinvestoinnit priorisoidaan.' });
        await point(sdp).waitFor();
        expect(await point(sdp).getByText('Yhdessä linjattu näkemys').count()).toBe(1);

        // Each party states its own stance with its one control; every other party's stance is
        // a read-only chip, never a control.
        const ownStance = (room: Room, party: string) =>
          point(room).getByRole('radiogroup', { name: `Kanta: ${party}`, exact: true });
        const chip = (room: Room, text: string) =>
          point(room).locator('.stance-chip', { hasText: text });
        for (const room of [kesk, sdp]) {
          expect(await point(room).getByRole('radiogroup').count()).toBe(1);
          expect(await point(room).locator('.stance-row').getByRole('radio').count()).toBe(0);
        }
        expect(await ownStance(kesk, 'SDP').count()).toBe(0);
        await chip(kesk, 'PS: Ei ilmoitettu').waitFor();
        await ownStance(kesk, 'KESK').getByRole('radio', { name: 'Samaa mieltä' }).check();
        await ownStance(sdp, 'SDP').getByRole('radio', { name: 'Eriävä kanta' }).check();
        // A dissent needs its reasons before it is stored.
        const reason = point(sdp).getByLabel('Perustelut', { exact: true });
        await reason.fill('Rahoitus on vielä auki.');
        await reason.blur();
        await chip(kesk, 'SDP: Eriävä kanta').waitFor();
        await chip(sdp, 'KESK: Samaa mieltä').waitFor();
        await point(kesk).getByText('Rahoitus on vielä auki.').waitFor();

        // A follow-up: who prepares it (a party of the group, picked) and by when, both stored
        // (the server checks the reference and the date).
        await typeAtEnd(kesk, point(kesk).locator('p').first(), '');
        await kesk.page.keyboard.press('Control+Alt+3');
        await kesk.page.keyboard.type('Selvitetään rahoitus.');
        const followUp = (room: Room) =>
          room.editor.locator('.memo-follow-up', { hasText: 'Selvitetään rahoitus.' });
        await followUp(sdp).waitFor();
        const owner = followUp(kesk).getByLabel('Vastuu', { exact: true });
        await owner.selectOption({ label: 'Suomen Sosialidemokraattinen Puolue' });
        await followUp(kesk).getByLabel('Määräaika', { exact: true }).fill('2031-04-15');
        const field = (label: string) => followUp(sdp).getByLabel(label, { exact: true });
        await expect.poll(() => field('Määräaika').inputValue()).toBe('2031-04-15');
        await expect
          .poll(() => field('Vastuu').locator('option:checked').textContent())
          .toBe('Suomen Sosialidemokraattinen Puolue');

        // One level control per item, in its header; no level dropdown in the toolbar. The agreed
        // point has its own compact one in its header.
        const toolbar = (room: Room) =>
          room.page.getByRole('toolbar', { name: 'Muistion työkalut' });
        expect(await toolbar(sdp).getByRole('combobox').count()).toBe(0);
        expect(await firstItem(sdp).getByLabel('Asian luottamuksellisuus').count()).toBe(1);
        const pointLevel = (room: Room) =>
          point(room).getByLabel('Luottamuksellisuus: Yhdessä linjattu näkemys');
        expect(await pointLevel(sdp).inputValue()).toBe('groups');

        // SDP marks the shared notes confidential by the keyboard, at the caret.
        // A paragraph has no header: the toolbar's toggle marks the one at the caret.
        await typeAtEnd(sdp, firstNotes(sdp), ' Ei julki vielä.');
        const paragraphToggle = sdp.page.getByRole('button', { name: 'Luottamuksellinen kappale' });
        await expect.poll(() => paragraphToggle.getAttribute('aria-pressed')).toBe('false');
        await paragraphToggle.click();
        await expect.poll(() => paragraphToggle.getAttribute('aria-pressed')).toBe('true');
        await firstNotes(kesk).and(kesk.editor.locator('.memo-level-confidential')).waitFor();

        // Both side panels show the same stances and the same confidential block.
        for (const room of [kesk, sdp]) {
          const agreed = room.panel.locator('.summary-stances').first();
          await agreed.getByText('KESK: Samaa mieltä').waitFor();
          await agreed.getByText('SDP: Eriävä kanta').waitFor();
          await room.panel
            .locator('.summary-confidential')
            .getByText('Keskusta painottaa koulujen korjausvelkaa.', { exact: false })
            .waitFor();
          await room.panel.getByText('Rahoitus on vielä auki.', { exact: false }).waitFor();
        }
        const panelFacts = (room: Room) =>
          room.panel.locator('.summary-stances, .summary-confidential').allInnerTexts();
        expect(await panelFacts(kesk)).toEqual(await panelFacts(sdp));

        // Everything reached the server.
        for (const room of [kesk, sdp]) await room.status.getByText(SAVED).waitFor();

        // The server's history of levels: SDP closed the notes; KESK opening them is flagged.
        const history = kesk.panel.locator('.history-list');
        await history.getByRole('listitem').filter({ hasText: sdp.name }).waitFor();
        await writeAndStepLevel(kesk, firstNotes(kesk), ' Voidaan kertoa.');
        const lowered = sdp.panel.locator('.history-lowered').filter({ hasText: kesk.name });
        await lowered.getByText('Avattu laajemmalle:').waitFor();

        // KESK makes the whole item confidential in its header: the agreed point in it needs no
        // control of its own and says why.
        await firstItem(kesk)
          .getByLabel('Asian luottamuksellisuus')
          .selectOption({ label: 'Luottamuksellinen' });
        await sdp.editor.locator('section.memo-section.memo-level-confidential').waitFor();
        await point(sdp).getByText('Luottamuksellinen, kuten koko asia').waitFor();
        expect(await pointLevel(sdp).isVisible()).toBe(false);

        expect(await seriousAxeViolations(kesk.page, 'meeting room')).toEqual([]);

        // Offline, the status bar says one thing: no connection, and nobody shown as present
        // from before. Back online, it says the edit made meanwhile is in the memo, and only
        // then "all saved", with the people present again.
        const sdpContext = sdp.page.context();
        const sdpBar = sdp.page.locator('.memo-status-bar');
        await sdpContext.setOffline(true);
        await sdp.status.getByText(OFFLINE).waitFor();
        await sdpBar.getByText('Paikallaolijat näkyvät, kun yhteys toimii.').waitFor();
        expect(await sdpBar.getByText(PRESENT).count()).toBe(0);
        await typeAtEnd(sdp, firstNotes(sdp), ' Yhdistetty yhteyden palattua.');
        await sdpContext.setOffline(false);
        await sdpBar.getByText(MERGED, { exact: false }).waitFor();
        await sdp.status.getByText(SAVED).waitFor();
        await sdpBar.getByText(PRESENT).waitFor();
        await kesk.editor.getByText('Yhdistetty yhteyden palattua.', { exact: false }).waitFor();

        // Offline again, SDP keeps writing and closes the tab; the edit waits in the browser and
        // reaches everyone when the memo is opened again online.
        await sdpContext.setOffline(true);
        await sdp.status.getByText(OFFLINE).waitFor();
        const localUpdates = () => countLocalUpdates(sdp, `${meeting.id}/memo`);
        const before = await localUpdates();
        await typeAtEnd(sdp, firstNotes(sdp), ' Kirjoitettu ilman yhteyttä.');
        await expect.poll(localUpdates).toBeGreaterThan(before);
        await sdp.page.close();
        await sdpContext.setOffline(false);
        const reopened = await sdpContext.newPage();
        await reopened.goto(`${env.server.url}${path}`);
        await kesk.editor.getByText('Kirjoitettu ilman yhteyttä.', { exact: false }).waitFor();
        await reopened.locator('.memo-status-bar .save-status').getByText(SAVED).waitFor();

        // Logging out removes the browser's copy of the memo: it holds confidential text.
        const storedRooms = () =>
          kesk.page.evaluate(async () =>
            (await indexedDB.databases()).filter((db) => db.name?.startsWith('neuvottelu:')),
          );
        expect((await storedRooms()).length).toBeGreaterThan(0);
        await kesk.page.getByRole('button', { name: 'Kirjaudu ulos' }).click();
        await kesk.page.getByRole('heading', { level: 1, name: 'Kirjaudu sisään' }).waitFor();
        await expect.poll(storedRooms).toEqual([]);
      });
    });
  });

  it('a memo approved meanwhile refuses the edit, turns read-only and reloads from the server', async () => {
    const { groupId, meeting } = await createMeeting(env.server.url);
    const path = `/groups/${groupId}/meetings/${meeting.id}/memo`;
    await inFreshContext(env.browser, async (page) => {
      const kesk = await openMemo(page, env.server.url, KESK_EMAIL, path);
      await kesk.status.getByText(SAVED).waitFor();

      // Locked directly in the database: the room learns it on the next write.
      const repos = env.server.server.ctx.repos;
      const stored = await repos.meetings.findById(meeting.id);
      expect(await repos.meetings.commit(stored!, { status: 'approved' })).not.toBeNull();
      await typeAtEnd(kesk, firstNotes(kesk), 'Myöhästynyt lisäys.');

      await page
        .getByText('Muutostasi ei tallennettu: muistio on hyväksytty ja lukittu.')
        .waitFor();
      await page.getByText('Muistio on hyväksytty ja lukittu', { exact: true }).waitFor();
      await expect.poll(() => kesk.editor.getAttribute('contenteditable')).toBe('false');
      // Nothing says "write here" where nobody may write.
      expect(await kesk.editor.locator('.memo-empty').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Lisää linjattu näkemys' }).isDisabled()).toBe(
        true,
      );
      await kesk.status.getByText('Kaikkia muutoksia ei voitu tallentaa').waitFor();

      // Starting again from the server's copy drops the refused edit.
      await page.getByRole('button', { name: 'Lataa muistio uudelleen' }).click();
      await kesk.editor.getByRole('heading', { name: 'Investointiohjelma' }).waitFor();
      await kesk.status.getByText(SAVED).waitFor();
      expect(await kesk.editor.textContent()).not.toContain('Myöhästynyt lisäys.');
      expect(await kesk.editor.getAttribute('contenteditable')).toBe('false');
    });
  });
});
