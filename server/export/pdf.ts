// An approved memo version as a PDF (A4) for filing and forwarding: the approval stamp at the top,
// the disclaimer, the sections, page numbers in the footer. Fonts, stamp, footers and the same
// bytes for the same view (the document's dates are the approval time) come from ./pdfWriter.
import type { MemoVersionView } from '../../shared/api/memoVersions';
import type { Locale } from '../../shared/locales';
import {
  memoDocument,
  type DocBlock,
  type DocCaseLink,
  type DocDissent,
  type DocSection,
  type MemoDocument,
  type WithheldItem,
} from './memoDocument';
import { PDF_COLOR, PDF_MARGINS, PDF_SIZE, PdfWriter, renderA4Pdf, type Pdf } from './pdfWriter';

const COLOR = { ...PDF_COLOR, agreed: '#2b5f8a', followUp: '#7a5a00' };
const SIZE = { ...PDF_SIZE, body: 10.5, heading: 13.5 };

/** The memo as a PDF, for its audience, in `locale`. */
export async function renderPdf(view: MemoVersionView, locale: Locale): Promise<Buffer> {
  const doc = memoDocument(view, locale);
  return renderA4Pdf(
    locale,
    {
      title: doc.title,
      subject: doc.audience,
      author: doc.groupName,
      // The approval time, not the clock: the same version always renders to the same bytes.
      date: new Date(view.approvedAt),
    },
    (pdf, root) => new MemoPdfWriter(pdf, root, doc).write(),
  );
}

/** Writes one memo into one pdfkit document, top to bottom. */
class MemoPdfWriter extends PdfWriter {
  constructor(
    pdf: Pdf,
    root: PDFKit.PDFStructureElement,
    private readonly doc: MemoDocument,
  ) {
    super(pdf, root, SIZE.body);
  }

  write(): void {
    const { doc } = this;
    this.header(
      `${doc.labels.memo} · ${doc.groupName}`,
      doc.meetingTitle,
      [doc.meetingLine, doc.placeLine].filter((line) => line !== null).join('\n'),
    );
    // The approval stamp: chair, time, version, checksum and audience.
    this.stamp({ heading: doc.stampLabel, rows: doc.stamp, note: doc.audience }, doc.locale);
    this.pdf.y += 12;
    this.disclaimer();
    this.participants();
    this.documents();
    for (const section of doc.sections) {
      if (section.kind === 'withheld') this.withheldSection(section);
      else this.section(section);
    }
    this.footers(doc.pageOf, `${doc.meetingTitle} · ${doc.labels.version} ${doc.version}`);
  }

  private disclaimer(): void {
    const { pdf, doc } = this;
    const top = pdf.y;
    this.tag('P', () => {
      this.style('italic', SIZE.label, COLOR.text);
      pdf.text(doc.disclaimer, this.left + 10, top, { width: this.width - 10 });
    });
    this.artifact(() =>
      pdf
        .lineWidth(2.5)
        .strokeColor(COLOR.muted)
        .moveTo(this.left + 1, top)
        .lineTo(this.left + 1, pdf.y)
        .stroke(),
    );
    pdf.x = this.left;
    pdf.moveDown(0.6);
  }

  /** The officers on one line, then each party: attendance and its people. */
  private participants(): void {
    const { pdf } = this;
    const { heading, officers, parties } = this.doc.participants;
    this.ensureSpace(60);
    pdf.moveDown(0.6);
    this.tag('H2', () => {
      this.style('bold', SIZE.body, COLOR.text);
      pdf.text(heading, this.left, pdf.y, { width: this.width });
    });
    pdf.moveDown(0.2);
    if (officers.length > 0) {
      this.tag('P', () => {
        this.style('regular', SIZE.body, COLOR.text);
        pdf.text(officers.join(', '), this.left + 8, pdf.y, { width: this.width - 8 });
      });
    }
    for (const { party, attendance, people } of parties) {
      this.partyLine(party, [attendance, ...people].join(' · '), this.left + 8);
    }
  }

  /** The documents on the table: each name with its SHA-256 in the fixed-width face. */
  private documents(): void {
    const { pdf } = this;
    const documents = this.doc.documents;
    if (!documents) return;
    this.ensureSpace(60);
    pdf.moveDown(0.6);
    this.tag('H2', () => {
      this.style('bold', SIZE.body, COLOR.text);
      pdf.text(documents.heading, this.left, pdf.y, { width: this.width });
    });
    pdf.moveDown(0.2);
    for (const { name, sha256 } of documents.items) {
      this.tag('P', () => {
        this.style(sha256 === null ? 'italic' : 'regular', SIZE.body, COLOR.text);
        const line = sha256 === null ? name : `${name} · SHA-256 ${sha256}`;
        pdf.text(line, this.left + 8, pdf.y, { width: this.width - 8 });
      });
    }
  }

