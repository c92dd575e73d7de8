// The public page of a group (`/julkinen/:groupId`): its released joint statements in full and its
// memos' public renderings, server-rendered for anyone without logging in. Self-contained like the
// print page (the same shell and policy, ../export/htmlPage): no script, no external resource,
// every piece of user text escaped.
import type { PublicFeed, PublicMemoItem, ReleasedStatement } from '../../shared/api/consent';
import { LOCALES, type Locale } from '../../shared/locales';
import { MEMO_LABELS, NOT_A_DECISION_BODY } from '../../shared/memo/labels';
import { formatMoment, languageTag } from '../export/dates';
import { escapeHtml } from '../export/escape';
import { htmlPage } from '../export/htmlPage';
import { PUBLIC_PAGE_LABELS, type PublicPageLabels } from './labels';
import { statementHtml } from './statementHtml';

/** Where the public page of a group lives. */
export function publicPagePath(groupId: string): string {
  return `/julkinen/${groupId}`;
}

export function publicMemoPath(groupId: string, meetingId: string, version: number): string {
  return `${publicPagePath(groupId)}/muistiot/${meetingId}/${version}`;
}

export function publicStatementPdfPath(groupId: string, statementId: string): string {
  return `/api/public/groups/${groupId}/statements/${statementId}/export.pdf`;
}

/** A link to our own path (ids are UUIDs, the language one of ours), escaped all the same. */
function href(path: string, locale: Locale): string {
  return escapeHtml(`${path}?lang=${locale}`);
}

function statement(item: ReleasedStatement, locale: Locale, labels: PublicPageLabels): string {
  return `<article class="statement">
<h3>${escapeHtml(item.title)}</h3>
<p class="meta">${escapeHtml(labels.released)}: ${escapeHtml(formatMoment(item.releasedAt, locale))}</p>
<div class="text">${statementHtml(item.content)}</div>
<p class="meta">${escapeHtml(labels.hash)}: <span class="hash">${escapeHtml(item.hash)}</span></p>
<p><a href="${href(publicStatementPdfPath(item.groupId, item.id), locale)}">${escapeHtml(labels.downloadPdf)}</a></p>
</article>`;
}

function memo(
  item: PublicMemoItem,
  groupId: string,
  locale: Locale,
  labels: PublicPageLabels,
): string {
  return `<li class="memo">
<a href="${href(publicMemoPath(groupId, item.meetingId, item.version), locale)}">${escapeHtml(item.meetingTitle)}</a>
<span class="meta">${escapeHtml(labels.meeting)}: ${escapeHtml(formatMoment(item.meetingStartsAt, locale))} · ${escapeHtml(labels.version)} ${item.version} · ${escapeHtml(labels.approved)}: ${escapeHtml(formatMoment(item.approvedAt, locale))}</span>
<span class="meta">${escapeHtml(labels.published)}: ${escapeHtml(formatMoment(item.publishedAt, locale))}</span>
${item.declassified ? `<span class="flag">${escapeHtml(labels.declassified)}</span>` : ''}
<span class="meta">${escapeHtml(labels.hash)}: <span class="hash">${escapeHtml(item.hash)}</span></span>
</li>`;
}

function languages(path: string, current: Locale, labels: PublicPageLabels): string {
  const links = LOCALES.map((locale) =>
    locale === current
      ? `<strong>${locale.toUpperCase()}</strong>`
      : `<a href="${href(path, locale)}" hreflang="${languageTag(locale)}">${locale.toUpperCase()}</a>`,
  ).join(' · ');
  return `<nav class="languages" aria-label="${escapeHtml(labels.language)}">${links}</nav>`;
}

function page(locale: Locale, title: string, main: string): string {
  return htmlPage({ locale, title, styles: STYLES, main });
}

/** The group's public page in `locale`. */
export function renderPublicPage(feed: PublicFeed, locale: Locale): string {
  const labels = PUBLIC_PAGE_LABELS[locale];
  const groupId = feed.group.id;
  const statements =
    feed.statements.length > 0
      ? feed.statements.map((item) => statement(item, locale, labels)).join('\n')
      : `<p class="empty">${escapeHtml(labels.noStatements)}</p>`;
  const memos =
    feed.memos.length > 0
      ? `<ul class="memos">${feed.memos.map((item) => memo(item, groupId, locale, labels)).join('\n')}</ul>
<p class="disclaimer">${escapeHtml(MEMO_LABELS[locale].disclaimer)}</p>`
      : `<p class="empty">${escapeHtml(labels.noMemos)}</p>`;
  return page(
    locale,
    `${labels.heading} – ${feed.group.name}`,
    `<header>
${languages(publicPagePath(groupId), locale, labels)}
<p class="kicker">${escapeHtml(labels.heading)}</p>
<h1>${escapeHtml(feed.group.name)}</h1>
<p>${escapeHtml(labels.intro)}</p>
<p class="disclaimer">${escapeHtml(NOT_A_DECISION_BODY[locale])}</p>
</header>
<section aria-labelledby="statements-heading">
<h2 id="statements-heading">${escapeHtml(labels.statements)}</h2>
${statements}
</section>
<section aria-labelledby="memos-heading">
<h2 id="memos-heading">${escapeHtml(labels.memos)}</h2>
${memos}
</section>
<footer><a href="${escapeHtml(`/api/public/groups/${groupId}/feed`)}">${escapeHtml(labels.feed)}</a></footer>`,
  );
}

/** What an unknown group, meeting or statement gets: the same page for each, so none is told apart. */
export function renderNotFoundPage(locale: Locale): string {
  const labels = PUBLIC_PAGE_LABELS[locale];
  return page(
    locale,
    labels.notFoundTitle,
    `<h1>${escapeHtml(labels.notFoundTitle)}</h1>
<p>${escapeHtml(labels.notFound)}</p>`,
  );
}

const STYLES = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f2; color: #1a1a1a;
  font: 16px/1.55 "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  overflow-wrap: anywhere; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; background: #fff; min-height: 100vh; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0.1em 0 0.4em; }
h2 { font-size: 1.3rem; margin: 2em 0 0.6em; border-bottom: 1px solid #c8c8c8; padding-bottom: 0.2em; }
h3 { font-size: 1.1rem; margin: 0 0 0.3em; }
a { color: #1d4f7a; }
a:focus-visible { outline: 3px solid #1d4f7a; outline-offset: 2px; }
.kicker, .meta { color: #4a4a4a; margin: 0.2em 0; }
.languages { text-align: right; font-size: 0.9rem; }
.statement { border-left: 4px solid #2b5f8a; padding: 0.2em 0 0.2em 1em; margin: 1.5em 0; }
.statement .text { margin: 0.8em 0; }
.hash { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 0.8rem;
  overflow-wrap: anywhere; }
.memos { list-style: none; padding: 0; }
.memo { display: flex; flex-direction: column; gap: 0.15em; margin: 0 0 1.2em; }
.memo > a { font-weight: bold; }
.flag { color: #7a5a00; font-size: 0.9rem; }
.empty { color: #4a4a4a; font-style: italic; }
.disclaimer { font-style: italic; border-left: 3px solid #777; padding-left: 0.7em; color: #333; }
footer { margin-top: 3em; font-size: 0.9rem; }
`;
