// The meeting room by keyboard alone (issue 18): a party representative reaches the third agenda
// item's stance from the text with one Tab, sets it with the arrow keys, and jumps between the
// party's open stances by shortcut; no other party's stance is ever a tab stop.
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { Confidentiality } from '../../shared/confidentiality';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { readStances, writeStance } from '../../shared/memo/partyDoc';
import { connectEditor } from '../support/collabClient';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeRoom } from '../support/memoWriter';
import { agreedPoint } from '../unit/memo/build';
import { seriousAxeViolations } from './support/axe';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

const KESK_EMAIL = 'kesk.edustaja@demo.example';
const ITEMS = ['Investointiohjelma', 'Kaavoitus', 'Veroprosentti'];
const POINTS = ['ap-nappis-1', 'ap-nappis-2', 'ap-nappis-3'];
const AGREE = 'Samaa mieltä';

/** What has focus: which agreed point's own-stance radio (by id) or which part of the page. */
function focused(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    return {
      editorRoot: active?.classList.contains('memo-document') ?? false,
      inEditor: !!active?.closest('.memo-document'),
      ownStance: active?.closest('[data-own-stance]')?.getAttribute('data-own-stance') ?? null,
      radioLabel: active instanceof HTMLInputElement ? active.labels?.[0]?.textContent : null,
      inChips: !!active?.closest('.stance-row'),
      /** The agenda item (1-based) holding the focus, 0 outside every item. */
      item:
        Array.from(document.querySelectorAll('section.memo-section')).findIndex((section) =>
          section.contains(active),
        ) + 1,
    };
  });
}

/** Shift+Tab from a control goes the browser's way, back up to the editor's text. */
async function backToText(page: Page) {
  for (let step = 0; !(await focused(page)).editorRoot; step += 1) {
    expect(step).toBeLessThan(40);
    await page.keyboard.press('Shift+Tab');
  }
}

/** The text of the block holding the editor's caret, as the editor itself has it. */
function caretBlockText(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('.memo-document') as unknown as {
      editor: { state: { selection: { $from: { parent: { textContent: string } } } } };
    };
    return root.editor.state.selection.$from.parent.textContent;
  });
}

/**
 * Ctrl+Home or Ctrl+End, pressed again until the editor has taken it: within 200 ms of focus
 * ProseMirror takes a caret at the very start for the browser's own reset and puts it back.
 */
async function moveCaret(page: Page, key: 'Control+Home' | 'Control+End', blockText: string) {
  await vi.waitFor(async () => {
    await page.keyboard.press(key);
    expect(await caretBlockText(page)).toBe(blockText);
  });
}

/** A meeting whose three agenda items each end with an agreed point (POINTS), by the secretary. */
async function meetingWithPoints(
  url: string,
  f: MemoFixture,
  title: string,
  levels: readonly Confidentiality[] = ['groups', 'groups', 'groups'],
): Promise<string> {
  const created = await f.clients.puheenjohtaja!.post<{ id: string }>(
    `/api/groups/${f.groupId}/meetings`,
    {
      title,
      startsAt: '2031-03-02T16:00:00+02:00',
      agenda: ITEMS.map((item) => ({ title: item })),
    },
  );
  expect(created.status).toBe(201);
  const meetingId = created.body.id;
  await writeRoom(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'), (doc) => {
    POINTS.forEach((id, index) => {
      const section = memoFragment(doc).get(index) as Y.XmlElement;
      section.insert(section.length, [agreedPoint(id, `Linjaus ${index + 1}.`, levels[index])]);
    });
  });
  return meetingId;
}

