import type { ReactNode } from 'react';

// A frozen block stores its text as paragraphs, list items prefixed by `• ` or `1. `
// (shared/memo/memoDoc.ts `listItemPrefix`). Runs of items become real lists again.
const BULLET = '• ';
const ORDERED = /^(\d+)\. /;

type Run =
  | { kind: 'p'; text: string }
  | { kind: 'ul'; items: string[] }
  | { kind: 'ol'; start: number; items: string[] };

function runs(paragraphs: readonly string[]): Run[] {
  const result: Run[] = [];
  for (const paragraph of paragraphs) {
    const last = result.at(-1);
    const ordered = ORDERED.exec(paragraph);
    if (paragraph.startsWith(BULLET)) {
      const text = paragraph.slice(BULLET.length);
      if (last?.kind === 'ul') last.items.push(text);
      else result.push({ kind: 'ul', items: [text] });
    } else if (ordered) {
      const text = paragraph.slice(ordered[0].length);
      const number = Number(ordered[1]);
      if (last?.kind === 'ol' && last.start + last.items.length === number) last.items.push(text);
      else result.push({ kind: 'ol', start: number, items: [text] });
    } else {
      result.push({ kind: 'p', text: paragraph });
    }
  }
  return result;
}

/** A block's paragraphs and lists; a list item's own line breaks are kept. */
export function Paragraphs({ paragraphs }: { paragraphs: readonly string[] }): ReactNode {
  return runs(paragraphs).map((run, index) => {
    switch (run.kind) {
      case 'p':
        return (
          <p key={index} className="memo-doc-text">
            {run.text}
          </p>
        );
      case 'ul':
        return (
          <ul key={index} className="memo-doc-text">
            {run.items.map((item, n) => (
              <li key={n}>{item}</li>
            ))}
          </ul>
        );
      case 'ol':
        return (
          <ol key={index} className="memo-doc-text" start={run.start}>
            {run.items.map((item, n) => (
              <li key={n}>{item}</li>
            ))}
          </ol>
        );
    }
  });
}
