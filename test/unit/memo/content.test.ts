import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalMemoJson,
  extractMemoContent,
  type ContentSection,
} from '../../../shared/memo/content';
import { MEMO_NODES } from '../../../shared/memo/format';
import { memoFragment } from '../../../shared/memo/memoDoc';
import { writeDissent, writeStance } from '../../../shared/memo/partyDoc';
import { agreedPoint, followUp, memoDoc, partyDoc, section } from './build';
import { fixtureContent, fixtureParties, GROUPS_ONLY, SECRET } from './contentFixture';

function sectionAt(index: number): ContentSection {
  const found = fixtureContent().sections[index];
  if (found?.kind !== 'section') throw new Error(`no section at ${index}`);
  return found;
}

describe('extractMemoContent', () => {
  it('lists the parties and every section in document order, nothing withheld', () => {
    const content = fixtureContent();
    expect(content.format).toBe(1);
    expect(content.audience).toBe('negotiators');
    expect(content.parties).toEqual([
      { partyId: 'p-kesk', shortName: 'KESK', name: 'Keskusta' },
      { partyId: 'p-sdp', shortName: 'SDP', name: 'SDP' },
      { partyId: 'p-vihr', shortName: 'VIHR', name: 'Vihreät' },
    ]);
    expect(content.sections.map((s) => s.kind === 'section' && s.id)).toEqual([
      'sec_000001',
      'sec_000002',
      'sec_000003',
    ]);
  });

  it('reads blocks with paragraphs, effective levels, stances in party order and follow-ups', () => {
    const first = sectionAt(0);
    expect(first).toMatchObject({
      kind: 'section',
      agendaItemId: 'item-1',
      title: 'Talousarvio',
      confidentiality: 'public',
    });
    expect(first.blocks).toEqual([
      { kind: 'notes', id: null, confidentiality: 'public', paragraphs: ['Julkinen johdanto.'] },
      {
        kind: 'agreedPoint',
        id: 'ap_000001',
        confidentiality: 'public',
        paragraphs: ['Säästölista valmistellaan.'],
        stances: [
          { partyId: 'p-kesk', entry: { stance: 'agree', reason: '' } },
          { partyId: 'p-sdp', entry: { stance: 'reservation', reason: 'Ryhmä päättää.' } },
          // A party without a loaded room has stated nothing.
          { partyId: 'p-vihr', entry: null },
        ],
      },
      {
        kind: 'agreedPoint',
        id: 'ap_000002',
        confidentiality: 'confidential',
        paragraphs: [SECRET.block],
        stances: [
          { partyId: 'p-kesk', entry: { stance: 'dissent', reason: SECRET.stance } },
          { partyId: 'p-sdp', entry: null },
          { partyId: 'p-vihr', entry: null },
        ],
      },
      {
        kind: 'notes',
        id: null,
        confidentiality: 'groups',
        paragraphs: ['• eka', `• ${GROUPS_ONLY}`],
      },
      {
        kind: 'followUp',
        id: 'fu_000001',
        confidentiality: 'public',
        paragraphs: ['Selvitys'],
        owner: 'KOK',
        due: '2027-02-01',
      },
    ]);
  });

  it('gives each section its dissents in party order, then by id, at the more closed level', () => {
    expect(sectionAt(0).dissents).toEqual([
      {
        kind: 'dissent',
        id: 'ds_000001',
        partyId: 'p-kesk',
        reason: 'Julkinen eriävä kanta.',
        confidentiality: 'public',
      },
      {
        kind: 'dissent',
        id: 'ds_000002',
        partyId: 'p-kesk',
        reason: SECRET.dissent,
        confidentiality: 'confidential',
      },
    ]);
    // Marked public, but its section is groups-level.
    expect(sectionAt(2).dissents).toEqual([
      expect.objectContaining({ id: 'ds_000003', partyId: 'p-sdp', confidentiality: 'groups' }),
    ]);
  });

  it('makes blocks no more open than a confidential section, numbers lists, drops empty notes', () => {
    expect(sectionAt(1).blocks.map((b) => b.kind !== 'withheld' && b.confidentiality)).toEqual([
      'confidential',
      'confidential',
    ]);
    expect(sectionAt(2).blocks).toEqual([
      { kind: 'notes', id: null, confidentiality: 'groups', paragraphs: ['1. yksi', '2. kaksi'] },
    ]);
  });

  it('keeps hard breaks as newlines and leaves out dissents of sections that are gone', () => {
    const broken = new Y.XmlElement(MEMO_NODES.paragraph);
    broken.insert(0, [
      new Y.XmlText('rivi 1'),
      new Y.XmlElement(MEMO_NODES.hardBreak),
      new Y.XmlText('rivi 2'),
    ]);
    const memo = memoDoc(section({ id: 'sec_000001', title: 'T' }, broken));
    const party = partyDoc((doc) =>
      writeDissent(doc, 'ds_gone01', {
        sectionId: 'sec_gone01',
        reason: 'x',
        confidentiality: 'groups',
      }),
    );
    const content = extractMemoContent(memo, [
      { partyId: 'p', shortName: 'P', name: 'P', doc: party },
    ]);
    expect(content.sections).toEqual([
      expect.objectContaining({
        blocks: [expect.objectContaining({ paragraphs: ['rivi 1\nrivi 2'] })],
        dissents: [],
      }),
    ]);
  });
});

