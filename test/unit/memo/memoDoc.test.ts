import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BLOCK_ID_PATTERN, MEMO_NODES } from '../../../shared/memo/format';
import {
  appendAgendaSections,
  descriptionParagraphs,
  MAX_SEEDED_PARAGRAPHS,
  memoFragment,
  plainText,
  readMemo,
  sectionAgendaIds,
} from '../../../shared/memo/memoDoc';
import {
  agreedPoint,
  bulletList,
  followUp,
  listItem,
  memoDoc,
  orderedList,
  paragraph,
  section,
} from './build';

const agenda = [
  { agendaItemId: 'item-1', title: 'Talousarvio 2027', confidentiality: 'groups' as const },
  { agendaItemId: 'item-2', title: 'Henkilöstö', confidentiality: 'confidential' as const },
];

describe('appendAgendaSections', () => {
  it('adds one section per agenda item, with a title and an empty notes paragraph', () => {
    const doc = new Y.Doc();
    expect(appendAgendaSections(doc, agenda)).toBe(2);
    const memo = readMemo(doc);
    expect(
      memo.map(({ agendaItemId, title, confidentiality }) => ({
        agendaItemId,
        title,
        confidentiality,
      })),
    ).toEqual([
      { agendaItemId: 'item-1', title: 'Talousarvio 2027', confidentiality: 'groups' },
      { agendaItemId: 'item-2', title: 'Henkilöstö', confidentiality: 'confidential' },
    ]);
    for (const section of memo) {
      expect(section.id).toMatch(BLOCK_ID_PATTERN);
      expect(section.blocks).toEqual([
        expect.objectContaining({ kind: 'notes', id: null, text: '' }),
      ]);
    }
    expect(memo[0]!.id).not.toBe(memo[1]!.id);
  });

  it('is idempotent and appends only the items that have no section yet', () => {
    const doc = new Y.Doc();
    appendAgendaSections(doc, agenda.slice(0, 1));
    const before = Y.encodeStateAsUpdate(doc);
    expect(appendAgendaSections(doc, agenda.slice(0, 1))).toBe(0);
    // Nothing was written at all: no empty transaction that a server would store or relay.
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);

    expect(appendAgendaSections(doc, agenda)).toBe(1);
    expect(appendAgendaSections(doc, agenda)).toBe(0);
    expect(readMemo(doc).map((s) => s.agendaItemId)).toEqual(['item-1', 'item-2']);
    expect(sectionAgendaIds(doc)).toEqual(new Set(['item-1', 'item-2']));
  });

  it("starts a section with its item's description at the item's level, then empty notes", () => {
    const doc = new Y.Doc();
    appendAgendaSections(doc, [
      { ...agenda[0]!, description: 'Raamit ja aikataulu.\r\n\r\n  Lautakuntien esitykset.  ' },
      { ...agenda[1]!, description: 'Nimitysasia.' },
      {
        agendaItemId: 'item-3',
        title: 'Tiedotus',
        confidentiality: 'public',
        description: 'Lehdistötiedote.',
      },
    ]);
    const blocks = readMemo(doc).map((section) =>
      section.blocks.map(({ kind, text, confidentiality }) => ({ kind, text, confidentiality })),
    );
    expect(blocks).toEqual([
      [
        { kind: 'notes', text: 'Raamit ja aikataulu.', confidentiality: 'groups' },
        { kind: 'notes', text: 'Lautakuntien esitykset.', confidentiality: 'groups' },
        { kind: 'notes', text: '', confidentiality: 'groups' },
      ],
      [
        { kind: 'notes', text: 'Nimitysasia.', confidentiality: 'confidential' },
        { kind: 'notes', text: '', confidentiality: 'confidential' },
      ],
      [
        // The agenda's public text stays public; what is said about it starts at the default.
        { kind: 'notes', text: 'Lehdistötiedote.', confidentiality: 'public' },
        { kind: 'notes', text: '', confidentiality: 'groups' },
      ],
    ]);
    // Stored as the level the paragraph itself carries, not only as the section's.
    const confidentialSection = memoFragment(doc).get(1) as Y.XmlElement;
    expect((confidentialSection.get(1) as Y.XmlElement).getAttribute('confidentiality')).toBe(
      'confidential',
    );
  });

  it('seeds a description of many lines as a bounded number of paragraphs, losing no words', () => {
    const lines = Array.from({ length: 2_500 }, (_, index) => `r${index}`);
    const paragraphs = descriptionParagraphs(lines.join('\n'));
    expect(paragraphs).toHaveLength(MAX_SEEDED_PARAGRAPHS);
    expect(paragraphs.join(' ').split(' ')).toEqual(lines);
    expect(descriptionParagraphs('\n \n\t\n')).toEqual([]);
    expect(descriptionParagraphs('Yksi\rKaksi')).toEqual(['Yksi', 'Kaksi']);
  });

  it('leaves sections that people added or edited alone', () => {
    const doc = memoDoc(section({ id: 'sec_own01', title: 'Muut asiat' }, paragraph('Huom')));
    appendAgendaSections(doc, agenda);
    expect(readMemo(doc).map((s) => s.title)).toEqual([
      'Muut asiat',
      'Talousarvio 2027',
      'Henkilöstö',
    ]);
  });
});

