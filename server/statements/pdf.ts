// A released joint statement as a PDF (A4): title, group, the release stamp (time in Helsinki,
// round, full SHA-256 of the words every party consented to) and the text with its marks.
// Embedded DejaVu fonts (every Finnish and Swedish letter). The same release always gives the
// same bytes: the document's dates are the release time, from which pdfkit derives its file id.
import PDFDocument from 'pdfkit';
import type { ReleasedStatement } from '../../shared/api/consent';
import type { Locale } from '../../shared/locales';
import type { StatementRun } from '../../shared/statement/content';
import { formatMoment, helsinkiDate, languageTag } from '../export/dates';
import { asciiSlug } from '../export/fileName';
import { pdfFontData, type PdfFont } from '../export/fonts';

type Pdf = PDFKit.PDFDocument;

const MARGINS = { top: 56, bottom: 64, left: 56, right: 56 };
const COLOR = { text: '#1a1a1a', muted: '#595959', rule: '#b4b4b4' };
const SIZE = { body: 11, small: 9, label: 9.5, title: 18, footer: 8, hash: 8.5 };
const PRODUCER = 'Neuvottelu';

interface StatementLabels {
  statement: string;
  stamp: string;
  releasedAt: string;
  round: string;
  hash: string;
  pageOf: string;
}

const LABELS: Record<Locale, StatementLabels> = {
  fi: {
    statement: 'Yhteinen kannanotto',
    stamp: 'Julkaistu kaikkien puolueiden suostumuksella',
    releasedAt: 'Julkaistu',
    round: 'Kierros',
    hash: 'Tarkiste (SHA-256)',
    pageOf: 'Sivu {page} / {pages}',
  },
  sv: {
    statement: 'Gemensamt uttalande',
    stamp: 'Publicerat med alla partiers samtycke',
    releasedAt: 'Publicerat',
    round: 'Omgång',
    hash: 'Kontrollsumma (SHA-256)',
    pageOf: 'Sida {page} / {pages}',
  },
  en: {
    statement: 'Joint statement',
    stamp: 'Released with every party’s consent',
    releasedAt: 'Released',
    round: 'Round',
    hash: 'Checksum (SHA-256)',
    pageOf: 'Page {page} of {pages}',
  },
};

/** e.g. `kannanotto-2026-12-07.pdf`: our own word and the release date, ASCII only. */
export function statementFileName(statement: ReleasedStatement, locale: Locale): string {
  const word = { fi: 'kannanotto', sv: 'uttalande', en: 'statement' }[locale];
  const date = helsinkiDate(statement.releasedAt);
  return `${asciiSlug(word)}${date ? `-${date}` : ''}.pdf`;
}