describe('canonicalMemoJson', () => {
  it('sorts keys at every depth and has no whitespace', () => {
    expect(canonicalJson({ b: [{ z: 1, a: null }], a: 'x y', c: undefined })).toBe(
      '{"a":"x y","b":[{"a":null,"z":1}]}',
    );
    const json = canonicalMemoJson(fixtureContent());
    expect(json).not.toMatch(/[{,:]\s|\s[}\],:]/);
    expect(JSON.parse(json)).toEqual(fixtureContent());
  });

  it('is identical for the same content built in a different order', () => {
    const parties = fixtureParties();
    const a = memoDoc(
      section(
        { id: 'sec_000001', title: 'Eka', agendaItemId: 'item-1' },
        agreedPoint('ap_000001', 'Linja'),
      ),
      section(
        { id: 'sec_000002', title: 'Toka' },
        followUp('fu_000001', 'Tehtävä', { owner: 'SDP' }),
      ),
    );
    const b = new Y.Doc();
    const second = section(
      { id: 'sec_000002', title: 'Toka' },
      followUp('fu_000001', 'Tehtävä', { owner: 'SDP' }),
    );
    memoFragment(b).insert(0, [second]);
    // Attributes set in the other order, the section inserted before the one already there.
    const first = new Y.XmlElement(MEMO_NODES.section);
    first.setAttribute('agendaItemId', 'item-1');
    first.setAttribute('id', 'sec_000001');
    memoFragment(b).insert(0, [first]);
    first.insert(0, [agreedPoint('ap_000001', 'Linja')]);
    const title = new Y.XmlElement(MEMO_NODES.sectionTitle);
    title.insert(0, [new Y.XmlText('Eka')]);
    first.insert(0, [title]);

    const stancesA = partyDoc((doc) => {
      writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' });
      writeDissent(doc, 'ds_000001', {
        sectionId: 'sec_000001',
        reason: 'r1',
        confidentiality: 'groups',
      });
      writeDissent(doc, 'ds_000002', {
        sectionId: 'sec_000002',
        reason: 'r2',
        confidentiality: 'public',
      });
    });
    const stancesB = partyDoc((doc) => {
      writeDissent(doc, 'ds_000002', {
        sectionId: 'sec_000002',
        reason: 'r2',
        confidentiality: 'public',
      });
      writeDissent(doc, 'ds_000001', {
        sectionId: 'sec_000001',
        reason: 'r1',
        confidentiality: 'groups',
      });
      writeStance(doc, 'ap_000001', { stance: 'dissent', reason: 'muutettu' });
      writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' });
    });
    const withRoom = (doc: Y.Doc) => [
      { ...parties[0]!, doc },
      { ...parties[2]!, doc: null },
    ];
    const jsonA = canonicalMemoJson(extractMemoContent(a, withRoom(stancesA)));
    const jsonB = canonicalMemoJson(extractMemoContent(b, withRoom(stancesB)));
    expect(jsonB).toBe(jsonA);
    expect(jsonA).toContain('"title":"Eka"');
  });
});