describe('plainText', () => {
  const child = (node: Y.XmlElement | Y.XmlFragment, index: number) =>
    node.get(index) as Y.XmlElement;

  it('joins paragraphs and list items with newlines and inline runs without', () => {
    const doc = memoDoc(
      section(
        { id: 'sec_000001', title: ' Otsikko ' },
        bulletList([
          listItem(paragraph('yksi')),
          listItem(
            paragraph([{ text: 'kak', marks: { bold: true } }, { text: 'si' }]),
            paragraph(''),
          ),
        ]),
      ),
    );
    const sectionNode = child(memoFragment(doc), 0);
    expect(plainText(child(sectionNode, 0))).toBe('Otsikko');
    expect(plainText(child(sectionNode, 1))).toBe('yksi\nkaksi');
  });

  it('reads only what the layout allows inside the node', () => {
    // No nested lists in the memo, no paragraph in a title, no section in a paragraph: what a
    // writer smuggled in is not text of the node (it could carry words past the node's level).
    const doc = memoDoc(
      section(
        { id: 'sec_000001', title: 'Otsikko' },
        bulletList([listItem(paragraph('yksi'), orderedList([listItem(paragraph('piilossa'))]))]),
        paragraph('teksti'),
      ),
    );
    const sectionNode = child(memoFragment(doc), 0);
    child(sectionNode, 0).insert(1, [paragraph('luottamuksellinen', 'confidential')]);
    child(sectionNode, 2).insert(1, [section({ id: 'sec_000002', title: 'sisällä' })]);
    expect(plainText(child(sectionNode, 0))).toBe('Otsikko');
    expect(plainText(child(sectionNode, 1))).toBe('yksi');
    expect(plainText(child(sectionNode, 2))).toBe('teksti');
  });
});

describe('readMemo', () => {
  it('reads sections and typed blocks in document order', () => {
    const doc = memoDoc(
      section(
        { id: 'sec_000001', title: 'Talousarvio', agendaItemId: 'item-1' },
        paragraph('Keskusteltiin säästöistä.'),
        agreedPoint('ap_000001', 'Valmistellaan säästölista.'),
        bulletList([listItem(paragraph('kohta'))], 'public'),
        followUp('fu_000001', 'Selvitys kouluverkosta', { owner: 'SDP', due: '2027-01-31' }),
      ),
      section({ id: 'sec_000002', title: 'Muut' }),
    );
    expect(readMemo(doc)).toEqual([
      {
        id: 'sec_000001',
        agendaItemId: 'item-1',
        title: 'Talousarvio',
        confidentiality: 'groups',
        blocks: [
          notes('Keskusteltiin säästöistä.', 'groups'),
          {
            kind: 'agreedPoint',
            id: 'ap_000001',
            text: 'Valmistellaan säästölista.',
            paragraphs: ['Valmistellaan säästölista.'],
            confidentiality: 'groups',
            owner: '',
            due: '',
          },
          // A block may not be more open than its section: public inside groups reads groups.
          { ...notes('kohta', 'groups'), paragraphs: ['• kohta'] },
          {
            kind: 'followUp',
            id: 'fu_000001',
            text: 'Selvitys kouluverkosta',
            paragraphs: ['Selvitys kouluverkosta'],
            confidentiality: 'groups',
            owner: 'SDP',
            due: '2027-01-31',
          },
        ],
      },
      {
        id: 'sec_000002',
        agendaItemId: null,
        title: 'Muut',
        confidentiality: 'groups',
        blocks: [],
      },
    ]);
  });

  it('combines block and section levels with the more closed one winning', () => {
    const doc = memoDoc(
      section(
        { id: 'sec_000001', title: 'Julkinen', confidentiality: 'public' },
        paragraph('auki', 'public'),
        agreedPoint('ap_000001', 'salainen kohta', 'confidential'),
      ),
      section(
        { id: 'sec_000002', title: 'Salainen', confidentiality: 'confidential' },
        paragraph('julkiseksi merkitty', 'public'),
      ),
    );
    const [open, closed] = readMemo(doc);
    expect(open!.blocks.map((b) => b.confidentiality)).toEqual(['public', 'confidential']);
    expect(closed!.blocks.map((b) => b.confidentiality)).toEqual(['confidential']);
  });

  it('skips what is not a section at the root and ignores bad attribute values', () => {
    const stray = new Y.XmlElement(MEMO_NODES.paragraph);
    const odd = section({ id: 'sec_000001', title: 'T' }, agreedPoint('ap_000001', 'x'));
    odd.setAttribute('confidentiality', 'top-secret');
    const doc = memoDoc(stray, new Y.XmlText('loose text'), odd);
    const memo = readMemo(doc);
    expect(memo).toHaveLength(1);
    expect(memo[0]!.confidentiality).toBe('groups');
  });
});

function notes(text: string, confidentiality: string) {
  return { kind: 'notes', id: null, text, paragraphs: [text], confidentiality, owner: '', due: '' };
}