  private section(section: DocSection): void {
    const { pdf } = this;
    // A heading never stands alone at the foot of a page.
    this.ensureSpace(70);
    pdf.moveDown(0.9);
    pdf.outline.addItem(section.heading);
    this.tag('H2', () => {
      this.style('bold', SIZE.heading, COLOR.text);
      pdf.text(section.heading, this.left, pdf.y, {
        width: this.width,
        continued: section.level !== null,
      });
      // Same size as the title: pdfkit aligns the tops of a line's runs, not their baselines.
      if (section.level !== null) {
        this.style('regular', SIZE.heading, COLOR.muted);
        pdf.text(` (${section.level})`);
      }
    });
    const ruleY = pdf.y + 2;
    this.rule(ruleY);
    pdf.y = ruleY + 6;
    if (section.caseLink) this.caseLink(section.caseLink);

    for (const block of section.blocks) {
      if (block.kind === 'withheld') this.withheld(block);
      else this.block(block);
      pdf.moveDown(0.5);
    }
    if (section.dissents.length > 0) {
      this.ensureSpace(40);
      pdf.moveDown(0.2);
      this.tag('H3', () => {
        this.style('bold', SIZE.body, COLOR.text);
        pdf.text(section.dissentsLabel, this.left, pdf.y, { width: this.width });
      });
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
    this.artifact(() =>
      this.pdf
        .lineWidth(0.6)
        .strokeColor(COLOR.rule)
        .moveTo(this.left, y)
        .lineTo(this.right, y)
        .stroke(),
    );
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
          this.tag('P', () => {
            this.style('regular', SIZE.small, COLOR.muted);
            this.pdf.text(block.stancesLabel, x, this.pdf.y + 2, { width: this.right - x });
          });
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
            const details = block.details.map(({ label, value }) => `${label}: ${value}`);
            this.tag('P', () => {
              this.style('regular', SIZE.small, COLOR.text);
              this.pdf.text(details.join('   ·   '), x, this.pdf.y + 1, {
                width: this.right - x,
              });
            });
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
    this.tag('P', () => {
      this.style('bold', SIZE.body, COLOR.text);
      pdf.text(`${party}: `, x, pdf.y, { width: this.right - x, continued: true });
      this.style('regular', SIZE.body, COLOR.text);
      pdf.text(text);
    });
  }

  private label(text: string, level: string | null, color: string, x: number): void {
    const { pdf } = this;
    this.ensureSpace(36);
    this.tag('H3', () => {
      this.style('bold', SIZE.label, color);
      pdf.text(text, x, pdf.y, { width: this.right - x, continued: level !== null });
      if (level !== null) {
        this.style('regular', SIZE.label, COLOR.muted);
        pdf.text(` (${level})`);
      }
    });
  }

  /** The council's item under the heading; the citation links to the public item. */
  private caseLink({ label, text, url }: DocCaseLink): void {
    this.tag('P', () => {
      this.style('bold', SIZE.small, COLOR.muted);
      this.pdf.text(`${label}: `, this.left, this.pdf.y, { width: this.width, continued: true });
      this.style('regular', SIZE.small, COLOR.text);
      this.pdf.text(text, url ? { link: url, underline: true } : {});
    });
    this.pdf.moveDown(0.4);
  }

  private levelNote(level: string, x: number): void {
    this.tag('P', () => {
      this.style('regular', SIZE.small, COLOR.muted);
      this.pdf.text(`(${level})`, x, this.pdf.y, { width: this.right - x });
    });
  }

  private paragraphs(paragraphs: readonly string[], x: number): void {
    this.style('regular', SIZE.body, COLOR.text);
    for (const text of paragraphs) {
      const trimmed = text.trim();
      if (trimmed) {
        this.tag('P', () =>
          this.pdf.text(trimmed, x, this.pdf.y, { width: this.right - x, paragraphGap: 2 }),
        );
      }
    }
  }

  private withheld(item: WithheldItem, x = this.left): void {
    this.tag('P', () => {
      this.style('italic', SIZE.body, COLOR.muted);
      this.pdf.text(item.text, x, this.pdf.y, { width: this.right - x });
    });
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
      const from = page === startPage ? startY : PDF_MARGINS.top;
      const to = page === endPage ? endY : pdf.page.height - PDF_MARGINS.bottom;
      this.artifact(() =>
        pdf
          .lineWidth(2.5)
          .strokeColor(color)
          .moveTo(this.left + 1, from)
          .lineTo(this.left + 1, to)
          .stroke(),
      );
    }
    pdf.switchToPage(endPage);
    pdf.x = this.left;
    pdf.y = endY;
  }

  private pageIndex(): number {
    const range = this.pdf.bufferedPageRange();
    return range.start + range.count - 1;
  }

  private ensureSpace(height: number): void {
    if (this.pdf.y + height > this.pdf.page.height - PDF_MARGINS.bottom) this.pdf.addPage();
  }
}
