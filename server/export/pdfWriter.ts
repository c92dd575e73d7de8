// What our PDFs share (an approved memo version, a released joint statement): A4 with the same
// margins and colours, embedded DejaVu fonts (every Finnish and Swedish letter), a header, the
// framed stamp and "title … Sivu 1 / 3" footers. The same input always gives the same bytes: the
// document's dates are the moment of record (approval, release), and pdfkit derives the file id
// and font subset tags from them, not from the clock or chance.
import type { Locale } from '../../shared/locales';
import { languageTag } from './dates';
import { pdfFontData, type PdfFont } from './fonts';
import { pageLabel, type StampRow } from './memoDocument';

export type Pdf = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

export const PDF_MARGINS = { top: 56, bottom: 64, left: 56, right: 56 };
export const PDF_COLOR = {
  text: '#1a1a1a',
  // 7:1 against white, readable in print and for weak eyes.
  muted: '#595959',
  rule: '#b4b4b4',
};
/** The sizes every document uses; each adds its own body size. */
export const PDF_SIZE = { small: 9, label: 9.5, title: 18, footer: 8, hash: 8.5 };
const PRODUCER = 'Neuvottelu';

export interface PdfInfo {
  title: string;
  subject: string;
  author: string;
  /** The moment of record (approval, release): the document's dates, never the clock. */
  date: Date;
}

