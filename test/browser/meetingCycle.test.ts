import type * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { Member } from '../../shared/api/types';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { readStances } from '../../shared/memo/partyDoc';
import { connectEditor } from '../support/collabClient';
import { memoFixture } from '../support/memoFixture';
import { writeRoom } from '../support/memoWriter';
import { agreedPoint } from '../unit/memo/build';
import {
  CHAIR_EMAIL,
  inFreshContext,
  liveConnectionAccepted,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';
import { approveAsActingChair } from './support/actingChair';

// Issue 19's whole meeting cycle in the browser, in Finnish, each step by the person whose step it
// is: the chair invites the group and records that a deputy stands in for an absent
// representative; the deputy brings a document to the item and states the party's stance, which
// the group's rule lets a deputy do only while substituting; the vice-chair, as acting chair,
// approves; the next meeting reviews that memo and records the outcome, shown on both meetings.

const TITLE = 'Talousarvion kehysneuvottelu';
const NEXT_TITLE = 'Kehysneuvottelun jatko';
const ITEM = 'Talousarvion raamit 2028';
const DOCUMENT = 'Kehyslaskelma.pdf';
const POINT = 'cycle-point';
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');

describe('the meeting cycle in Finnish', () => {
  const env = useDemoServerAndBrowser();

  it('invite, attend with a deputy substituting, discuss with a document, approve by the acting chair, review at the next meeting', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, ['sihteeri', 'kesk.edustaja', 'kesk.varajasen']);
    const chairApi = f.clients.puheenjohtaja!;
    const members = (await chairApi.get<Member[]>(`/api/groups/${f.groupId}/members`)).body;
    const person = (email: string) => members.find((member) => member.email === email)!;
    const representative = person('kesk.edustaja@demo.example');
    const deputy = person('kesk.varajasen@demo.example');
    const vice = person('varapuheenjohtaja@demo.example');

    // The group's rule (set up here; its screen has its own test): deputies speak for their
    // party only while substituting.
    const rule = await chairApi.patch(`/api/groups/${f.groupId}`, {
      deputiesSpeak: 'whenSubstituting',
    });
    expect(rule.status).toBe(200);
    const created = await chairApi.post(`/api/groups/${f.groupId}/meetings`, {
      title: TITLE,
      startsAt: '2031-05-05T17:00:00+03:00',
      location: 'Kaupungintalo, valtuustosali',
      agenda: [{ title: ITEM }],
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.id as string;
    const meetingPath = `${url}/groups/${f.groupId}/meetings/${meetingId}`;

    // Before the attendance is recorded, the deputy's own stances are read-only, and the room
    // says why.
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, url, 'kesk.varajasen@demo.example', DEMO_PASSWORD);
      await page.goto(`${meetingPath}/memo`);
      await page
        .getByRole('status')
        .getByText('Et ole sijaisena tässä kokouksessa', { exact: false })
        .waitFor();
    });

    // 1. The chair invites the group and records attendance: the KESK representative is away and
    // the party's first deputy stands in. The chair hands the approval to the vice-chair.
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, url, CHAIR_EMAIL, DEMO_PASSWORD);
      await page.goto(meetingPath);
      const invitation = page.getByRole('region', { name: 'Kokouskutsu' });
      await invitation.getByRole('button', { name: 'Lähetä kokouskutsu' }).click();
      await invitation.getByText('Kutsu lähetetty kaikille ryhmän jäsenille.').waitFor();

      const attendance = page.getByRole('region', { name: 'Läsnäolo' });
      await attendance
        .getByLabel(representative.name, { exact: false })
        .selectOption({ label: 'Poissa, sijainen paikalla' });
      expect(await attendance.getByLabel('Sijainen', { exact: true }).inputValue()).toBe(
        deputy.userId,
      );
      await attendance.getByRole('button', { name: 'Tallenna läsnäolo' }).click();
      await attendance.getByText('Läsnäolo tallennettu.').waitFor();
      await attendance.getByText(`jäsenen ${representative.name} sijaisena`).waitFor();

      await page.goto(`${url}/groups/${f.groupId}/admin`);
      const acting = page.getByRole('region', { name: 'Puheenjohtajan sijainen' });
      await acting.getByLabel('Varapuheenjohtaja').selectOption({ label: vice.name });
      await acting.getByRole('radio', { name: 'Yksi kokous' }).check();
      await acting.getByLabel('Kokous', { exact: true }).selectOption(meetingId);
      await acting.getByRole('button', { name: 'Anna hyväksyminen sijaiselle' }).click();
      await acting
        .getByText(`${vice.name} hyväksyy puheenjohtajan sijaisena kokouksen ”${TITLE}” muistion.`)
        .waitFor();
    });

    // The meeting runs; the secretary writes the agreed point into the live memo.
    expect(
      (await chairApi.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    await writeRoom(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'), (doc) => {
      const section = memoFragment(doc).get(0) as Y.XmlElement;
      section.insert(section.length, [
        agreedPoint(POINT, 'Kehys hyväksytään neuvottelun pohjaksi.', 'groups'),
      ]);
    });

    // 2. The deputy brings the calculation to the item and states KESK's stance in the room.
    const keskRoom = roomName({ kind: 'party', meetingId, partyId: f.partyIds.KESK! });
    const stored = connectEditor(url, keskRoom, f.cookie('kesk.varajasen'));
    try {
      await inFreshContext(env.browser, async (page) => {
        await logInFinnish(page, url, 'kesk.varajasen@demo.example', DEMO_PASSWORD);
        await page.goto(meetingPath);
        const item = page.locator('.agenda-view > li').first();
        await item.getByLabel('Valitse tiedosto').setInputFiles({
          name: DOCUMENT,
          mimeType: 'application/pdf',
          buffer: pdf('kehyslaskelma'),
        });
        await item.getByRole('button', { name: 'Lisää liite' }).click();
        await item.getByRole('link', { name: DOCUMENT }).waitFor();

        const connected = liveConnectionAccepted(page);
        await page.goto(`${meetingPath}/memo`);
        await connected;
        const editor = page.getByRole('textbox', { name: 'Muistion teksti' });
        await editor.getByText('Kehys hyväksytään neuvottelun pohjaksi.').waitFor();
        await editor.getByRole('radiogroup').getByRole('radio', { name: 'Samaa mieltä' }).check();
        await vi.waitFor(() => expect(readStances(stored.doc).get(POINT)?.stance).toBe('agree'), {
          timeout: 10_000,
        });
        expect(await page.getByText('Et ole sijaisena', { exact: false }).count()).toBe(0);
      });
    } finally {
      stored.destroy();
    }
    // The absent representative's own party room still takes their writing (representatives
    // always speak); what the rule changes is the deputy's, tested on every channel elsewhere.

    // 3. The memo is drafted; the vice-chair approves it as acting chair.
    expect(
      (await chairApi.post(`/api/meetings/${meetingId}/status`, { status: 'drafting' })).status,
    ).toBe(200);
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, url, 'varapuheenjohtaja@demo.example', DEMO_PASSWORD);
      await page.goto(meetingPath);
      await approveAsActingChair(page, vice.name);
      // The version's stamp (above), participants and the documents on the table.
      const text = await page.locator('main').innerText();
      expect(text).toContain(deputy.name);
      expect(text).toContain(`jäsenen ${representative.name} sijaisena`);
      expect(text).toContain(DOCUMENT);
    });

    // 4. The next meeting reviews this memo; the secretary records the outcome.
    const next = await chairApi.post(`/api/groups/${f.groupId}/meetings`, {
      title: NEXT_TITLE,
      startsAt: '2031-05-19T17:00:00+03:00',
    });
    expect(next.status).toBe(201);
    await inFreshContext(env.browser, async (page) => {
      await logInFinnish(page, url, 'sihteeri@demo.example', DEMO_PASSWORD);
      await page.goto(`${url}/groups/${f.groupId}/meetings/${next.body.id as string}`);
      await page.getByText(`Edellisen muistion tarkastus: ${TITLE} (5.5.2031)`).first().waitFor();
      const review = page.getByRole('region', { name: 'Edellisen muistion tarkastus' });
      await review.getByRole('button', { name: 'Tarkastettu', exact: true }).click();
      await review.getByText(`Muistio tarkastettiin kokouksessa ${NEXT_TITLE}`).waitFor();
      // Shown on the reviewed meeting too.
      await page.goto(meetingPath);
      await page.getByText(`Muistio tarkastettiin kokouksessa ${NEXT_TITLE}`).waitFor();
    });
  });
});
