// A released joint statement as a PDF (A4): title, group, the release stamp (time in Helsinki,
// round, full SHA-256 of the words every party consented to) and the text with its marks.
// Fonts, stamp, footers and the same bytes for the same release (the document's dates are the
// release time) come from the memo's ../export/pdfWriter.
import type { Response } from 'express';
import type { ReleasedStatement } from '../../shared/api/consent';
import type { Locale } from '../../shared/locales';
import { NOT_A_DECISION_BODY } from '../../shared/memo/labels';
import type { StatementRun } from '../../shared/statements/content';
import { formatMoment, helsinkiDate } from '../export/dates';
import { asciiSlug, contentDisposition } from '../export/fileName';
import type { PdfFont } from '../export/fonts';
import { PDF_COLOR, PDF_SIZE, PdfWriter, renderA4Pdf, type Pdf } from '../export/pdfWriter';

const SIZE = { ...PDF_SIZE, body: 11 };

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
    hash: 'Tunnistekoodi',
    pageOf: 'Sivu {page} / {pages}',
  },
  sv: {
    statement: 'Gemensamt uttalande',
    stamp: 'Publicerat med alla partiers samtycke',
    releasedAt: 'Publicerat',
    round: 'Omgång',
    hash: 'Kontrollkod',
    pageOf: 'Sida {page} / {pages}',
  },
  en: {
    statement: 'Joint statement',
    stamp: 'Released with every party’s consent',
    releasedAt: 'Released',
    round: 'Round',
    hash: 'Check code',
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
  return renderA4Pdf(
    locale,
    {
      title: statement.title,
      subject: labels.statement,
      author: statement.groupName,
      // The release time, not the clock: the same release always renders to the same bytes.
      date: new Date(statement.releasedAt),
    },
    (pdf, root) => new StatementPdfWriter(pdf, root, statement, labels, locale).write(),
  );
}

/** Answer with the statement as a PDF download (the negotiators' and the public route alike). */
export async function sendStatementPdf(
  res: Response,
  statement: ReleasedStatement,
  locale: Locale,
): Promise<void> {
  const pdf = await renderStatementPdf(statement, locale);
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader(
    'Content-Disposition',
    contentDisposition('attachment', statementFileName(statement, locale)),
  );
  res.setHeader('Content-Length', String(pdf.length));
  res.end(pdf);
}

class StatementPdfWriter extends PdfWriter {
  constructor(
    pdf: Pdf,
    root: PDFKit.PDFStructureElement,
    private readonly statement: ReleasedStatement,
    private readonly labels: StatementLabels,
    private readonly locale: Locale,
  ) {
    super(pdf, root, SIZE.body);
  }

  write(): void {
    const { statement, labels } = this;
    this.header(`${labels.statement} · ${statement.groupName}`, statement.title);
    // Time of release in Helsinki, round, and the full checksum of the words.
    this.stamp(
      {
        heading: labels.stamp,
        rows: [
          {
            label: labels.releasedAt,
            value: formatMoment(statement.releasedAt, this.locale),
            isHash: false,
          },
          { label: labels.round, value: String(statement.round), isHash: false },
          { label: labels.hash, value: statement.hash, isHash: true },
        ],
      },
      this.locale,
    );
    this.pdf.y += 12;
    this.tag('P', () => {
      this.style('italic', PDF_SIZE.label, PDF_COLOR.text);
      this.pdf.text(NOT_A_DECISION_BODY[this.locale], this.left, this.pdf.y, { width: this.width });
    });
    this.pdf.y += 12;
    this.body();
    this.footers(labels.pageOf, statement.title);
  }

  private body(): void {
    for (const block of this.statement.content.blocks) {
      if (block.type === 'paragraph') {
        this.tag('P', () => this.runs(block.runs, this.left, this.pdf.y));
      } else {
        block.items.forEach((item, index) => {
          const y = this.pdf.y;
          this.tag('P', () => {
            this.style('regular', SIZE.body, PDF_COLOR.text);
            this.pdf.text(block.ordered ? `${index + 1}.` : '•', this.left + 4, y, {
              width: 16,
              lineBreak: false,
            });
            this.runs(item, this.left + 22, y);
          });
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
      this.style(font, SIZE.body, PDF_COLOR.text);
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
}
