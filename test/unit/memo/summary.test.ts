import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { writeDissent, writeStance } from '../../../shared/memo/partyDoc';
import { summarizeMemo } from '../../../shared/memo/summary';
import { agreedPoint, followUp, memoDoc, paragraph, partyDoc, section } from './build';

describe('summarizeMemo', () => {
  const memo = memoDoc(
    section(
      { id: 'sec_000001', title: 'Talousarvio', agendaItemId: 'item-1' },
      paragraph('Muistiinpanot'),
      agreedPoint('ap_000001', 'Säästölista valmistellaan.'),
      agreedPoint('ap_000002', 'Verotus ennallaan.'),
      followUp('fu_000001', 'Selvitys', { owner: 'KOK', due: '2027-02-01' }),
    ),
    section({ id: 'sec_000002', title: 'Kouluverkko', agendaItemId: 'item-2' }),
  );
  const kesk = partyDoc((doc) => {
    writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' });
    writeStance(doc, 'ap_000002', { stance: 'reservation', reason: 'Ryhmä päättää.' });
    writeDissent(doc, 'ds_000001', {
      sectionId: 'sec_000002',
      reason: 'Koulut säilytettävä.',
      confidentiality: 'groups',
    });
  });
  const sdp = partyDoc((doc) => {
    writeStance(doc, 'ap_000001', { stance: 'dissent', reason: 'Leikkaa palveluista.' });
    // A stance on an agreed point that is not in the memo (deleted meanwhile) shows nowhere.
    writeStance(doc, 'ap_gone01', { stance: 'agree', reason: '' });
    // A dissent whose section is gone shows nowhere either.
    writeDissent(doc, 'ds_gone01', {
      sectionId: 'sec_gone01',
      reason: 'Vanha',
      confidentiality: 'groups',
    });
  });
  const parties = [
    { partyId: 'kesk', doc: kesk },
    { partyId: 'sdp', doc: sdp },
    { partyId: 'ps', doc: null },
  ];

  it('lists every party’s stance on each agreed point, in party order, unstated as null', () => {
    const [first] = summarizeMemo(memo, parties).sections;
    expect(first!.agreedPoints).toEqual([
      {
        id: 'ap_000001',
        text: 'Säästölista valmistellaan.',
        confidentiality: 'groups',
        stances: [
          { partyId: 'kesk', entry: { stance: 'agree', reason: '' } },
          { partyId: 'sdp', entry: { stance: 'dissent', reason: 'Leikkaa palveluista.' } },
          { partyId: 'ps', entry: null },
        ],
      },
      {
        id: 'ap_000002',
        text: 'Verotus ennallaan.',
        confidentiality: 'groups',
        stances: [
          { partyId: 'kesk', entry: { stance: 'reservation', reason: 'Ryhmä päättää.' } },
          { partyId: 'sdp', entry: null },
          { partyId: 'ps', entry: null },
        ],
      },
    ]);
  });

  it('lists dissenting stances and dissent blocks under their sections', () => {
    const [first, second] = summarizeMemo(memo, parties).sections;
    expect(first!.dissents).toEqual([
      {
        id: 'ap_000001',
        partyId: 'sdp',
        reason: 'Leikkaa palveluista.',
        confidentiality: 'groups',
        agreedPointId: 'ap_000001',
      },
    ]);
    expect(second!.dissents).toEqual([
      {
        id: 'ds_000001',
        partyId: 'kesk',
        reason: 'Koulut säilytettävä.',
        confidentiality: 'groups',
        agreedPointId: null,
      },
    ]);
    expect(JSON.stringify(summarizeMemo(memo, parties))).not.toContain('gone');
  });

  it('lists follow-ups with who and by when, and keeps section order and titles', () => {
    const { sections } = summarizeMemo(memo, parties);
    expect(sections.map((s) => [s.sectionId, s.agendaItemId, s.title])).toEqual([
      ['sec_000001', 'item-1', 'Talousarvio'],
      ['sec_000002', 'item-2', 'Kouluverkko'],
    ]);
    expect(sections[0]!.followUps).toEqual([
      {
        id: 'fu_000001',
        text: 'Selvitys',
        owner: 'KOK',
        due: '2027-02-01',
        confidentiality: 'groups',
      },
    ]);
    expect(sections[1]!.followUps).toEqual([]);
  });

  it('summarises an empty memo, and a memo without party documents', () => {
    expect(summarizeMemo(new Y.Doc(), parties)).toEqual({ sections: [] });
    const [first] = summarizeMemo(memo, []).sections;
    expect(first!.agreedPoints[0]!.stances).toEqual([]);
    expect(first!.dissents).toEqual([]);
  });

  describe('confidential blocks', () => {
    const longText = `Henkilöstö ${'x'.repeat(200)}`;
    const closedMemo = memoDoc(
      section(
        { id: 'sec_open01', title: 'Avoin', confidentiality: 'groups' },
        paragraph('Salainen huomio', 'confidential'),
        agreedPoint('ap_secret1', longText, 'confidential'),
        agreedPoint('ap_public1', 'Julkinen kohta', 'public'),
        followUp('fu_secret1', 'Salainen selvitys', { confidentiality: 'confidential' }),
      ),
      section(
        { id: 'sec_closed', title: 'Salainen osio', confidentiality: 'confidential' },
        paragraph('Osion teksti', 'public'),
        agreedPoint('ap_inside1', 'Osion kohta', 'public'),
      ),
    );
    const party = partyDoc((doc) => {
      writeDissent(doc, 'ds_secret1', {
        sectionId: 'sec_open01',
        reason: 'Salainen eriävä',
        confidentiality: 'confidential',
      });
      writeDissent(doc, 'ds_open001', {
        sectionId: 'sec_open01',
        reason: 'Avoin eriävä',
        confidentiality: 'public',
      });
      writeDissent(doc, 'ds_inside1', {
        sectionId: 'sec_closed',
        reason: 'Eriävä salaisessa osiossa',
        confidentiality: 'public',
      });
    });
    const { sections } = summarizeMemo(closedMemo, [{ partyId: 'vas', doc: party }]);
    const [open, closed] = sections;

    it('lists each confidential block of an open section, notes under the section id', () => {
      expect(open!.confidentialBlocks).toEqual([
        { id: 'sec_open01', kind: 'notes', excerpt: 'Salainen huomio' },
        {
          id: 'ap_secret1',
          kind: 'agreedPoint',
          excerpt: expect.stringMatching(/^Henkilöstö x+…$/),
        },
        { id: 'fu_secret1', kind: 'followUp', excerpt: 'Salainen selvitys' },
        { id: 'ds_secret1', kind: 'dissent', excerpt: 'Salainen eriävä' },
      ]);
      expect(open!.confidentialBlocks[1]!.excerpt).toHaveLength(120);
    });

    it('lists a confidential section once, not each block in it again', () => {
      expect(closed!.confidentialBlocks).toEqual([
        { id: 'sec_closed', kind: 'section', excerpt: 'Salainen osio' },
      ]);
    });

    it('never shows a block or dissent as more open than its section (mostClosed)', () => {
      expect(open!.agreedPoints.map((p) => [p.id, p.confidentiality])).toEqual([
        ['ap_secret1', 'confidential'],
        ['ap_public1', 'groups'],
      ]);
      expect(closed!.agreedPoints.map((p) => p.confidentiality)).toEqual(['confidential']);
      // Dissent blocks come in id order (readDissents sorts them).
      expect(open!.dissents.map((d) => [d.id, d.confidentiality])).toEqual([
        ['ds_open001', 'groups'],
        ['ds_secret1', 'confidential'],
      ]);
      expect(closed!.dissents.map((d) => [d.id, d.confidentiality])).toEqual([
        ['ds_inside1', 'confidential'],
      ]);
    });
  });
});
