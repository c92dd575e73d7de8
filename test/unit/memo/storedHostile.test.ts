import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalMemoJson, extractMemoContent } from '../../../shared/memo/content';
import { diffMemoContent } from '../../../shared/memo/diff';
import { checkDraft } from '../../../shared/memo/draftCheck';
import { MEMO_NODES } from '../../../shared/memo/format';
import { memoFragment } from '../../../shared/memo/memoDoc';
import { redactMemoContent } from '../../../shared/memo/redaction';
import { summarizeMemo } from '../../../shared/memo/summary';
import { statementContent, statementFragment } from '../../../shared/statements/format';
import { agreedPoint, followUp, memoDoc, paragraph, section } from './build';

// What the server stored before it checked the layout may be anything a writer sent. Every
// reader of a stored memo must still answer, read only what the layout allows and never let
// such content past its level: the approval, the summary, the draft check, the redaction.

const DEPTH = 20_000;

/** Nest `depth` copies of `name` inside `parent` (already in a document), innermost last. */
function nest(parent: Y.XmlElement, name: string, depth: number, innermost: Y.XmlElement) {
  parent.doc!.transact(() => {
    let at = parent;
    for (let i = 0; i < depth; i++) {
      const next = new Y.XmlElement(name);
      at.insert(0, [next]);
      at = next;
    }
    at.insert(0, [innermost]);
  });
}

const at = (node: Y.XmlElement | Y.XmlFragment, index: number) => node.get(index) as Y.XmlElement;

describe('readers of stored memos against content from before the layout was checked', () => {
  it('read a memo holding a 20,000-level nesting bomb without recursing into it', () => {
    const doc = memoDoc(
      section(
        { id: 'sec_000001', title: 'Talousarvio', confidentiality: 'public' },
        paragraph('Pinnalla.', 'public'),
        agreedPoint('ap_000001', 'Sovittu.', 'public'),
      ),
    );
    nest(at(at(memoFragment(doc), 0), 1), MEMO_NODES.paragraph, DEPTH, paragraph('POHJALLA'));
    const content = extractMemoContent(doc, []);
    expect(canonicalMemoJson(content)).not.toContain('POHJALLA');
    const [first] = content.sections;
    expect(first?.kind === 'section' && first.blocks).toEqual([
      { kind: 'notes', id: null, confidentiality: 'public', paragraphs: ['Pinnalla.'] },
      expect.objectContaining({ kind: 'agreedPoint', paragraphs: ['Sovittu.'] }),
    ]);
    expect(summarizeMemo(doc, []).sections[0]?.agreedPoints).toHaveLength(1);
    expect(checkDraft(content, []).blockers).toEqual([]);
    expect(diffMemoContent(content, redactMemoContent(content, 'public'))).toEqual([]);
  });

  it('keep a confidential paragraph smuggled into a public title out of every rendering', () => {
    const doc = memoDoc(
      section(
        { id: 'sec_000001', title: 'Kouluverkko', confidentiality: 'public' },
        paragraph('Julkinen.', 'public'),
      ),
      section({ id: 'sec_000002', title: 'Muut' }, paragraph('Teksti.')),
    );
    const first = at(memoFragment(doc), 0);
    at(first, 0).insert(1, [paragraph('SALAINEN_OTSIKOSSA', 'confidential')]);
    // And a section smuggled into a paragraph, with its own title and level.
    at(at(memoFragment(doc), 1), 1).insert(1, [
      section({ id: 'sec_000003', title: 'SISAKKAINEN', confidentiality: 'public' }),
    ]);
    const content = extractMemoContent(doc, []);
    const everything = canonicalMemoJson(content);
    expect(everything).not.toContain('SALAINEN_OTSIKOSSA');
    expect(everything).not.toContain('SISAKKAINEN');
    expect(content.sections.map((s) => s.kind === 'section' && s.title)).toEqual([
      'Kouluverkko',
      'Muut',
    ]);
    expect(
      summarizeMemo(doc, []).sections.map((s) => [s.title, s.confidentialBlocks.length]),
    ).toEqual([
      ['Kouluverkko', 0],
      ['Muut', 0],
    ]);
  });

  it('read a follow-up due date that is not a date as none, keeping real ones', () => {
    const doc = memoDoc(
      section(
        { id: 'sec_000001', title: 'Seuranta' },
        followUp('fu_000001', 'Huono päiväys', { due: '2027-02-30' }),
        followUp('fu_000002', 'Ei päiväys', { due: 'ensi viikolla' }),
        followUp('fu_000003', 'Hyvä päiväys', { due: '2027-03-01' }),
      ),
    );
    const [first] = extractMemoContent(doc, []).sections;
    expect(
      first?.kind === 'section' && first.blocks.map((b) => b.kind === 'followUp' && b.due),
    ).toEqual(['', '', '2027-03-01']);
    expect(summarizeMemo(doc, []).sections[0]?.followUps.map((f) => f.due)).toEqual([
      '',
      '',
      '2027-03-01',
    ]);
  });

  it('read a statement with lists nested 20,000 deep, in document order', () => {
    const doc = new Y.Doc();
    const fragment = statementFragment(doc);
    const list = new Y.XmlElement('bulletList');
    const item = new Y.XmlElement('listItem');
    fragment.insert(0, [list]);
    list.insert(0, [item]);
    item.insert(0, [paragraph('ylin')]);
    doc.transact(() => {
      let at = item;
      for (let i = 0; i < DEPTH; i++) {
        const nested = new Y.XmlElement(i % 2 === 0 ? 'bulletList' : 'listItem');
        at.insert(at.length, [nested]);
        at = nested;
      }
      at.insert(0, [paragraph('alin')]);
    });
    expect(statementContent(doc)).toEqual({
      blocks: [{ type: 'list', ordered: false, items: [[{ text: 'ylin\nalin' }]] }],
    });
  });
});
