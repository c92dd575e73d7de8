// The fonts embedded in exported PDFs: DejaVu, which covers every letter of Finnish, Swedish and
// the Sámi languages (the standard PDF fonts' WinAnsi encoding does not). Found through the npm
// package at run time, so the app works wherever it is installed.
import fs from 'node:fs';
import { createRequire } from 'node:module';

export const PDF_FONTS = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
export type PdfFont = keyof typeof PDF_FONTS;

const require = createRequire(import.meta.url);
let loaded: Record<PdfFont, Buffer> | null = null;

/** The font files' bytes, read once per process (about 2 MB together). */
export function pdfFontData(): Record<PdfFont, Buffer> {
  loaded ??= Object.fromEntries(
    Object.entries(PDF_FONTS).map(([name, file]) => [
      name,
      fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
    ]),
  ) as Record<PdfFont, Buffer>;
  return loaded;
}
