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

const escapeInline = (text: string) => text.replace(MARKDOWN_INLINE, (char) => `\\${char}`);

/**
 * Where a word holds what a renderer could turn into a link by itself: GFM's extended autolinks
 * (`https://…`, `www.…`, `name@kunta.fi`) and what looser linkifiers take too (any `scheme://`, a
 * bare host name such as `kunta.fi`). Each alternative takes a bounded number of steps per
 * position (the run after `@` stops at the next `@`), so no text can make this slow.
 */
const LINK_TRIGGER =
  /:\/\/\S|www\.[\p{L}\p{N}]|@[\p{L}\p{N}_-]+\.[\p{L}\p{N}]|[\p{L}\p{N}_-]\.\p{L}{2}/iu;

/** What schemes, emails' local parts and host names are made of: a link starts after the rest. */
const LINK_CHAR = /[\p{L}\p{N}._+-]/u;

/** Closing punctuation after a link stays outside its code span, as readers expect. */
const CLOSING = new Set(')]}>"\'’”».,;:!?*_~');

/**
 * Literal text as a code span. Renderers link nothing inside code (GFM's autolinks, markdown-it's
 * and remark's linkifiers alike), while a backslash before `:` or `.` stops only some of them:
 * remark and commonmark-java resolve escapes before they look for links.
 */
function codeSpan(text: string): string {
  const longest = (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** One word (no whitespace) of user text: inline syntax escaped, a link-like part made code. */
function escapeWord(word: string): string {
  const trigger = LINK_TRIGGER.exec(word);
  if (!trigger) return escapeInline(word);
  let start = trigger.index;
  while (start > 0 && (LINK_CHAR.test(word[start - 1]!) || word[start - 1] === '`')) start -= 1;
  let end = word.length;
  while (end > start && CLOSING.has(word[end - 1]!)) end -= 1;
  return `${escapeInline(word.slice(0, start))}${codeSpan(word.slice(start, end))}${escapeInline(word.slice(end))}`;
}

/**
 * One line of user text as literal Markdown (CommonMark and GitHub's dialect): inline syntax is
 * backslash-escaped, anything a renderer could link by itself (a URL, `www.…`, an email address,
 * a host name) becomes a code span, and leading whitespace (which could open a code block) is
 * dropped. When the text begins a line, what would start a block there (heading, list item,
 * quote, thematic break, setext underline, numbered list item) is escaped too; that includes text
 * right after a list or quote marker, which starts a line of its own inside the item. Letters,
 * digits and other punctuation stay as typed so the file reads naturally as plain text.
 */
export function escapeMarkdownLine(line: string, atLineStart = true): string {
  const escaped = line
    .trim()
    .split(/(\s+)/)
    .map((part, index) => (index % 2 === 1 ? part : escapeWord(part)))
    .join('');
  if (!atLineStart) return escaped;
  return escaped.replace(/^([+=-])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Text that must stay on one line in Markdown (names, titles): line breaks become spaces. */
export function escapeMarkdownInline(text: string, atLineStart = true): string {
  return escapeMarkdownLine(text.replace(/\s+/g, ' '), atLineStart);
}
