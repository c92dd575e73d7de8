// An approved memo version as one self-contained, print-friendly HTML page: no script, no external
// resource (the shell and its policy in ./htmlPage), A4 print styles, every piece of user text
// HTML-escaped.
import type { MemoVersionView } from '../../shared/api/memoVersions';
import type { Locale } from '../../shared/locales';
import { escapeHtml } from './escape';
import { htmlPage } from './htmlPage';
import {
  memoDocument,
  type DocBlock,
  type DocCaseLink,
  type DocDissent,
  type DocDocuments,
  type DocParticipants,
  type DocSection,
  type MemoDocument,
  type StampRow,
  type WithheldItem,
} from './memoDocument';

/**
 * The memo as a complete HTML document, for its audience, in `locale`. `extraStamp` rows follow
 * the version's own (the public page adds when every party consented to publishing it).
 */
export function renderPrintPage(
  view: MemoVersionView,
  locale: Locale,
  extraStamp: readonly StampRow[] = [],
): string {
  const memo = memoDocument(view, locale);
  const doc = { ...memo, stamp: [...memo.stamp, ...extraStamp] };
  const sections = doc.sections
    .map((section, index) =>
      section.kind === 'withheld'
        ? `<section class="memo-section withheld-section">${withheld(section)}</section>`
        : sectionHtml(section, index),
    )
    .join('\n');
  return htmlPage({
    locale,
    title: `${doc.title} – ${doc.labels.version} ${doc.version}`,
    styles: styles(doc),
    noindex: true,
    main: `<header>
<p class="kicker">${escapeHtml(doc.labels.memo)} · ${escapeHtml(doc.groupName)}</p>
<h1>${escapeHtml(doc.meetingTitle)}</h1>
<p class="meeting">${escapeHtml(doc.meetingLine)}</p>
${doc.placeLine === null ? '' : `<p class="meeting">${escapeHtml(doc.placeLine)}</p>`}
<p class="screen-only hint">${escapeHtml(doc.printHint)}</p>
</header>
<section class="stamp" aria-labelledby="stamp-heading">
<h2 id="stamp-heading">${escapeHtml(doc.stampLabel)}</h2>
<dl>
${doc.stamp
  .map(
    ({ label, value, isHash }) =>
      `<div><dt>${escapeHtml(label)}</dt><dd${isHash ? ' class="hash"' : ''}>${escapeHtml(value)}</dd></div>`,
  )
  .join('\n')}
</dl>
<p class="audience">${escapeHtml(doc.audience)}</p>
</section>
<p class="disclaimer" role="note">${escapeHtml(doc.disclaimer)}</p>
${participantsHtml(doc.participants)}
${documentsHtml(doc.documents)}
${sections}`,
  });
}

function documentsHtml(documents: DocDocuments | null): string {
  if (!documents) return '';
  const rows = documents.items.map(({ name, sha256 }) =>
    sha256 === null
      ? `<li class="withheld">${escapeHtml(name)}</li>`
      : `<li>${escapeHtml(name)} <span class="hash">SHA-256 ${escapeHtml(sha256)}</span></li>`,
  );
  return `<section class="documents" aria-labelledby="documents-heading">
<h2 id="documents-heading">${escapeHtml(documents.heading)}</h2>
<ul>${rows.join('')}</ul>
</section>`;
}

function participantsHtml({ heading, officers, parties }: DocParticipants): string {
  const rows = [
    ...(officers.length > 0 ? [`<li>${escapeHtml(officers.join(', '))}</li>`] : []),
    ...parties.map(
      ({ party, attendance, people }) =>
        `<li><strong>${escapeHtml(party)}</strong>: ${escapeHtml([attendance, ...people].join(' · '))}</li>`,
    ),
  ];
  return `<section class="participants" aria-labelledby="participants-heading">
<h2 id="participants-heading">${escapeHtml(heading)}</h2>
<ul>${rows.join('')}</ul>
</section>`;
}

