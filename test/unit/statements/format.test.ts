import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StatementContent } from '../../../shared/statements/content';
import {
  STATEMENT_FRAGMENT,
  canonicalStatementJson,
  isEmptyStatement,
  statementContent,
  statementFragment,
  statementPlainText,
  statementRoomName,
} from '../../../shared/statements/format';

type Child = Y.XmlElement | Y.XmlText;

function node(name: string, ...children: Child[]): Y.XmlElement {
  const element = new Y.XmlElement(name);
  element.insert(0, children);
  return element;
}

/** Text runs as y-prosemirror writes them: marks are formatting attributes with `{}` values. */
function text(...runs: (string | [string, Record<string, unknown>])[]): Y.XmlText {
  const content = new Y.XmlText();
  let offset = 0;
  for (const run of runs) {
    // Explicit {} for plain runs: without attributes Yjs would continue the marks before it.
    const [value, marks] = typeof run === 'string' ? [run, {}] : run;
    content.insert(offset, value, marks);
    offset += value.length;
  }
  return content;
}

const p = (...children: Child[]) => node('paragraph', ...children);
const li = (...children: Y.XmlElement[]) => node('listItem', ...children);

function docWith(...blocks: Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc();
  statementFragment(doc).insert(0, blocks);
  return doc;
}

describe('statement room and layout', () => {
  it('names the room after the statement', () => {
    expect(statementRoomName('abc-123')).toBe('abc-123/statement');
    expect(STATEMENT_FRAGMENT).toBe('statement');
  });
});

describe('statementContent', () => {
  it('reads an empty document as no blocks', () => {
    const content = statementContent(new Y.Doc());
    expect(content).toEqual({ blocks: [] });
    expect(isEmptyStatement(content)).toBe(true);
    expect(statementPlainText(content)).toBe('');
  });

  it('reads paragraphs with marks, merged runs, sorted marks and hard breaks', () => {
    const doc = docWith(
      p(
        text('Ryhmät ', ['yhdessä', { bold: {} }], [' ja', { bold: {} }], ' ', [
          'päättävät',
          { underline: {}, italic: {} },
        ]),
        node('hardBreak'),
        text('Äänekoski'),
      ),
      p(),
      p(text('')),
    );
    expect(statementContent(doc)).toEqual({
      blocks: [
        {
          type: 'paragraph',
          runs: [
            { text: 'Ryhmät ' },
            { text: 'yhdessä ja', marks: ['bold'] },
            { text: ' ' },
            { text: 'päättävät', marks: ['italic', 'underline'] },
            { text: '\nÄänekoski' },
          ],
        },
      ],
    });
  });

  it('ignores removed marks (null values) and unknown attributes', () => {
    const doc = docWith(p(text(['sana', { bold: null, strike: {}, link: { href: 'x' } }])));
    expect(statementContent(doc).blocks).toEqual([
      { type: 'paragraph', runs: [{ text: 'sana', marks: ['strike'] }] },
    ]);
  });

  it('reads bullet and ordered lists, a list item per entry, empty items left out', () => {
    const doc = docWith(
      node(
        'bulletList',
        li(p(text('Ensimmäinen'))),
        li(p()),
        li(p(text('Toinen')), p(text('jatko'))),
      ),
      node(
        'orderedList',
        li(p(text('Yksi')), node('bulletList', li(p(text('sisempi'))))),
        li(p(text('Kaksi'))),
      ),
      node('bulletList', li(p())),
    );
    const content = statementContent(doc);
    expect(content.blocks).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [[{ text: 'Ensimmäinen' }], [{ text: 'Toinen\njatko' }]],
      },
      {
        type: 'list',
        ordered: true,
        items: [[{ text: 'Yksi\nsisempi' }], [{ text: 'Kaksi' }]],
      },
    ]);
    expect(statementPlainText(content)).toBe(
      '• Ensimmäinen\n• Toinen\njatko\n\n1. Yksi\nsisempi\n2. Kaksi',
    );
  });

  it('counts whitespace-only text as empty', () => {
    const content = statementContent(docWith(p(text('  ')), p(node('hardBreak'))));
    expect(content.blocks).toHaveLength(2);
    expect(isEmptyStatement(content)).toBe(true);
    expect(isEmptyStatement(statementContent(docWith(p(text(' x ')))))).toBe(false);
  });

  it('reads only the statement fragment, whatever else a document holds', () => {
    const doc = docWith(p(text('Teksti')));
    doc.getMap('consent').set('party-b', 'consent');
    doc.getXmlFragment('memo').insert(0, [p(text('muu'))]);
    expect(statementContent(doc).blocks).toEqual([
      { type: 'paragraph', runs: [{ text: 'Teksti' }] },
    ]);
  });
});

describe('canonicalStatementJson', () => {
  const content: StatementContent = {
    blocks: [{ type: 'paragraph', runs: [{ marks: ['bold'], text: 'A' }, { text: 'b' }] }],
  };

  it('is stable: sorted keys, no whitespace', () => {
    expect(canonicalStatementJson(content)).toBe(
      '{"blocks":[{"runs":[{"marks":["bold"],"text":"A"},{"text":"b"}],"type":"paragraph"}]}',
    );
  });

  it('is the same for the same words typed in different orders or by different editors', () => {
    const a = docWith(p(text('Yhteinen kannanotto')));
    const b = new Y.Doc();
    const paragraph = p();
    statementFragment(b).insert(0, [paragraph]);
    const t = new Y.XmlText();
    paragraph.insert(0, [t]);
    t.insert(0, 'kannanotto');
    t.insert(0, 'Yhteinen ');
    expect(canonicalStatementJson(statementContent(b))).toBe(
      canonicalStatementJson(statementContent(a)),
    );
  });

  it('differs when a mark changes', () => {
    const plain = statementContent(docWith(p(text('sana'))));
    const bold = statementContent(docWith(p(text(['sana', { bold: {} }]))));
    expect(canonicalStatementJson(plain)).not.toBe(canonicalStatementJson(bold));
    expect(statementPlainText(plain)).toBe(statementPlainText(bold));
  });
});
