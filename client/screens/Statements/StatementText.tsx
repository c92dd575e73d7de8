import { Fragment, type ReactNode } from 'react';
import type { StatementContent, StatementRun } from '../../../shared/statements/content';

/** A frozen statement's text: paragraphs and lists with their marks, as the parties consented. */
export function StatementText({ content }: { content: StatementContent }) {
  return (
    <div className="statement-text">
      {content.blocks.map((block, index) => {
        if (block.type === 'paragraph') return <p key={index}>{runs(block.runs)}</p>;
        const items = block.items.map((item, at) => <li key={at}>{runs(item)}</li>);
        return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
      })}
    </div>
  );
}

function runs(list: readonly StatementRun[]): ReactNode {
  return list.map((run, index) => <Fragment key={index}>{marked(run)}</Fragment>);
}

/** A run's text with its line breaks, wrapped in one element per mark. */
function marked(run: StatementRun): ReactNode {
  const lines = run.text.split('\n');
  let node: ReactNode = lines.map((line, index) => (
    <Fragment key={index}>
      {index > 0 && <br />}
      {line}
    </Fragment>
  ));
  for (const mark of run.marks ?? []) {
    switch (mark) {
      case 'bold':
        node = <strong>{node}</strong>;
        break;
      case 'italic':
        node = <em>{node}</em>;
        break;
      case 'underline':
        node = <u>{node}</u>;
        break;
      case 'strike':
        node = <s>{node}</s>;
        break;
    }
  }
  return node;
}
