import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { memoFixture } from '../support/memoFixture';
import { caretFrame, connectRaw } from '../support/rawCollab';
import { inFreshContext, logInFinnish, useDemoServerAndBrowser } from './support/browser';

// A collaborator's name label beside their caret shows when they move or type and then goes, so
// it covers no words; hovering the caret brings it back, and an awareness heartbeat or any other
// change of their state that does not move the caret does not. The collaborator is a raw
// y-protocols client (the secretary); the person watching is KESK's representative in Chromium.

type Awareness = { getStates(): Map<number, Record<string, unknown>> };

describe("a collaborator's caret label", () => {
  const env = useDemoServerAndBrowser();

  it('fades after a move, comes back on hover and on the next move, not on a heartbeat', async () => {
    const f = await memoFixture(env.server, ['sihteeri']);
    const meeting = (await f.newMeeting()) as { id: string };
    const secretary = (await f.clients.sihteeri!.get('/api/me')).body as { name: string };
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const raw = await connectRaw(env.server.url, room, f.cookie('sihteeri'));
    try {
      await inFreshContext(env.browser, async (page) => {
        await logInFinnish(page, env.server.url, 'kesk.edustaja@demo.example', DEMO_PASSWORD);
        await page.goto(`${env.server.url}/groups/${f.groupId}/meetings/${meeting.id}/memo`);
        const editor = page.getByRole('textbox', { name: 'Muistion teksti' });
        await editor.getByRole('heading', { name: 'Talousarvio 2027' }).waitFor();

        // The secretary's caret in the first item's title, at `index`.
        const title = () =>
          ((memoFragment(raw.doc).get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(
            0,
          ) as Y.XmlText;
        const at = (index: number) =>
          Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(title(), index));
        let clock = 0;
        const sendCaret = (index: number, extra: Record<string, unknown> = {}) =>
          raw.send(
            caretFrame(raw.doc.clientID, ++clock, {
              cursor: { anchor: at(index), head: at(index) },
              ...extra,
            }),
          );
        /** The secretary's awareness state as this browser has it. */
        const heard = () =>
          page.evaluate((clientId) => {
            const tiptap = document.querySelector('.tiptap') as unknown as {
              editor: {
                extensionManager: {
                  extensions: { name: string; options: { provider?: { awareness: Awareness } } }[];
                };
              };
            };
            const caret = tiptap.editor.extensionManager.extensions.find(
              (extension) => extension.name === 'collaborationCaret',
            );
            return caret?.options.provider?.awareness.getStates().get(clientId) ?? null;
          }, raw.doc.clientID);

        const label = editor.locator('.collab-caret-label', { hasText: secretary.name });
        sendCaret(3);
        await label.waitFor();
        // Gone by itself a few seconds after the move (measured: the label's 3 s animation).
        const shown = Date.now();
        await expect.poll(() => label.isVisible(), { timeout: 10_000 }).toBe(false);
        console.log(`caret label hidden ${Date.now() - shown} ms after it showed`);

        // A heartbeat (the same state again) and a change that does not move the caret.
        sendCaret(3);
        sendCaret(3, { tick: 1 });
        await expect.poll(async () => (await heard())?.tick).toBe(1);
        expect(await label.isVisible()).toBe(false);

        // Hovering the caret shows the name; moving away hides it again.
        const caretBox = (await editor.locator('.collab-caret').boundingBox())!;
        await page.mouse.move(caretBox.x + caretBox.width / 2, caretBox.y + caretBox.height / 2);
        await expect.poll(() => label.isVisible()).toBe(true);
        await page.mouse.move(0, 0);
        await expect.poll(() => label.isVisible()).toBe(false);

        // Their next move brings it back without hovering.
        sendCaret(5, { tick: 1 });
        await expect.poll(() => label.isVisible()).toBe(true);

        // With reduced motion the label does not fade but simply goes after the same time.
        await page.emulateMedia({ reducedMotion: 'reduce' });
        expect(await label.evaluate((element) => getComputedStyle(element).animationName)).toBe(
          'collab-caret-label-hide',
        );
      });
    } finally {
      await raw.close();
    }
  });
});
