import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { finnishDate } from '../../shared/continuity';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeStance } from '../../shared/memo/partyDoc';
import { connectEditor } from '../support/collabClient';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo } from '../support/memoWriter';
import { readPdf } from '../support/pdfText';
import { agreedPoint, paragraph } from '../unit/memo/build';
import { seriousAxeViolations } from './support/axe';
import {
  CHAIR_EMAIL,
  inFreshContext,
  logInFinnish,
  useDemoServerAndBrowser,
} from './support/browser';

/** A reader of a party that wrote nothing into the memo. */
const READER_EMAIL = 'vihr.lukija1@demo.example';
const TITLE = 'Kouluverkkoneuvottelu';
const WITHHELD = 'Sisältöä on jätetty pois tästä versiosta.';

/** What the negotiators change after a reopening: a new agreed point, and SDP's stance. */
async function editAfterReopening(url: string, f: MemoFixture, meetingId: string, pointId: string) {
  const memo = connectEditor(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'));
  const sdp = connectEditor(
    url,
    roomName({ kind: 'party', meetingId, partyId: f.partyIds.SDP! }),
    f.cookie('sdp.edustaja'),
  );
  try {
    await Promise.all([memo.settled(), sdp.settled()]);
    const section = memoFragment(memo.doc).get(0) as Y.XmlElement;
    memo.doc.transact(() =>
      section.insert(section.length, [
        agreedPoint('ap-toinen-lisays', 'Lisäselvitys tilataan asiantuntijalta.', 'groups'),
      ]),
    );
    sdp.doc.transact(() =>
      writeStance(sdp.doc, pointId, { stance: 'reservation', reason: 'Aikataulu tarkistetaan.' }),
    );
    await Promise.all([memo.settled(), sdp.settled()]);
  } finally {
    memo.destroy();
    sdp.destroy();
  }
}

/** Write a paragraph into the memo's second item, which `writeMemo` leaves empty. */
async function fillSecondItem(url: string, f: MemoFixture, meetingId: string) {
  const memo = connectEditor(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'));
  try {
    await memo.settled();
    const section = memoFragment(memo.doc).get(1) as Y.XmlElement;
    memo.doc.transact(() =>
      section.insert(section.length, [paragraph('Kouluverkosta keskustellaan seuraavaksi.')]),
    );
    await memo.settled();
  } finally {
    memo.destroy();
  }
}

describe('approval and delivery in the browser', () => {
  const env = useDemoServerAndBrowser();

  it('the chair approves; a reader of another party gets the memo without its confidential parts, and the next meeting carries it on', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, [
      'sihteeri',
      'kesk.edustaja',
      'sdp.edustaja',
      'kok.edustaja',
    ]);
    const meeting = await f.newMeeting(TITLE);
    const started = await f.clients.puheenjohtaja!.post(`/api/meetings/${meeting.id}/status`, {
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    // Canary strings in confidential blocks, a stance reason and a dissent; groups and public text.
    const written = await writeMemo(url, f, meeting.id, 'selain');
    const meetingPath = `/groups/${f.groupId}/meetings/${meeting.id}`;
    // The meeting is over: the memo is being finished.
    const finished = await f.clients.puheenjohtaja!.post(`/api/meetings/${meeting.id}/status`, {
      status: 'drafting',
    });
    expect(finished.status).toBe(200);

    await inFreshContext(env.browser, async (reader) => {
      // The reader is already in the app when the memo is approved: it arrives live.
      await logInFinnish(reader, url, READER_EMAIL, DEMO_PASSWORD);
      const recent = reader.getByRole('region', { name: 'Uusimmat muistiot' });
      // Empty, and saying what will appear there and when.
      await recent
        .getByText(
          'Hyväksyttyjä muistioita ei ole vielä. Kun puheenjohtaja hyväksyy kokouksen muistion, se tulee tähän luettavaksi.',
        )
        .waitFor();

      await inFreshContext(env.browser, async (chair) => {
        await logInFinnish(chair, url, CHAIR_EMAIL, DEMO_PASSWORD);
        await chair.goto(`${url}${meetingPath}`);
        const panel = chair.getByRole('region', { name: 'Muistion hyväksyminen' });
        const approveButton = panel.getByRole('button', { name: 'Hyväksy muistio', exact: true });

        // The stage, marked in words, and the chair's next step: the second item is empty, so
        // fixing the memo leads and approving is not the primary action.
        const stage = chair.getByRole('region', { name: 'Kokouksen vaihe' });
        const current = stage.locator('[aria-current="step"]');
        expect(await current.innerText()).toContain('Muistio laadinnassa (nyt)');
        await stage.getByText('Käynnissä (valmis)').waitFor();
        await stage
          .getByText('Korjattavaa: Asiat, joihin ei ole kirjattu mitään (1).', { exact: false })
          .waitFor();
        expect(
          await stage.getByRole('link', { name: 'Avaa muistio' }).getAttribute('class'),
        ).toContain('button-primary');
        await stage.getByRole('link', { name: 'Näytä korjattavat' }).click();
        const toFix = panel.getByRole('region', { name: '1 korjattava kohta' });
        await toFix
          .getByRole('region', { name: /Asiat, joihin ei ole kirjattu mitään/ })
          .getByText('Kouluverkko')
          .waitFor();
        expect(await approveButton.getAttribute('class')).toContain('button-secondary');
        await panel.getByText('Sen voi hyväksyä silti', { exact: false }).waitFor();

        // Fixed and checked again: approving becomes the next step, and the primary action.
        await fillSecondItem(url, f, meeting.id);
        await panel.getByRole('button', { name: 'Tarkista uudelleen' }).click();
        await stage.getByText('muistiossa ei ole korjattavaa', { exact: false }).waitFor();
        expect(await toFix.count()).toBe(0);
        await stage.getByRole('link', { name: 'Tarkista ja hyväksy muistio' }).click();
        await expect
          .poll(() => chair.evaluate(() => document.activeElement?.textContent))
          .toBe('Muistion hyväksyminen');
        expect(await approveButton.getAttribute('class')).toContain('button-primary');

        // Warnings are listed but do not block: parties without a stated stance, the lowered
        // level is none here, and nothing blocks.
        const warnings = panel.getByRole('region', { name: /huomautus/ });
        await warnings
          .getByRole('region', { name: /Linjaukset, joista puolueen kanta puuttuu/ })
          .waitFor();
        expect(await panel.getByText('estää hyväksymisen').count()).toBe(0);
        await panel.getByText('Hyväksyminen tallentaa muistion versioksi 1.').waitFor();
        expect(await seriousAxeViolations(chair, 'approval check')).toEqual([]);

        // Two steps: the confirmation says what approving does.
        await approveButton.click();
        await panel
          .getByText(
            'Hyväksyminen lukitsee muistion ja toimittaa sen versiona 1 puolueiden valtuustoryhmille.',
            { exact: false },
          )
          .waitFor();
        // Nothing becomes public on the chair's word (issue 13): the dialog says so.
        await panel.getByText('Hyväksyminen ei julkaise mitään', { exact: false }).waitFor();
        await panel.getByRole('button', { name: 'Hyväksy ja toimita' }).click();
        await panel.getByText('Muistio on hyväksytty versioksi 1', { exact: false }).waitFor();
        await panel.getByRole('link', { name: 'Avaa versio 1' }).waitFor();
        // Now approved: the meeting's status says so, the history lists the version, and the
        // chair may reopen it.
        await chair.locator('.status-badge', { hasText: 'Hyväksytty' }).first().waitFor();
        const history = chair.getByRole('region', { name: 'Hyväksytyt versiot' });
        await history.getByRole('link', { name: 'Versio 1' }).waitFor();
        await panel.getByRole('button', { name: 'Avaa muistio uudelleen…' }).waitFor();
        const receipts = chair.getByRole('region', { name: 'Lukukuittaukset' });
        await receipts.getByRole('table').waitFor();
        expect(await seriousAxeViolations(chair, 'approved meeting')).toEqual([]);
      });

      // Delivered: a polite notice, and the list marks the memo as new.
      const notices = reader.getByRole('region', { name: 'Ilmoitukset' });
      const delivered = `Uusi hyväksytty muistio: ${TITLE} (versio 1)`;
      await notices.getByRole('listitem').getByText(delivered).waitFor();
      expect(await notices.getByRole('status').textContent()).toBe(delivered);
      const entry = recent.getByRole('listitem').filter({ hasText: TITLE });
      await entry.getByText('Uusi', { exact: true }).waitFor();
      await entry.getByRole('link', { name: TITLE }).click();

      await reader.getByRole('heading', { level: 1, name: `Muistio: ${TITLE}` }).waitFor();
      const memo = reader.getByRole('article');
      await memo.getByText('Valtuustoryhmien versio').waitFor();
      await memo.getByText(written.groups[0]!).waitFor();
      await memo.getByText(written.public[0]!).waitFor();
      await memo.getByText('Tämä muistio ei ole virallinen pöytäkirja', { exact: false }).waitFor();
      // As a document (issue 18): the notice, who took part, items numbered as on the agenda.
      await memo
        .getByText('Neuvotteluryhmä ei ole päätöksiä tekevä toimielin', { exact: false })
        .waitFor();
      const participants = memo.getByRole('region', { name: 'Osallistujat ja läsnäolo' });
      await participants.getByText('(puheenjohtaja)', { exact: false }).waitFor();
      await memo.getByRole('heading', { level: 2, name: /^1\. / }).first().waitFor();
      expect(await memo.getByText(WITHHELD).count()).toBeGreaterThan(0);
      // Not one byte of the confidential parts reached the page.
      const html = await reader.content();
      for (const canary of written.confidential) expect(html).not.toContain(canary);
      expect(await seriousAxeViolations(reader, 'memo version')).toEqual([]);

      // The PDF of the reader's version: a real PDF, with the memo and without the canaries.
      const [download] = await Promise.all([
        reader.waitForEvent('download'),
        reader.getByRole('link', { name: 'Lataa PDF' }).click(),
      ]);
      const bytes = await readFile(await download.path());
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pdf = await readPdf(bytes);
      expect(pdf.text).toContain(TITLE);
      expect(pdf.text).toContain(written.groups[0]!);
      for (const canary of written.confidential) expect(pdf.text).not.toContain(canary);

      // Opened: no longer new.
      await reader.getByRole('navigation').getByRole('link', { name: 'Etusivu' }).click();
      await recent.getByRole('link', { name: TITLE }).waitFor();
      expect(await recent.getByText('Uusi', { exact: true }).count()).toBe(0);

      // The meeting page and the live memo's address follow the meeting's status: approved, with
      // a link to the version, never "can be read once approved".
      for (const path of [meetingPath, `${meetingPath}/memo`]) {
        await reader.goto(`${url}${path}`);
        const note = reader.locator('.note', { hasText: 'Puheenjohtaja on hyväksynyt muistion.' });
        await note.getByRole('link', { name: 'Lue hyväksytty muistio (versio 1)' }).waitFor();
        expect(await reader.getByText('kun puheenjohtaja on hyväksynyt').count()).toBe(0);
      }
      await reader.getByRole('link', { name: 'Lue hyväksytty muistio (versio 1)' }).click();
      await reader.getByRole('heading', { level: 1, name: `Muistio: ${TITLE}` }).waitFor();
    });

    // The chair plans the next meeting: it opens with the review of this memo and carries the
    // open follow-up.
    await inFreshContext(env.browser, async (chair) => {
      await logInFinnish(chair, url, CHAIR_EMAIL, DEMO_PASSWORD);
      await chair.getByRole('navigation').getByRole('link', { name: 'Kokoukset' }).click();
      await chair.getByRole('link', { name: 'Uusi kokous' }).click();
      const next = 'Seuraava kouluverkkoneuvottelu';
      await chair.getByLabel('Otsikko', { exact: true }).fill(next);
      await chair.getByLabel('Alkamisaika').fill('2027-01-11T17:00');
      await chair
        .getByRole('group', { name: 'Asia 1' })
        .getByLabel('Asian otsikko')
        .fill('Koulujen korjausvelka');
      await chair.getByRole('button', { name: 'Luo kokous' }).click();
      await chair.getByRole('heading', { level: 1, name: next }).waitFor();

      const agenda = chair.getByRole('region', { name: 'Esityslista' });
      const startsAt = new Date('2026-12-07T17:00:00+02:00');
      expect(await agenda.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
        `Edellisen muistion tarkastus: ${TITLE} (${finnishDate(startsAt)})`,
        'Koulujen korjausvelka',
      ]);
      const review = chair.getByRole('region', { name: 'Edellisen muistion tarkastus' });
      await review.getByRole('link', { name: `Muistio: ${TITLE}, versio 1` }).waitFor();
      await review.getByText('Selvitetään kustannukset.').waitFor();

      // The group reviews the previous memo and records corrections; the memo is approved, so
      // no warning, and the correction is made by reopening that memo on its own page.
      expect(await review.getByText('ei ole vielä hyväksytty').count()).toBe(0);
      await review.getByRole('button', { name: 'Tarkastettu korjauksin' }).click();
      await review
        .getByText(new RegExp(`^Muistio tarkastettiin kokouksessa ${next} .* korjauksin\\.$`))
        .waitFor();
      await review
        .getByRole('link', { name: 'Avaa edellisen kokouksen muistio korjattavaksi' })
        .waitFor();
      // The reviewed meeting shows where its memo was reviewed.
      await review.getByRole('link', { name: new RegExp(`^${TITLE} `) }).click();
      await chair.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await chair
        .getByRole('region', { name: 'Edellisen muistion tarkastus' })
        .getByText(`Muistio tarkastettiin kokouksessa ${next}`, { exact: false })
        .waitFor();
    });
  });

  it('the chair reopens with a reason, approves again after a refused stale check, and compares the versions', async () => {
    const url = env.server.url;
    const f = await memoFixture(env.server, [
      'sihteeri',
      'kesk.edustaja',
      'sdp.edustaja',
      'kok.edustaja',
    ]);
    const title = 'Liikuntapaikkaneuvottelu';
    const meeting = await f.newMeeting(title);
    const chairApi = f.clients.puheenjohtaja!;
    await chairApi.post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' });
    const written = await writeMemo(url, f, meeting.id, 'toinen');
    expect((await chairApi.post(`/api/meetings/${meeting.id}/approval`, {})).status).toBe(201);

    await inFreshContext(env.browser, async (chair) => {
      await logInFinnish(chair, url, CHAIR_EMAIL, DEMO_PASSWORD);
      await chair.goto(`${url}/groups/${f.groupId}/meetings/${meeting.id}`);
      const panel = chair.getByRole('region', { name: 'Muistion hyväksyminen' });
      await panel.getByRole('button', { name: 'Avaa muistio uudelleen…' }).click();
      // The reason is required, and it goes into the history for everyone to see.
      const reason = panel.getByLabel('Syy');
      await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
      await panel.getByRole('button', { name: 'Avaa muokattavaksi' }).click();
      await panel.getByText('Täytä tämä kenttä.').waitFor();
      await reason.fill('SDP:n kanta tarkentui kokouksen jälkeen.');
      await panel.getByRole('button', { name: 'Avaa muokattavaksi' }).click();
      await panel.getByText('Muistio on avattu uudelleen muokattavaksi.').waitFor();
      const history = chair.getByRole('region', { name: 'Hyväksytyt versiot' });
      await history.getByText('Avattu uudelleen version 1 jälkeen').waitFor();
      await history.getByText('SDP:n kanta tarkentui kokouksen jälkeen.').waitFor();
      await panel.getByText('Hyväksyminen tallentaa muistion versioksi 2.').waitFor();

      // In the meeting room too, the empty second item leads and approving is not primary.
      const room = await chair.context().newPage();
      try {
        await room.goto(`${url}/groups/${f.groupId}/meetings/${meeting.id}/memo`);
        await room.getByRole('button', { name: 'Muistion hyväksyminen' }).click();
        const roomPanel = room.getByRole('region', { name: 'Muistion hyväksyminen' });
        await roomPanel.getByRole('region', { name: '1 korjattava kohta' }).waitFor();
        const roomApprove = roomPanel.getByRole('button', { name: 'Hyväksy muistio', exact: true });
        expect(await roomApprove.getAttribute('class')).toContain('button-secondary');
      } finally {
        await room.close();
      }

      // The memo changes after the check the chair is looking at: that approval is refused,
      // the check is renewed, and approving the renewed one goes through.
      await editAfterReopening(url, f, meeting.id, written.agreedPointId);
      await panel.getByRole('button', { name: 'Hyväksy muistio', exact: true }).click();
      await panel.getByRole('button', { name: 'Hyväksy ja toimita' }).click();
      await panel
        .getByRole('alert')
        .getByText('Muistiota ei hyväksytty, koska se on muuttunut tarkistuksen jälkeen.', {
          exact: false,
        })
        .waitFor();
      await panel.getByRole('button', { name: 'Hyväksy muistio', exact: true }).click();
      await panel.getByRole('button', { name: 'Hyväksy ja toimita' }).click();
      await panel.getByText('Muistio on hyväksytty versioksi 2', { exact: false }).waitFor();

      // Version 2 compared with version 1: the new point and SDP's changed stance, each marked
      // in words, not only in colour.
      await history.getByRole('link', { name: /Vertaa edelliseen/ }).click();
      await chair
        .getByRole('heading', { level: 1, name: `Versioiden vertailu: ${title}` })
        .waitFor();
      await chair.getByText('Versiosta 1 versioon 2: 2 muutosta.').waitFor();
      const changes = chair.locator('.compare-list > li');
      expect(await changes.allInnerTexts()).toEqual([
        expect.stringMatching(
          /^~ Muutettu\s+Kanta\s[\s\S]*Suomen Sosialidemokraattinen Puolue: eriävä kanta – Liian nopea aikataulu\.[\s\S]*varauma – Aikataulu tarkistetaan\.$/iu,
        ),
        expect.stringMatching(
          /^\+ Lisätty\s+Yhdessä linjattu näkemys\s[\s\S]*Lisäselvitys tilataan asiantuntijalta\./iu,
        ),
      ]);
      expect(await seriousAxeViolations(chair, 'version comparison')).toEqual([]);

      // Version 1 stays readable and points to the newer one.
      await chair.getByRole('link', { name: 'Avaa versio 1' }).click();
      await chair.getByText('Tästä muistiosta on uudempi versio 2.').waitFor();
      await chair.getByRole('article').getByText('Versio 1', { exact: false }).first().waitFor();
    });
  });
});
