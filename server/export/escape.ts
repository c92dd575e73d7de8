// Escaping of user text (titles, notes, reasons, names) for the text formats we export. Memo text
// is typed by people in a shared editor, so it must never become markup in a rendering.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Characters that start Markdown syntax anywhere in a line: emphasis and code (`* _ ~ \``),
 * headings' closing sequence (`#`),
 * links and images (`[ ] !`), raw HTML and autolinks (`< >`), entity references (`&`), table
 * cells (`|`), math on GitHub (`$`) and the escape character itself.
 */
const MARKDOWN_INLINE = /[\\`*_~#[\]!<>&|$]/g;

/**
 * One line of user text as literal Markdown (CommonMark and GitHub's dialect): inline syntax is
 * backslash-escaped and leading whitespace (which could open a code block) is dropped. When the
 * text begins a line, what would start a block there (heading, list item, quote, thematic break,
 * setext underline, numbered list item) is escaped too; that includes text right after a list or
 * quote marker, which starts a line of its own inside the item. Letters, digits and other punctuation
 * stay as typed so the file reads naturally as plain text.
 */
export function escapeMarkdownLine(line: string, atLineStart = true): string {
  const escaped = line.trim().replace(MARKDOWN_INLINE, (char) => `\\${char}`);
  if (!atLineStart) return escaped;
  return escaped.replace(/^([+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Text that must stay on one line in Markdown (names, titles): line breaks become spaces. */
export function escapeMarkdownInline(text: string, atLineStart = true): string {
  return escapeMarkdownLine(text.replace(/\s+/g, ' '), atLineStart);
}
