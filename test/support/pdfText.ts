// What a PDF says, read back with PDF.js (Mozilla's reader): per page text and the document
// info, so tests check what a person would see rather than the file's bytes.
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfReadout {
  pages: string[];
  /** All pages, whitespace runs (including line ends) folded to one space. */
  text: string;
  info: Record<string, unknown>;
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
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
          .join(''),
      );
    }
    const { info } = await pdf.getMetadata();
    return {
      pages,
      text: pages.join('\n').replace(/\s+/g, ' '),
      info: info as Record<string, unknown>,
    };
  } finally {
    await task.destroy();
  }
}