describe('the meeting room by keyboard', () => {
  const env = useDemoServerAndBrowser();

  it('a representative reaches and sets the third item’s own stance and jumps to open ones', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, ['sihteeri', 'kesk.edustaja']);
    const meetingId = await meetingWithPoints(url, f, 'Näppäimistöneuvottelu');
    // KESK has stated its stance on the second item's point only.
    const keskRoom = roomName({ kind: 'party', meetingId, partyId: f.partyIds.KESK! });
    await writeRoom(url, keskRoom, f.cookie('kesk.edustaja'), (doc) =>
      writeStance(doc, POINTS[1]!, { stance: 'agree', reason: '' }),
    );
    // KESK's stances as the server relays them, to see what the keyboard stored.
    const stored = connectEditor(url, keskRoom, f.cookie('kesk.edustaja'));

    try {
      await inFreshContext(env.browser, async (page) => {
        await logInFinnish(page, url, KESK_EMAIL, DEMO_PASSWORD);
        await page.goto(`${url}/groups/${f.groupId}/meetings/${meetingId}/memo`);
        const editor = page.getByRole('textbox', { name: 'Muistion teksti' });
        await editor.getByText('Linjaus 3.').waitFor();
        await page.locator('.memo-status-bar').getByText('Kaikki muutokset tallennettu').waitFor();

        // Into the memo's text with Tab alone, from the top of the page.
        let presses = 0;
        while (!(await focused(page)).editorRoot) {
          await page.keyboard.press('Tab');
          presses += 1;
          expect(presses).toBeLessThan(60);
        }
        console.info(`keyboard: ${presses} Tab presses from the top of the page to the memo text`);

        // The caret to the end of the memo (the third item's agreed point); one Tab reaches that
        // point's own stance, not the first item's controls.
        await moveCaret(page, 'Control+End', 'Linjaus 3.');
        await page.keyboard.press('Tab');
        expect(await focused(page)).toMatchObject({
          ownStance: POINTS[2],
          radioLabel: 'Ei ilmoitettu',
        });
        // Back to the text, whose caret is where it was; Shift+Tab from the text goes to the
        // nearest control before the caret: the third item's, not the top of the page.
        await backToText(page);
        await page.keyboard.press('Shift+Tab');
        expect(await focused(page)).toMatchObject({ inEditor: true, item: 3, ownStance: null });
        await page.keyboard.press('Tab');
        expect((await focused(page)).ownStance).toBe(POINTS[2]);

        // The jump shortcut: from the third item it wraps to the first (the second is stated),
        // then on to the third.
        const jump = () => page.keyboard.press('Control+Alt+K');
        await jump();
        await vi.waitFor(async () => expect((await focused(page)).ownStance).toBe(POINTS[0]));
        await jump();
        await vi.waitFor(async () => expect((await focused(page)).ownStance).toBe(POINTS[2]));

        // Arrow keys move within the group and set the stance, which the server stores.
        await page.keyboard.press('ArrowRight');
        expect((await focused(page)).radioLabel).toBe(AGREE);
        await vi.waitFor(
          () => expect(readStances(stored.doc).get(POINTS[2]!)?.stance).toBe('agree'),
          {
            timeout: 10_000,
          },
        );

        await jump();
        await vi.waitFor(async () => expect((await focused(page)).ownStance).toBe(POINTS[0]));
        await page.keyboard.press('ArrowRight');
        await vi.waitFor(
          () => expect(readStances(stored.doc).get(POINTS[0]!)?.stance).toBe('agree'),
          {
            timeout: 10_000,
          },
        );
        await jump();
        await page.getByRole('status').getByText('Kaikki puolueesi kannat on merkitty.').waitFor();
        expect(
          await page
            .getByRole('button', { name: 'Seuraava merkitsemätön kanta' })
            .getAttribute('aria-keyshortcuts'),
        ).toBe('Control+Alt+K');

        // A dissent by keyboard: the arrow keys stay in the group, the reasons come next in
        // the tab order, and the dissent is stored with them.
        await page.keyboard.press('ArrowRight');
        expect(await focused(page)).toMatchObject({
          ownStance: POINTS[0],
          radioLabel: 'Eriävä kanta',
        });
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
        await page.keyboard.type('Aikataulu on liian tiukka.');
        await page.keyboard.press('Shift+Tab');
        await vi.waitFor(
          () =>
            expect(readStances(stored.doc).get(POINTS[0]!)).toEqual({
              stance: 'dissent',
              reason: 'Aikataulu on liian tiukka.',
            }),
          { timeout: 10_000 },
        );

        // Through the whole memo with Tab: every stop is a control of the memo or KESK's own
        // stance, never another party's, and Tab ends up out of the editor.
        const reached = new Set<string>();
        await backToText(page);
        await moveCaret(page, 'Control+Home', ITEMS[0]!);
        for (let step = 0; ; step += 1) {
          expect(step).toBeLessThan(80);
          await page.keyboard.press('Tab');
          const now = await focused(page);
          expect(now.inChips).toBe(false);
          if (!now.inEditor) break;
          if (now.ownStance && !reached.has(now.ownStance)) {
            reached.add(now.ownStance);
            console.info(
              `keyboard: ${now.ownStance} reached with Tab press ${step + 1} from item 1`,
            );
          }
        }
        expect([...reached].sort()).toEqual(POINTS);
        const others = await page
          .locator('.stance-row')
          .locator('input, select, textarea, button, [tabindex]')
          .count();
        expect(others).toBe(0);
        expect(await page.getByRole('radiogroup').count()).toBe(POINTS.length);

        expect(await seriousAxeViolations(page, 'meeting room by keyboard')).toEqual([]);
      });
    } finally {
      stored.destroy();
    }
  });
  it('the stance matrix: parties across, points under their numbered items, counts, on a phone too', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, ['sihteeri', 'kesk.edustaja', 'sdp.edustaja']);
    const meetingId = await meetingWithPoints(url, f, 'Kannat taulukkona', [
      'groups',
      'confidential',
      'groups',
    ]);
    const party = (shortName: string) =>
      roomName({ kind: 'party', meetingId, partyId: f.partyIds[shortName]! });
    await writeRoom(url, party('KESK'), f.cookie('kesk.edustaja'), (doc) => {
      writeStance(doc, POINTS[0]!, { stance: 'agree', reason: '' });
      writeStance(doc, POINTS[1]!, { stance: 'agree', reason: '' });
    });
    await writeRoom(url, party('SDP'), f.cookie('sdp.edustaja'), (doc) => {
      writeStance(doc, POINTS[0]!, { stance: 'dissent', reason: 'Rahoitus on auki.' });
      writeStance(doc, POINTS[2]!, { stance: 'reservation', reason: '' });
    });

    await inFreshContext(env.browser, async (page) => {
      // The chair speaks for no party: every stance is a chip, and there is no jump.
      await logInFinnish(page, url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.goto(`${url}/groups/${f.groupId}/meetings/${meetingId}/memo`);
      const editor = page.getByRole('textbox', { name: 'Muistion teksti' });
      await editor.locator('.stance-chip', { hasText: 'SDP: Varauma' }).waitFor();
      expect(await editor.getByRole('radiogroup').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Seuraava merkitsemätön kanta' }).count()).toBe(
        0,
      );
      await editor.getByText('SDP: Rahoitus on auki.').waitFor();

      const toggle = page.getByRole('button', { name: 'Kannat taulukkona' });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const table = page.getByRole('table', { name: 'Puolueiden kannat linjauksittain' });
      const headers = await table.locator('thead th').allInnerTexts();
      expect(headers.slice(0, 3)).toEqual([
        'Yhdessä linjattu näkemys',
        expect.any(String),
        expect.any(String),
      ]);
      expect(headers).toEqual(expect.arrayContaining(['KESK', 'SDP', 'PS']));
      // Each item's points under its number and title; the confidential one shows, marked.
      const group = (name: string) =>
        table.locator('tbody', { has: page.getByRole('rowheader', { name }) });
      const row = (item: string, point: string | RegExp) =>
        group(item)
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: point }) });
      await group('2. Kaavoitus').waitFor();
      const first = row('1. Investointiohjelma', 'Linjaus 1.');
      await first.getByRole('cell', { name: 'KESK: Samaa mieltä' }).waitFor();
      await first.getByRole('cell', { name: 'SDP: Eriävä kanta' }).waitFor();
      await first.getByRole('cell', { name: 'PS: Ei ilmoitettu' }).waitFor();
      await row('2. Kaavoitus', /Linjaus 2\./)
        .getByText('Luottamuksellinen')
        .waitFor();
      await row('3. Veroprosentti', 'Linjaus 3.')
        .getByRole('cell', { name: 'SDP: Varauma' })
        .waitFor();
      // A mark besides the colour, explained in the legend.
      expect(await first.getByRole('cell', { name: 'SDP: Eriävä kanta' }).innerText()).toContain(
        '✕',
      );
      await page
        .getByRole('list', { name: 'Merkkien selitykset' })
        .getByText('Eriävä kanta')
        .waitFor();
      // Counts per party at the foot.
      const column = headers.indexOf('KESK');
      const total = (stance: string) =>
        table
          .locator('tfoot tr', {
            has: page.getByRole('rowheader', { name: `Yhteensä: ${stance}` }),
          })
          .locator('td')
          .nth(column - 1)
          .innerText();
      expect(await total('Samaa mieltä')).toBe('2');
      expect(await total('Ei ilmoitettu')).toBe('1');
      expect(await seriousAxeViolations(page, 'stance matrix')).toEqual([]);

      // On a phone the table scrolls in its own box, which the keyboard can reach; the page
      // does not overflow.
      await page.setViewportSize({ width: 390, height: 844 });
      const box = page.getByRole('region', { name: 'Puolueiden kannat linjauksittain' });
      await box.waitFor();
      expect(await box.getAttribute('tabindex')).toBe('0');
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousAxeViolations(page, 'stance matrix on a phone')).toEqual([]);
    });
  });
});
