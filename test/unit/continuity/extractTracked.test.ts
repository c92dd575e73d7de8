import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { extractMemoContent } from '../../../shared/memo/content';
import { MEMO_NODES } from '../../../shared/memo/format';
import { writeDissent, writeStance } from '../../../shared/memo/partyDoc';
import { redactMemoContent } from '../../../shared/memo/redaction';
import { extractTrackedItems } from '../../../server/continuity/extractTracked';
import { agreedPoint, followUp, memoDoc, paragraph, partyDoc, section } from '../memo/build';
import { fixtureContent, GROUPS_ONLY, SECRET } from '../memo/contentFixture';

describe('extractTrackedItems', () => {
  it('finds every follow-up, dissenting stance and section dissent, in memo order', () => {
    expect(extractTrackedItems(fixtureContent())).toEqual([
      {
        kind: 'dissent',
        sourceId: 'ap_000002:p-kesk',
        key: 'stance:ap_000002:p-kesk',
        position: 0,
        sectionTitle: 'Talousarvio',
        text: SECRET.stance,
        owner: '',
        ownerRef: null,
        due: '',
        partyId: 'p-kesk',
        // The stance is as closed as the confidential point it is about.
        confidentiality: 'confidential',
        caseLink: null,
      },
      {
        kind: 'followUp',
        sourceId: 'fu_000001',
        key: 'followUp:fu_000001',
        position: 1,
        sectionTitle: 'Talousarvio',
        text: 'Selvitys',
        owner: 'KOK',
        ownerRef: null,
        due: '2027-02-01',
        partyId: null,
        confidentiality: 'public',
        caseLink: null,
      },
      {
        kind: 'dissent',
        sourceId: 'ds_000001',
        key: 'dissent:ds_000001:p-kesk',
        position: 2,
        sectionTitle: 'Talousarvio',
        text: 'Julkinen eriävä kanta.',
        owner: '',
        ownerRef: null,
        due: '',
        partyId: 'p-kesk',
        confidentiality: 'public',
        caseLink: null,
      },
      {
        kind: 'dissent',
        sourceId: 'ds_000002',
        key: 'dissent:ds_000002:p-kesk',
        position: 3,
        sectionTitle: 'Talousarvio',
        text: SECRET.dissent,
        owner: '',
        ownerRef: null,
        due: '',
        partyId: 'p-kesk',
        confidentiality: 'confidential',
        caseLink: null,
      },
      {
        kind: 'dissent',
        sourceId: 'ds_000003',
        key: 'dissent:ds_000003:p-sdp',
        position: 4,
        sectionTitle: 'Kouluverkko',
        text: GROUPS_ONLY,
        owner: '',
        ownerRef: null,
        due: '',
        partyId: 'p-sdp',
        // A public dissent in a groups-level section is at the section's level.
        confidentiality: 'groups',
        caseLink: null,
      },
    ]);
  });

  it('leaves out agreeing stances, reservations and stances not stated', () => {
    const stances = extractTrackedItems(fixtureContent()).filter((item) =>
      item.sourceId.startsWith('ap_'),
    );
    expect(stances.map((item) => item.sourceId)).toEqual(['ap_000002:p-kesk']);
  });

  it('joins a follow-up’s paragraphs with newlines and keeps a block’s effective level', () => {
    const block = followUp('fu_multi01', 'Ensimmäinen kappale.', {
      owner: 'Kaupunginjohtaja',
      confidentiality: 'public',
    });
    const second = new Y.XmlElement(MEMO_NODES.paragraph);
    second.insert(0, [new Y.XmlText('Toinen kappale.')]);
    block.insert(1, [second]);
    const memo = memoDoc(
      section({ id: 'sec_multi01', title: 'Henkilöstö', confidentiality: 'confidential' }, block),
    );
    const [item] = extractTrackedItems(extractMemoContent(memo, []));
    expect(item).toMatchObject({
      kind: 'followUp',
      text: 'Ensimmäinen kappale.\nToinen kappale.',
      owner: 'Kaupunginjohtaja',
      due: '',
      confidentiality: 'confidential',
    });
  });

  it('reads a follow-up owner reference, and none from a malformed or missing one', () => {
    const ref = 'member:6f1c2b8e-4d5a-4e3f-9b7c-1a2b3c4d5e6f';
    const memo = memoDoc(
      section(
        { id: 'sec_owner001', title: 'Omistajat' },
        followUp('fu_owner001', 'Valittu jäsen.', { owner: 'Kaisa', ownerRef: ref }),
        followUp('fu_owner002', 'Vanha vapaa teksti.', { owner: 'Kaupunginjohtaja' }),
        followUp('fu_owner003', 'Rikottu viite.', { owner: 'X', ownerRef: 'member:kesk' }),
      ),
    );
    const items = extractTrackedItems(extractMemoContent(memo, []));
    expect(items.map((item) => [item.owner, item.ownerRef])).toEqual([
      ['Kaisa', { kind: 'member', id: '6f1c2b8e-4d5a-4e3f-9b7c-1a2b3c4d5e6f' }],
      ['Kaupunginjohtaja', null],
      ['X', null],
    ]);
  });

  it("carries its agenda item's council case, with that item's level, and no other item's", () => {
    const link = {
      body: 'Kaupunginhallitus',
      meetingDate: '2027-01-12',
      section: '14',
      diaryNumber: '123/2026',
      url: '',
    };
    const memo = memoDoc(
      section(
        { id: 'sec_case0001', title: 'Talous', agendaItemId: 'item-1' },
        followUp('fu_case0001', 'Selvitetään.'),
      ),
      section({ id: 'sec_case0002', title: 'Muu' }, followUp('fu_case0002', 'Ei asiaa.')),
    );
    const frozen = { agendaItemId: 'item-1', confidentiality: 'confidential' as const, link };
    const items = extractTrackedItems(extractMemoContent(memo, []), [frozen]);
    expect(items.map((item) => [item.sourceId, item.caseLink])).toEqual([
      ['fu_case0001', frozen],
      ['fu_case0002', null],
    ]);
  });

  it('tracks an id that appears twice once, where it first stands', () => {
    const memo = memoDoc(
      section(
        { id: 'sec_twice001', title: 'Kaavoitus' },
        followUp('fu_twice001', 'Alkuperäinen'),
        paragraph('Välissä.'),
        followUp('fu_twice001', 'Liitetty kopio'),
      ),
    );
    const items = extractTrackedItems(extractMemoContent(memo, []));
    expect(items.map((item) => [item.sourceId, item.text, item.position])).toEqual([
      ['fu_twice001', 'Alkuperäinen', 0],
    ]);
  });

  it('gives a dissenting stance of each party an id of its own', () => {
    const memo = memoDoc(
      section({ id: 'sec_stance01', title: 'Verotus' }, agreedPoint('ap_stance01', 'Veroäyri')),
    );
    const dissent = (reason: string) =>
      partyDoc((doc) => writeStance(doc, 'ap_stance01', { stance: 'dissent', reason }));
    const content = extractMemoContent(memo, [
      { partyId: 'p-a', shortName: 'A', name: 'A', doc: dissent('Ei korotusta') },
      { partyId: 'p-b', shortName: 'B', name: 'B', doc: dissent('Korotus on liian pieni') },
    ]);
    expect(
      extractTrackedItems(content).map((item) => [item.sourceId, item.partyId, item.text]),
    ).toEqual([
      ['ap_stance01:p-a', 'p-a', 'Ei korotusta'],
      ['ap_stance01:p-b', 'p-b', 'Korotus on liian pieni'],
    ]);
  });

  it('keeps the same dissent id in two parties’ rooms apart, each with the party of its room', () => {
    const memo = memoDoc(section({ id: 'sec_shared01', title: 'Kaavoitus' }));
    const dissent = (reason: string) =>
      partyDoc((doc) =>
        writeDissent(doc, 'ds_shared01', {
          sectionId: 'sec_shared01',
          reason,
          confidentiality: 'groups',
        }),
      );
    const content = extractMemoContent(memo, [
      { partyId: 'p-a', shortName: 'A', name: 'A', doc: dissent('A vastustaa') },
      { partyId: 'p-b', shortName: 'B', name: 'B', doc: dissent('B vastustaa') },
    ]);
    expect(extractTrackedItems(content).map((item) => [item.key, item.partyId, item.text])).toEqual(
      [
        ['dissent:ds_shared01:p-a', 'p-a', 'A vastustaa'],
        ['dissent:ds_shared01:p-b', 'p-b', 'B vastustaa'],
      ],
    );
  });

  it('finds nothing in what redaction withheld', () => {
    const items = extractTrackedItems(redactMemoContent(fixtureContent(), 'groups'));
    expect(items.map((item) => item.sourceId)).toEqual(['fu_000001', 'ds_000001', 'ds_000003']);
    expect(JSON.stringify(items)).not.toMatch(/SALAINEN/);
  });

  it('finds nothing in a memo without follow-ups or dissents', () => {
    const memo = memoDoc(section({ id: 'sec_empty001', title: 'Muut asiat' }, paragraph('Ei.')));
    const party = partyDoc((doc) =>
      writeDissent(doc, 'ds_orphan01', {
        sectionId: 'sec_elsewhere',
        reason: 'Poistettuun osioon',
        confidentiality: 'public',
      }),
    );
    const content = extractMemoContent(memo, [
      { partyId: 'p-a', shortName: 'A', name: 'A', doc: party },
    ]);
    expect(extractTrackedItems(content)).toEqual([]);
  });
});
