// What a PDF says, read back with PDF.js (Mozilla's reader): per page text and the document
// info, so tests check what a person would see rather than the file's bytes.
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReadout {
  pages: string[];
  /** All pages, whitespace runs (including line ends) folded to one space. */
  text: string;
  info: Record<string, unknown>;
  /** The XMP metadata stream as XML (PDF/A identification lives here), or null. */
  xmp: string | null;
  /** The roles of the tagged structure tree, in reading order over every page (H1, H2, P…). */
  structure: string[];
}

interface StructNode {
  role?: string;
  children?: StructNode[];
}

function roles(node: StructNode | null | undefined, into: string[]): string[] {
  if (!node) return into;
  if (node.role && node.role !== 'Root') into.push(node.role);
  for (const child of node.children ?? []) roles(child, into);
  return into;
}

/** Text of every page, lines ended with `\n`, and the document info dictionary. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReadout> {
  // A copy: PDF.js takes ownership of (detaches) the buffer it is given.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: VerbosityLevel.ERRORS,
    useSystemFonts: false,
    isEvalSupported: false,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    const structure: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      roles((await page.getStructTree()) as StructNode | null, structure);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join(''),
      );
    }
    const { info, metadata } = await pdf.getMetadata();
    return {
      pages,
      text: pages.join('\n').replace(/\s+/g, ' '),
      info: info as Record<string, unknown>,
      xmp: metadata ? metadata.getRaw() : null,
      structure,
    };
  } finally {
    await task.destroy();
  }
}
