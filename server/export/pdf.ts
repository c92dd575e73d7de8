// An approved memo version as a PDF (A4) for filing and forwarding: embedded DejaVu fonts (every
// Finnish and Swedish letter), the approval stamp at the top, page numbers in the footer. The
// same view always gives the same bytes: the document's dates are the approval time, and
// pdfkit derives the file id and font subset tags from them, not from the clock or chance.
import PDFDocument from 'pdfkit';
import type { MemoVersionView } from '../../shared/api/memoVersions';
import type { Locale } from '../../shared/locales';
import { languageTag } from './dates';
import { pdfFontData, type PdfFont } from './fonts';
import {
  memoDocument,
  pageLabel,
  type DocBlock,
  type DocDissent,
  type DocSection,
  type MemoDocument,
  type WithheldItem,
} from './memoDocument';

type Pdf = PDFKit.PDFDocument;

const MARGINS = { top: 56, bottom: 64, left: 56, right: 56 };
const COLOR = {
  text: '#1a1a1a',
  // 7:1 against white, readable in print and for weak eyes.
  muted: '#595959',
  rule: '#b4b4b4',
  agreed: '#2b5f8a',
  followUp: '#7a5a00',
};
const SIZE = { body: 10.5, small: 9, label: 9.5, heading: 13.5, title: 18, footer: 8, hash: 8.5 };
const PRODUCER = 'Neuvottelu';

