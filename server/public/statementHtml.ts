// A released statement's text as HTML: its paragraphs and lists with their marks. Every run is
// escaped; the only markup is ours.
import type {
  StatementContent,
  StatementMark,
  StatementRun,
} from '../../shared/statements/content';
import { escapeHtml } from '../export/escape';

const MARK_TAGS: Record<StatementMark, string> = {
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  strike: 's',
};

function runHtml(run: StatementRun): string {
  const text = run.text
    .split('\n')
    .map((line) => escapeHtml(line))
    .join('<br>');
  // Marks come from storage: only the known ones become tags, anything else is dropped.
  const tags = (run.marks ?? []).flatMap((mark) => MARK_TAGS[mark] ?? []);
  return tags.reduceRight((inner, tag) => `<${tag}>${inner}</${tag}>`, text);
}

function runsHtml(runs: readonly StatementRun[]): string {
  return runs.map((run) => runHtml(run)).join('');
}

export function statementHtml(content: StatementContent): string {
  return content.blocks
    .map((block) => {
      if (block.type === 'paragraph') return `<p>${runsHtml(block.runs)}</p>`;
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${runsHtml(item)}</li>`).join('')}</${tag}>`;
    })
    .join('\n');
}
