import { beforeAll, describe, expect, it } from 'vitest';
import { MEMO_LABELS, NOT_A_DECISION_BODY } from '../../../shared/memo/labels';
import { renderPdf } from '../../../server/export/pdf';
import { readPdf, type PdfReadout } from '../../support/pdfText';
import { GROUPS_ONLY, SECRET } from '../memo/contentFixture';
import {
  CHAIR,
  fixtureView,
  HOSTILE,
  longContent,
  NORDIC_TEXT,
  NORDIC_TITLE,
  PEOPLE,
  PLACE,
  viewOf,
} from './viewFixture';

const fi = MEMO_LABELS.fi;

describe('renderPdf', () => {
  let groups: { bytes: Buffer; read: PdfReadout };
  beforeAll(async () => {
    const bytes = await renderPdf(fixtureView('groups'), 'fi');
    groups = { bytes, read: await readPdf(bytes) };
  });

  it('is a PDF with the approval stamp, audience and disclaimer', () => {
    const view = fixtureView('groups');
    const { text } = groups.read;
    expect(groups.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(text).toContain('Muistio · Äänekosken neuvotteluryhmä Talousarvioneuvottelu');
    expect(text).toContain(`${fi.approvedBy} ${CHAIR}`);
    expect(text).toContain(`${fi.approvedAt} 24. marraskuuta 2026 klo 14.05`);
    expect(text).toContain(`${fi.version} 2`);
    // The checksum on one line, whole.
    expect(groups.read.pages[0]).toContain(view.hash);
    expect(text).toContain(fi.audience.groups);
    expect(text).toContain(fi.disclaimer);
  });

  it('round-trips ä, ö and å through the embedded fonts', () => {
    const { text } = groups.read;
    expect(text).toContain(NORDIC_TITLE);
    expect(text).toContain(NORDIC_TEXT);
    // Embedded TrueType subsets, no standard font with its Latin-1-only encoding.
    const raw = groups.bytes.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('lays out agreed points, stances, follow-ups and dissents', () => {
    const { text } = groups.read;
    expect(text).toContain(`${fi.agreedPoint} Säästölista valmistellaan.`);
    expect(text).toContain(`KESK: ${fi.stances.agree}`);
    expect(text).toContain(`SDP: ${fi.stances.reservation} – Ryhmä päättää.`);
    expect(text).toContain(`VIHR: ${fi.stanceNotStated}`);
    expect(text).toContain(`${fi.owner}: KOK`);
    expect(text).toContain(`${fi.due}: 1. helmikuuta 2027`);
    expect(text).toContain(`${fi.dissents} KESK: Julkinen eriävä kanta.`);
    // In a PDF hostile text is only text, shown as typed.
    expect(text).toContain(HOSTILE.script);
  });

  it('withholds by audience: neutral text in place, no canary above the audience', async () => {
    const { text } = groups.read;
    expect(text).toContain(fi.withheld);
    expect(text).toContain(GROUPS_ONLY);
    for (const secret of Object.values(SECRET)) expect(text).not.toContain(secret);

    const publicText = (await readPdf(await renderPdf(fixtureView('public'), 'fi'))).text;
    expect(publicText).toContain(fi.audience.public);
    expect(publicText).not.toContain(GROUPS_ONLY);
    for (const secret of Object.values(SECRET)) expect(publicText).not.toContain(secret);

    const negotiators = (await readPdf(await renderPdf(fixtureView('negotiators'), 'sv'))).text;
    for (const secret of Object.values(SECRET)) expect(negotiators).toContain(secret);
    expect(negotiators).toContain(MEMO_LABELS.sv.disclaimer);
  });

  it('gives the place, participants with attendance, numbered items and the notice', () => {
    const { text } = groups.read;
    expect(text).toContain(`${fi.place}: ${PLACE}`);
    expect(text).toContain(fi.participants);
    expect(text).toContain(
      `${PEOPLE.chair} (${fi.roles.chair}), ${PEOPLE.secretary} (${fi.roles.secretary})`,
    );
    expect(text).toContain(
      `Keskusta: ${fi.attendance.present} · ${PEOPLE.kesk} (${fi.roles.representative})`,
    );
    expect(text).toContain(`SDP: ${fi.attendance.absent} · ${PEOPLE.sdp} (${fi.roles.deputy})`);
    expect(text).toContain(`Vihreät: ${fi.attendance.unknown}`);
    // Numbered by the full agenda: item 2 is withheld from the groups, so 1 is followed by 3.
    expect(text).toContain('1. Talousarvio');
    expect(text).toContain('3. Kouluverkko');
    expect(text).not.toContain('2. Kouluverkko');
    expect(text).toContain(`4. ${NORDIC_TITLE}`);
    expect(text).toContain(NOT_A_DECISION_BODY.fi);
  });

  it('is tagged PDF/A-2 with its structure tree and XMP identification', () => {
    const { xmp, structure } = groups.read;
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>A<\/pdfaid:conformance>/);
    const raw = groups.bytes.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R|\/Marked true/);
    expect(raw).toContain('/OutputIntents');
    // Reading order: the title, then headings and paragraphs; the numbered items are headings.
    expect(structure[0]).toBe('Document');
    expect(structure).toContain('H1');
    expect(structure.filter((role) => role === 'H2').length).toBeGreaterThanOrEqual(4);
    expect(structure.filter((role) => role === 'P').length).toBeGreaterThan(10);
  });

  it('carries document info from the version, not from the clock', () => {
    const { info } = groups.read;
    expect(info.Title).toBe('Muistio: Talousarvioneuvottelu');
    expect(info.Producer).toBe('Neuvottelu');
    expect(info.Subject).toBe(fi.audience.groups);
    expect(String(info.CreationDate)).toMatch(/^D:20261124120500/);
    expect(String(info.ModDate)).toMatch(/^D:20261124120500/);
  });

  it('renders the same view to the same bytes', async () => {
    const again = await renderPdf(fixtureView('groups'), 'fi');
    expect((await readPdf(again)).pages).toEqual(groups.read.pages);
    expect(again.equals(groups.bytes)).toBe(true);
  });

  it('numbers the pages of a long memo', async () => {
    const view = viewOf(longContent(100), 'public');
    const bytes = await renderPdf(view, 'fi');
    const { pages } = await readPdf(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain(`Sivu 1 / ${pages.length}`);
    expect(pages.at(-1)).toContain(`Sivu ${pages.length} / ${pages.length}`);
    expect(pages.at(-1)).toContain('Asia 100: Päätösvalta ja Ålands skärgård');
    for (const page of pages) expect(page).toContain('Talousarvioneuvottelu · Versio 2');
  });
});