/** The memo as a PDF, for its audience, in `locale`. */
export async function renderPdf(view: MemoVersionView, locale: Locale): Promise<Buffer> {
  const doc = memoDocument(view, locale);
  const approvedAt = new Date(view.approvedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: languageTag(locale),
    displayTitle: true,
    info: {
      Title: doc.title,
      Subject: doc.audience,
      Author: doc.groupName,
      Creator: PRODUCER,
      Producer: PRODUCER,
      // The approval time, not the clock: the same version always renders to the same bytes.
      CreationDate: approvedAt,
      ModDate: approvedAt,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  const fonts = pdfFontData();
  for (const name of Object.keys(fonts) as PdfFont[]) pdf.registerFont(name, fonts[name]);

  new MemoPdfWriter(pdf, doc).write();
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Writes one memo into one pdfkit document, top to bottom. */
class MemoPdfWriter {
  private readonly left: number;
  private readonly width: number;

  constructor(
    private readonly pdf: Pdf,
    private readonly doc: MemoDocument,
  ) {
    this.left = MARGINS.left;
    this.width = pdf.page.width - MARGINS.left - MARGINS.right;
  }

  write(): void {
    this.header();
    this.stamp();
    this.disclaimer();
    for (const section of this.doc.sections) {
      if (section.kind === 'withheld') this.withheldSection(section);
      else this.section(section);
    }
    this.footers();
  }

  private header(): void {
    const { pdf, doc } = this;
    this.style('regular', SIZE.small, COLOR.muted);
    pdf.text(`${doc.labels.memo} · ${doc.groupName}`, this.left, pdf.y, { width: this.width });
    this.style('bold', SIZE.title, COLOR.text);
    pdf.text(doc.meetingTitle, { width: this.width });
    this.style('regular', SIZE.body, COLOR.muted);
    pdf.text(doc.meetingLine, { width: this.width });
    pdf.moveDown(0.8);
  }

  /** The approval stamp: a framed box with chair, time, version, checksum and audience. */
  private stamp(): void {
    const { pdf, doc } = this;
    const pad = 9;
    const top = pdf.y;
    const inner = this.left + pad;
    // Wide enough for the labels, narrow enough for the 64-digit checksum on one line.
    const labelWidth = 110;
    const valueX = inner + labelWidth + 8;
    const valueWidth = this.left + this.width - pad - valueX;
    let y = top + pad;

    this.style('bold', SIZE.small, COLOR.text);
    pdf.text(doc.stampLabel.toLocaleUpperCase(doc.locale), inner, y, {
      width: this.width - 2 * pad,
      characterSpacing: 0.6,
    });
    y = pdf.y + 4;
    for (const row of doc.stamp) {
      this.style('bold', SIZE.label, COLOR.text);
      const labelHeight = pdf.heightOfString(row.label, { width: labelWidth });
      pdf.text(row.label, inner, y, { width: labelWidth });
      if (row.isHash) this.style('mono', SIZE.hash, COLOR.text);
      else this.style('regular', SIZE.body, COLOR.text);
      const valueHeight = pdf.heightOfString(row.value, { width: valueWidth });
      pdf.text(row.value, valueX, y + (row.isHash ? 1 : 0), { width: valueWidth });
      y += Math.max(labelHeight, valueHeight) + 3;
    }
    this.style('bold', SIZE.body, COLOR.text);
    pdf.text(doc.audience, inner, y + 3, { width: this.width - 2 * pad });
    const bottom = pdf.y + pad;
    pdf
      .lineWidth(1.2)
      .strokeColor(COLOR.text)
      .roundedRect(this.left, top, this.width, bottom - top, 3)
      .stroke();
    pdf.x = this.left;
    pdf.y = bottom + 12;
  }

  private disclaimer(): void {
    const { pdf, doc } = this;
    const top = pdf.y;
    this.style('italic', SIZE.label, COLOR.text);
    pdf.text(doc.disclaimer, this.left + 10, top, { width: this.width - 10 });
    pdf
      .lineWidth(2.5)
      .strokeColor(COLOR.muted)
      .moveTo(this.left + 1, top)
      .lineTo(this.left + 1, pdf.y)
      .stroke();
    pdf.x = this.left;
    pdf.moveDown(0.6);
  }

  private section(section: DocSection): void {
    const { pdf } = this;
    // A heading never stands alone at the foot of a page.
    this.ensureSpace(70);
    pdf.moveDown(0.9);
    pdf.outline.addItem(section.title || '–');
    this.style('bold', SIZE.heading, COLOR.text);
    pdf.text(section.title, this.left, pdf.y, {
      width: this.width,
      continued: section.level !== null,
    });
    // Same size as the title: pdfkit aligns the tops of a line's runs, not their baselines.
    if (section.level !== null) {
      this.style('regular', SIZE.heading, COLOR.muted);
      pdf.text(` (${section.level})`);
    }
    const ruleY = pdf.y + 2;
    this.rule(ruleY);
    pdf.y = ruleY + 6;

    for (const block of section.blocks) {
      if (block.kind === 'withheld') this.withheld(block);
      else this.block(block);
      pdf.moveDown(0.5);
    }
    if (section.dissents.length > 0) {
      this.ensureSpace(40);
      pdf.moveDown(0.2);
      this.style('bold', SIZE.body, COLOR.text);
      pdf.text(section.dissentsLabel, this.left, pdf.y, { width: this.width });
      pdf.moveDown(0.2);
      for (const dissent of section.dissents) this.dissent(dissent);
    }
  }

  /** A withheld section: a rule where its heading would be, then the neutral sentence. */
  private withheldSection(item: WithheldItem): void {
    const { pdf } = this;
    this.ensureSpace(40);
    pdf.moveDown(0.9);
    this.rule(pdf.y);
    pdf.y += 6;
    this.withheld(item);
  }

  private rule(y: number): void {
    this.pdf
      .lineWidth(0.6)
      .strokeColor(COLOR.rule)
      .moveTo(this.left, y)
      .lineTo(this.right, y)
      .stroke();
  }

  private block(block: DocBlock): void {
    switch (block.kind) {
      case 'notes':
        if (block.level) this.levelNote(block.level, this.left);
        this.paragraphs(block.paragraphs, this.left);
        return;
      case 'agreedPoint':
        this.barred(COLOR.agreed, (x) => {
          this.label(block.label, block.level, COLOR.agreed, x);
          this.paragraphs(block.paragraphs, x);
          this.style('regular', SIZE.small, COLOR.muted);
          this.pdf.text(block.stancesLabel, x, this.pdf.y + 2, { width: this.right - x });
          for (const { party, stance, reason } of block.stances) {
            this.partyLine(party, reason ? `${stance} – ${reason}` : stance, x + 8);
          }
        });
        return;
      case 'followUp':
        this.barred(COLOR.followUp, (x) => {
          this.label(block.label, block.level, COLOR.followUp, x);
          this.paragraphs(block.paragraphs, x);
          if (block.details.length > 0) {
            this.style('regular', SIZE.small, COLOR.text);
            const details = block.details.map(({ label, value }) => `${label}: ${value}`);
            this.pdf.text(details.join('   ·   '), x, this.pdf.y + 1, { width: this.right - x });
          }
        });
        return;
    }
  }

  private dissent(dissent: DocDissent | WithheldItem): void {
    if (dissent.kind === 'withheld') this.withheld(dissent, this.left + 8);
    else this.partyLine(dissent.party, dissent.reason.trim(), this.left + 8);
  }

  /** "KESK: yhtyy – reason" with the party in bold. */
  private partyLine(party: string, text: string, x: number): void {
    const { pdf } = this;
    this.style('bold', SIZE.body, COLOR.text);
    pdf.text(`${party}: `, x, pdf.y, { width: this.right - x, continued: true });
    this.style('regular', SIZE.body, COLOR.text);
    pdf.text(text);
  }

  private label(text: string, level: string | null, color: string, x: number): void {
    const { pdf } = this;
    this.ensureSpace(36);
    this.style('bold', SIZE.label, color);
    pdf.text(text, x, pdf.y, { width: this.right - x, continued: level !== null });
    if (level !== null) {
      this.style('regular', SIZE.label, COLOR.muted);
      pdf.text(` (${level})`);
    }
  }

  private levelNote(level: string, x: number): void {
    this.style('regular', SIZE.small, COLOR.muted);
    this.pdf.text(`(${level})`, x, this.pdf.y, { width: this.right - x });
  }

  private paragraphs(paragraphs: readonly string[], x: number): void {
    this.style('regular', SIZE.body, COLOR.text);
    for (const text of paragraphs) {
      const trimmed = text.trim();
      if (trimmed)
        this.pdf.text(trimmed, x, this.pdf.y, { width: this.right - x, paragraphGap: 2 });
    }
  }

  private withheld(item: WithheldItem, x = this.left): void {
    this.style('italic', SIZE.body, COLOR.muted);
    this.pdf.text(item.text, x, this.pdf.y, { width: this.right - x });
  }

  /**
   * Content with a coloured bar on its left, drawn after the content so its height is known;
   * when the content runs over a page break, each page gets its part of the bar.
   */
  private barred(color: string, write: (x: number) => void): void {
    const { pdf } = this;
    this.ensureSpace(36);
    const startPage = this.pageIndex();
    const startY = pdf.y;
    write(this.left + 10);
    const endPage = this.pageIndex();
    const endY = pdf.y;
    for (let page = startPage; page <= endPage; page++) {
      pdf.switchToPage(page);
      const from = page === startPage ? startY : MARGINS.top;
      const to = page === endPage ? endY : pdf.page.height - MARGINS.bottom;
      pdf
        .lineWidth(2.5)
        .strokeColor(color)
        .moveTo(this.left + 1, from)
        .lineTo(this.left + 1, to)
        .stroke();
    }
    pdf.switchToPage(endPage);
    pdf.x = this.left;
    pdf.y = endY;
  }

  /** "Title · Versio 2" on the left and "Sivu 1 / 3" on the right of every page. */
  private footers(): void {
    const { pdf, doc } = this;
    const range = pdf.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      pdf.switchToPage(index);
      // Writing inside the bottom margin must not start a new page.
      pdf.page.margins.bottom = 0;
      const y = pdf.page.height - MARGINS.bottom + 24;
      this.style('regular', SIZE.footer, COLOR.muted);
      const page = pageLabel(doc.pageOf, index - range.start + 1, range.count);
      const pageWidth = pdf.widthOfString(page);
      pdf.text(page, this.right - pageWidth, y, { lineBreak: false });
      const title = `${doc.meetingTitle} · ${doc.labels.version} ${doc.version}`;
      pdf.text(this.fit(title, this.width - pageWidth - 24), this.left, y, { lineBreak: false });
      pdf.page.margins.bottom = MARGINS.bottom;
    }
  }

  /** `text` cut with an ellipsis to fit `width` in the current font, on one line. */
  private fit(text: string, width: number): string {
    const oneLine = text.replace(/\s+/g, ' ');
    if (this.pdf.widthOfString(oneLine) <= width) return oneLine;
    const chars = [...oneLine];
    let fitting = 0;
    for (let end = 1; end <= chars.length; end++) {
      if (this.pdf.widthOfString(`${chars.slice(0, end).join('')}…`) > width) break;
      fitting = end;
    }
    return `${chars.slice(0, fitting).join('').trimEnd()}…`;
  }

  private get right(): number {
    return this.left + this.width;
  }

  private pageIndex(): number {
    const range = this.pdf.bufferedPageRange();
    return range.start + range.count - 1;
  }

  private ensureSpace(height: number): void {
    if (this.pdf.y + height > this.pdf.page.height - MARGINS.bottom) this.pdf.addPage();
  }

  private style(font: PdfFont, size: number, color: string): void {
    this.pdf.font(font).fontSize(size).fillColor(color);
  }
}