function sectionHtml(section: DocSection, index: number): string {
  const id = `section-${index + 1}`;
  const parts = [
    `<section class="memo-section" aria-labelledby="${id}">`,
    `<h2 id="${id}">${escapeHtml(section.heading)}${level(section.level)}</h2>`,
    ...(section.caseLink ? [caseLinkHtml(section.caseLink)] : []),
    ...section.blocks.map((block) =>
      block.kind === 'withheld' ? withheld(block) : blockHtml(block),
    ),
  ];
  if (section.dissents.length > 0) {
    parts.push(
      `<h3>${escapeHtml(section.dissentsLabel)}</h3>`,
      `<ul class="dissents">${section.dissents.map((dissent) => dissentHtml(dissent)).join('')}</ul>`,
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function caseLinkHtml({ label, text, url }: DocCaseLink): string {
  const cited = url ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);
  return `<p class="case-link"><span class="label">${escapeHtml(label)}:</span> ${cited}</p>`;
}

function blockHtml(block: DocBlock): string {
  const paragraphs = block.paragraphs.map((text) => paragraph(text)).join('');
  switch (block.kind) {
    case 'notes':
      return `<div class="block notes">${block.level ? `<p class="label">${level(block.level)}</p>` : ''}${paragraphs}</div>`;
    case 'agreedPoint':
      return [
        '<div class="block agreed">',
        `<p class="label">${escapeHtml(block.label)}${level(block.level)}</p>`,
        paragraphs,
        `<p class="sublabel">${escapeHtml(block.stancesLabel)}</p>`,
        '<ul class="stances">',
        ...block.stances.map(
          ({ party, stance, reason }) =>
            `<li><strong>${escapeHtml(party)}</strong>: ${escapeHtml(stance)}${reason ? ` – ${lines(reason)}` : ''}</li>`,
        ),
        '</ul>',
        '</div>',
      ].join('');
    case 'followUp':
      return [
        '<div class="block follow-up">',
        `<p class="label">${escapeHtml(block.label)}${level(block.level)}</p>`,
        paragraphs,
        block.details.length > 0
          ? `<dl class="details">${block.details
              .map(
                ({ label, value }) =>
                  `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`,
              )
              .join('')}</dl>`
          : '',
        '</div>',
      ].join('');
  }
}

function dissentHtml(dissent: DocDissent | WithheldItem): string {
  if (dissent.kind === 'withheld') return `<li>${withheld(dissent)}</li>`;
  return `<li><strong>${escapeHtml(dissent.party)}</strong>: ${lines(dissent.reason)}</li>`;
}

function paragraph(text: string): string {
  return text.trim() ? `<p>${lines(text)}</p>` : '';
}

/** User text with its line breaks kept. */
function lines(text: string): string {
  return text
    .trim()
    .split(/\r\n|\r|\n/)
    .map((line) => escapeHtml(line))
    .join('<br>');
}

function level(name: string | null): string {
  return name ? ` <span class="level">(${escapeHtml(name)})</span>` : '';
}

function withheld(item: WithheldItem): string {
  return `<p class="withheld">${escapeHtml(item.text)}</p>`;
}

/** A CSS string literal; our labels only, but quoted properly all the same. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"\n\r]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `)}"`;
}

/** "Sivu {page} / {pages}" as CSS `content` with the page counters in place. */
function pageCounterContent(pattern: string): string {
  return pattern
    .split(/(\{page\}|\{pages\})/)
    .filter((part) => part !== '')
    .map((part) =>
      part === '{page}' ? 'counter(page)' : part === '{pages}' ? 'counter(pages)' : cssString(part),
    )
    .join(' ');
}

function styles(doc: MemoDocument): string {
  return `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f2; color: #1a1a1a;
  font: 11pt/1.5 "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  overflow-wrap: anywhere; }
main { max-width: 210mm; margin: 0 auto; padding: 18mm 18mm 24mm; background: #fff; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0.1em 0 0.2em; }
h2 { font-size: 14pt; margin: 1.6em 0 0.4em; border-bottom: 1px solid #c8c8c8; padding-bottom: 0.15em; }
h3 { font-size: 11pt; margin: 1em 0 0.3em; }
p { margin: 0.35em 0; }
.kicker, .meeting { color: #444; margin: 0; }
.hint { margin-top: 0.8em; padding: 0.4em 0.6em; background: #eef3f8; border-radius: 4px; }
.stamp { border: 1.5pt solid #1a1a1a; border-radius: 4px; padding: 0.6em 0.9em; margin: 1.2em 0 0.8em;
  break-inside: avoid; }
.stamp h2 { font-size: 11pt; border: 0; margin: 0 0 0.3em; padding: 0; text-transform: uppercase;
  letter-spacing: 0.05em; }
.stamp dl { margin: 0; }
.stamp dl > div { display: grid; grid-template-columns: 11em 1fr; gap: 0 0.8em; }
.stamp dt { font-weight: bold; }
.stamp dd { margin: 0; }
.hash { font-family: "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace; font-size: 8.5pt;
  overflow-wrap: anywhere; }
.audience { font-weight: bold; margin-top: 0.5em; }
.disclaimer { font-style: italic; border-left: 3pt solid #777; padding: 0.2em 0 0.2em 0.7em;
  margin: 0.8em 0 1.2em; }
.block { margin: 0.6em 0 0.8em; }
.block .label { font-weight: bold; margin-bottom: 0.1em; }
.level { font-weight: normal; color: #555; font-size: 0.9em; }
.agreed, .follow-up { border-left: 3pt solid #2b5f8a; padding-left: 0.7em; break-inside: avoid; }
.follow-up { border-left-color: #7a5a00; }
.sublabel { font-size: 0.9em; color: #444; margin-top: 0.4em; }
ul { margin: 0.2em 0 0.4em; padding-left: 1.3em; }
.details { margin: 0.3em 0 0; }
.details > div { display: flex; gap: 0.4em; }
.details dt::after { content: ":"; }
.details dd { margin: 0; }
.withheld { color: #595959; font-style: italic; }
.withheld-section { margin: 1.6em 0 0.4em; padding: 0.3em 0.7em; border: 1px dashed #8a8a8a;
  border-radius: 4px; }
h2, h3, .label { break-after: avoid; }
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-right { content: ${pageCounterContent(doc.pageOf)}; font-size: 8pt; color: #555; } }
@media screen and (max-width: 40rem) {
  main { padding: 1rem; }
  .stamp dl > div { grid-template-columns: 1fr; }
}
@media print {
  body { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  .screen-only { display: none; }
}
`;
}