/** A fresh A4 document in `locale` with our fonts registered, written by `write`, as bytes. */
export async function renderA4Pdf(
  locale: Locale,
  info: PdfInfo,
  write: (pdf: Pdf, root: StructElement) => void,
): Promise<Buffer> {
  // pdfkit is loaded at the first export, not at start: most processes never render a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const pdf = new PDFDocument({
    size: 'A4',
    margins: PDF_MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    // PDF/A-2a for filing (fonts embedded, sRGB output intent, XMP metadata) and for reading
    // aloud: every run of text is in a structure element (headings, paragraphs) in reading
    // order, and page furniture (frames, bars, rules, footers) is marked as an artifact.
    subset: 'PDF/A-2a',
    tagged: true,
    // No standard font: PDF/A allows only embedded fonts; ours are registered below.
    font: null as unknown as string,
    lang: languageTag(locale),
    displayTitle: true,
    info: {
      Title: info.title,
      Subject: info.subject,
      Author: info.author,
      Creator: PRODUCER,
      Producer: PRODUCER,
      CreationDate: info.date,
      ModDate: info.date,
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

  const root = pdf.struct('Document');
  pdf.addStructure(root);
  write(pdf, root);
  root.end();
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

export interface PdfStamp {
  /** Shown in capitals above the rows. */
  heading: string;
  rows: readonly StampRow[];
  /** A bold line under the rows, inside the frame (the memo's audience). */
  note?: string;
}

/** Writes one document into one pdfkit document: the pieces every document of ours has. */
export class PdfWriter {
  protected readonly left = PDF_MARGINS.left;
  protected readonly width: number;

  constructor(
    protected readonly pdf: Pdf,
    /** The document's structure root: every piece of text is tagged under it. */
    private readonly root: StructElement,
    /** The body text size: the stamp's values and the header's subtitle use it. */
    private readonly bodySize: number,
  ) {
    this.width = pdf.page.width - PDF_MARGINS.left - PDF_MARGINS.right;
  }

  /** Draw `draw` as one structure element of `type` (H1, H2, P, L…) in reading order. */
  protected tag(type: string, draw: () => void): void {
    this.root.add(this.pdf.struct(type, {}, draw));
  }

  /** Draw `draw` as page furniture that assistive technology skips (rules, frames, footers). */
  protected artifact(draw: () => void): void {
    this.pdf.markContent('Artifact');
    draw();
    this.pdf.endMarkedContent();
  }

  protected get right(): number {
    return this.left + this.width;
  }

  /** "Kind · Group" in small type, the title, and a muted line under it when given. */
  protected header(kicker: string, title: string, subtitle?: string): void {
    const { pdf } = this;
    this.tag('P', () => {
      this.style('regular', PDF_SIZE.small, PDF_COLOR.muted);
      pdf.text(kicker, this.left, pdf.y, { width: this.width });
    });
    this.tag('H1', () => {
      this.style('bold', PDF_SIZE.title, PDF_COLOR.text);
      pdf.text(title, { width: this.width });
    });
    if (subtitle !== undefined) {
      this.tag('P', () => {
        this.style('regular', this.bodySize, PDF_COLOR.muted);
        pdf.text(subtitle, { width: this.width });
      });
    }
    pdf.moveDown(0.8);
  }

  /**
   * The stamp: a framed box with its heading, label and value rows (the checksum in the
   * fixed-width face) and the note. Leaves the cursor at the left margin, on the frame's bottom.
   */
  protected stamp(stamp: PdfStamp, locale: Locale): void {
    const { pdf } = this;
    const pad = 9;
    const top = pdf.y;
    const inner = this.left + pad;
    // Wide enough for the labels, narrow enough for the 64-digit checksum on one line.
    const labelWidth = 110;
    const valueX = inner + labelWidth + 8;
    const valueWidth = this.right - pad - valueX;
    let y = top + pad;

    this.tag('H2', () => {
      this.style('bold', PDF_SIZE.small, PDF_COLOR.text);
      pdf.text(stamp.heading.toLocaleUpperCase(locale), inner, y, {
        width: this.width - 2 * pad,
        characterSpacing: 0.6,
      });
    });
    y = pdf.y + 4;
    for (const row of stamp.rows) {
      this.tag('P', () => {
        this.style('bold', PDF_SIZE.label, PDF_COLOR.text);
        const labelHeight = pdf.heightOfString(row.label, { width: labelWidth });
        pdf.text(row.label, inner, y, { width: labelWidth });
        if (row.isHash) this.style('mono', PDF_SIZE.hash, PDF_COLOR.text);
        else this.style('regular', this.bodySize, PDF_COLOR.text);
        const valueHeight = pdf.heightOfString(row.value, { width: valueWidth });
        pdf.text(row.value, valueX, y + (row.isHash ? 1 : 0), { width: valueWidth });
        y += Math.max(labelHeight, valueHeight) + 3;
      });
    }
    let bottom = y + pad - 3;
    const { note } = stamp;
    if (note !== undefined) {
      this.tag('P', () => {
        this.style('bold', this.bodySize, PDF_COLOR.text);
        pdf.text(note, inner, y + 3, { width: this.width - 2 * pad });
        bottom = pdf.y + pad;
      });
    }
    this.artifact(() =>
      pdf
        .lineWidth(1.2)
        .strokeColor(PDF_COLOR.text)
        .roundedRect(this.left, top, this.width, bottom - top, 3)
        .stroke(),
    );
    pdf.x = this.left;
    pdf.y = bottom;
  }

  /** `title` on the left and `pageOf` ("Sivu {page} / {pages}") on the right of every page. */
  protected footers(pageOf: string, title: string): void {
    const { pdf } = this;
    const range = pdf.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      pdf.switchToPage(index);
      // Writing inside the bottom margin must not start a new page.
      pdf.page.margins.bottom = 0;
      const y = pdf.page.height - PDF_MARGINS.bottom + 24;
      this.artifact(() => {
        this.style('regular', PDF_SIZE.footer, PDF_COLOR.muted);
        const page = pageLabel(pageOf, index - range.start + 1, range.count);
        const pageWidth = pdf.widthOfString(page);
        pdf.text(page, this.right - pageWidth, y, { lineBreak: false });
        pdf.text(this.fit(title, this.width - pageWidth - 24), this.left, y, {
          lineBreak: false,
        });
      });
      pdf.page.margins.bottom = PDF_MARGINS.bottom;
    }
  }

  /** `text` cut with an ellipsis to fit `width` in the current font, on one line. */
  protected fit(text: string, width: number): string {
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

  protected style(font: PdfFont, size: number, color: string): void {
    this.pdf.font(font).fontSize(size).fillColor(color);
  }
}
