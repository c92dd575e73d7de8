// An approved memo version as Markdown (CommonMark, readable as plain text too). Every piece of
// user text is escaped and its addresses are code spans (escape.ts), so a memo cannot carry links,
// autolinks, images or HTML into the file.
import type { MemoVersionView } from '../../shared/api/memoVersions';
import type { Locale } from '../../shared/locales';
import { escapeMarkdownInline, escapeMarkdownLine } from './escape';
import {
  memoDocument,
  type DocBlock,
  type DocCaseLink,
  type DocDissent,
  type DocParticipants,
  type DocSection,
  type WithheldItem,
} from './memoDocument';

/** The memo as a Markdown document, for its audience, in `locale`. */
export function renderMarkdown(view: MemoVersionView, locale: Locale): string {
  const doc = memoDocument(view, locale);
  const out: string[] = [];
  const push = (...chunks: string[]) => out.push(...chunks.filter((chunk) => chunk !== ''));

  push(`# ${inline(doc.title)}`);
  push(
    [doc.groupName, doc.meetingLine, doc.placeLine ?? '']
      .filter((line) => line.trim() !== '')
      .map((line) => escapeMarkdownInline(line))
      .join('\\\n'),
  );
  push(`**${inline(doc.audience)}**`);
  push(
    [
      `> **${inline(doc.stampLabel)}**`,
      '>',
      ...doc.stamp.map(
        ({ label, value, isHash }) =>
          // The checksum is plain hex: a code span keeps it in a fixed-width face.
          `> - ${escapeMarkdownInline(label)}: ${isHash ? `\`${hexOnly(value)}\`` : inline(value)}`,
      ),
    ].join('\n'),
  );
  push(`*${inline(doc.disclaimer)}*`);
  push(...participantsChunks(doc.participants));
  if (doc.documents) {
    push(
      `## ${inline(doc.documents.heading)}`,
      doc.documents.items
        .map(({ name, sha256 }) =>
          sha256 === null
            ? `- *${inline(name)}*`
            : `- ${inline(name)} · SHA-256 \`${hexOnly(sha256)}\``,
        )
        .join('\n'),
    );
  }

  for (const section of doc.sections) {
    if (section.kind === 'withheld') push(`## ${withheldText(section)}`);
    else push(...sectionChunks(section));
  }
  return `${out.join('\n\n')}\n`;
}

function participantsChunks({ heading, officers, parties }: DocParticipants): string[] {
  const rows = [
    ...(officers.length > 0 ? [`- ${inline(officers.join(', '))}`] : []),
    ...parties.map(
      ({ party, attendance, people }) =>
        `- **${inline(party)}**: ${inline([attendance, ...people].join(' · '))}`,
    ),
  ];
  return [`## ${inline(heading)}`, rows.join('\n')];
}

function sectionChunks(section: DocSection): string[] {
  const chunks = [`## ${inline(section.heading)}${levelSuffix(section.level)}`];
  if (section.caseLink) chunks.push(caseLinkLine(section.caseLink));
  for (const block of section.blocks) {
    chunks.push(...(block.kind === 'withheld' ? [withheldText(block)] : blockChunks(block)));
  }
  if (section.dissents.length > 0) {
    chunks.push(
      `### ${inline(section.dissentsLabel)}`,
      section.dissents.map((dissent) => `- ${dissentLine(dissent)}`).join('\n'),
    );
  }
  return chunks;
}

function blockChunks(block: DocBlock): string[] {
  const paragraphs = block.paragraphs.map((text) => paragraph(text));
  switch (block.kind) {
    case 'notes':
      return block.level ? [`*(${inline(block.level)})*`, ...paragraphs] : paragraphs;
    case 'agreedPoint':
      return [
        `**${inline(block.label)}**${levelSuffix(block.level)}`,
        ...paragraphs,
        `${escapeMarkdownInline(block.stancesLabel)}:`,
        block.stances
          .map(({ party, stance, reason }) => {
            const because = reason ? ` – ${paragraph(reason, '  ', false)}` : '';
            return `- **${inline(party)}**: ${inline(stance)}${because}`;
          })
          .join('\n'),
      ];
    case 'followUp':
      return [
        `**${inline(block.label)}**${levelSuffix(block.level)}`,
        ...paragraphs,
        block.details
          .map(({ label, value }) => `- ${escapeMarkdownInline(label)}: ${inline(value)}`)
          .join('\n'),
      ];
  }
}

function dissentLine(dissent: DocDissent | WithheldItem): string {
  if (dissent.kind === 'withheld') return withheldText(dissent);
  return `**${inline(dissent.party)}**: ${paragraph(dissent.reason, '  ', false)}`;
}

/**
 * A paragraph of user text: each line escaped on its own, empty lines dropped (they would end
 * the paragraph or a list item), lines joined with hard breaks and indented under a list item.
 * `atLineStart` false: the text follows other text on its first line (e.g. "**KESK**: ").
 */
function paragraph(text: string, indent = '', atLineStart = true): string {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .map((line, index) => escapeMarkdownLine(line, atLineStart || index > 0))
    .join(`\\\n${indent}`);
}

/** One-line user text that follows other text on its line, so it cannot start a block. */
function inline(text: string): string {
  return escapeMarkdownInline(text, false);
}

/** The URL is normalised by the server (no spaces or angle brackets), so an autolink holds it. */
function caseLinkLine({ label, text, url }: DocCaseLink): string {
  const cited = text === url ? '' : inline(text);
  return [`*${inline(label)}:*`, cited, url ? `<${url}>` : ''].filter(Boolean).join(' ');
}

function levelSuffix(level: string | null): string {
  return level ? ` (${inline(level)})` : '';
}

function withheldText(item: WithheldItem): string {
  return `*${inline(item.text)}*`;
}

/** The checksum is ours, but a code span must not be closed early by anything: hex digits only. */
function hexOnly(value: string): string {
  return value.replace(/[^0-9a-f]/gi, '');
}