export async function renderStatementPdf(
  statement: ReleasedStatement,
  locale: Locale,
): Promise<Buffer> {
  const labels = LABELS[locale];
  const releasedAt = new Date(statement.releasedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: languageTag(locale),
    displayTitle: true,
    info: {
      Title: statement.title,
      Subject: labels.statement,
      Author: statement.groupName,
      Creator: PRODUCER,
      Producer: PRODUCER,
      // The release time, not the clock: the same release always renders to the same bytes.
      CreationDate: releasedAt,
      ModDate: releasedAt,
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

  new StatementPdfWriter(pdf, statement, labels, locale).write();
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

class StatementPdfWriter {
  private readonly left = MARGINS.left;
  private readonly width: number;

  constructor(
    private readonly pdf: Pdf,
    private readonly statement: ReleasedStatement,
    private readonly labels: StatementLabels,
    private readonly locale: Locale,
  ) {
    this.width = pdf.page.width - MARGINS.left - MARGINS.right;
  }

  private get right(): number {
    return this.left + this.width;
  }

  write(): void {
    this.header();
    this.stamp();
    this.body();
    this.footers();
  }

  private header(): void {
    const { pdf, statement, labels } = this;
    this.style('regular', SIZE.small, COLOR.muted);
    pdf.text(`${labels.statement} · ${statement.groupName}`, this.left, pdf.y, {
      width: this.width,
    });
    this.style('bold', SIZE.title, COLOR.text);
    pdf.text(statement.title, { width: this.width });
    pdf.moveDown(0.8);
  }

  /** A framed box: time of release in Helsinki, round, and the full checksum of the words. */
  private stamp(): void {
    const { pdf, statement, labels } = this;
    const pad = 9;
    const top = pdf.y;
    const inner = this.left + pad;
    const labelWidth = 110;
    const valueX = inner + labelWidth + 8;
    const valueWidth = this.right - pad - valueX;
    let y = top + pad;
    this.style('bold', SIZE.small, COLOR.text);
    pdf.text(labels.stamp.toLocaleUpperCase(this.locale), inner, y, {
      width: this.width - 2 * pad,
      characterSpacing: 0.6,
    });
    y = pdf.y + 4;
    const rows: { label: string; value: string; mono?: boolean }[] = [
      { label: labels.releasedAt, value: formatMoment(statement.releasedAt, this.locale) },
      { label: labels.round, value: String(statement.round) },
      { label: labels.hash, value: statement.hash, mono: true },
    ];
    for (const row of rows) {
      this.style('bold', SIZE.label, COLOR.text);
      const labelHeight = pdf.heightOfString(row.label, { width: labelWidth });
      pdf.text(row.label, inner, y, { width: labelWidth });
      if (row.mono) this.style('mono', SIZE.hash, COLOR.text);
      else this.style('regular', SIZE.body, COLOR.text);
      const valueHeight = pdf.heightOfString(row.value, { width: valueWidth });
      pdf.text(row.value, valueX, y + (row.mono ? 1 : 0), { width: valueWidth });
      y += Math.max(labelHeight, valueHeight) + 3;
    }
    const bottom = y + pad - 3;
    pdf
      .lineWidth(1.2)
      .strokeColor(COLOR.text)
      .roundedRect(this.left, top, this.width, bottom - top, 3)
      .stroke();
    pdf.x = this.left;
    pdf.y = bottom + 16;
  }

  private body(): void {
    for (const block of this.statement.content.blocks) {
      if (block.type === 'paragraph') this.runs(block.runs, this.left, this.pdf.y);
      else {
        block.items.forEach((item, index) => {
          const y = this.pdf.y;
          this.style('regular', SIZE.body, COLOR.text);
          this.pdf.text(block.ordered ? `${index + 1}.` : '•', this.left + 4, y, {
            width: 16,
            lineBreak: false,
          });
          this.runs(item, this.left + 22, y);
          this.pdf.moveDown(0.2);
        });
      }
      this.pdf.moveDown(0.6);
    }
  }

  /** One paragraph's runs at (x, y), each in the font and decoration of its marks. */
  private runs(runs: readonly StatementRun[], x: number, y: number): void {
    const { pdf } = this;
    const width = this.right - x;
    if (runs.length === 0) return;
    runs.forEach((run, index) => {
      const marks = new Set(run.marks ?? []);
      // DejaVu has no bold oblique among the embedded faces: bold wins.
      const font: PdfFont = marks.has('bold') ? 'bold' : marks.has('italic') ? 'italic' : 'regular';
      this.style(font, SIZE.body, COLOR.text);
      const options = {
        width,
        continued: index < runs.length - 1,
        underline: marks.has('underline'),
        strike: marks.has('strike'),
      };
      if (index === 0) pdf.text(run.text, x, y, options);
      else pdf.text(run.text, options);
    });
    pdf.x = this.left;
  }

  /** "Title" on the left and "Sivu 1 / 2" on the right of every page. */
  private footers(): void {
    const { pdf, labels } = this;
    const range = pdf.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      pdf.switchToPage(index);
      // Writing inside the bottom margin must not start a new page.
      pdf.page.margins.bottom = 0;
      const y = pdf.page.height - MARGINS.bottom + 24;
      this.style('regular', SIZE.footer, COLOR.muted);
      const page = labels.pageOf
        .replace('{page}', String(index - range.start + 1))
        .replace('{pages}', String(range.count));
      const pageWidth = pdf.widthOfString(page);
      pdf.text(page, this.right - pageWidth, y, { lineBreak: false });
      pdf.text(this.fit(this.statement.title, this.width - pageWidth - 24), this.left, y, {
        lineBreak: false,
      });
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

  private style(font: PdfFont, size: number, color: string): void {
    this.pdf.font(font).fontSize(size).fillColor(color);
  }
}
