// The shell of our self-contained HTML pages (the print page, the public page): no script, no
// external resource, only their own inline styles, served under SELF_CONTAINED_PAGE_CSP.
import type { Locale } from '../../shared/locales';
import { languageTag } from './dates';
import { escapeHtml } from './escape';

/** Their own inline styles only: no script, image, font or frame. */
export const SELF_CONTAINED_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export interface HtmlPage {
  locale: Locale;
  /** Plain text; escaped here. */
  title: string;
  styles: string;
  /** The HTML inside `<main>`, every piece of user text in it already escaped. */
  main: string;
  /** Asks search engines not to index the page or follow its links. */
  noindex?: boolean;
}

/** A complete HTML document around `page.main`. */
export function htmlPage(page: HtmlPage): string {
  return `<!doctype html>
<html lang="${languageTag(page.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${page.noindex ? '<meta name="robots" content="noindex, nofollow">\n' : ''}<title>${escapeHtml(page.title)}</title>
<style>${page.styles}</style>
</head>
<body>
<main>
${page.main}
</main>
</body>
</html>
`;
}
