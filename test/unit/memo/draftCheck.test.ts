import { describe, expect, it } from 'vitest';
import { extractMemoContent, type MemoContent } from '../../../shared/memo/content';
import { checkDraft } from '../../../shared/memo/draftCheck';
import { writeDissent, writeStance } from '../../../shared/memo/partyDoc';
import type { ConfidentialityChange } from '../../../shared/confidentiality';
import { agreedPoint, memoDoc, paragraph, partyDoc, section } from './build';

const PARTIES = [
  { partyId: 'p-kesk', shortName: 'KESK', name: 'Keskusta' },
  { partyId: 'p-sdp', shortName: 'SDP', name: 'SDP' },
  { partyId: 'p-ps', shortName: 'PS', name: 'Perussuomalaiset' },
];

function draft(): MemoContent {
  const memo = memoDoc(
    section(
      { id: 'sec_000001', title: 'Talousarvio' },
      paragraph('Keskusteltiin säästöistä.'),
      agreedPoint('ap_000001', 'Säästölista valmistellaan yhdessä ennen valtuuston kokousta.'),
    ),
    section({ id: 'sec_000002', title: 'Kouluverkko' }, paragraph('')),
  );
  const kesk = partyDoc((doc) => {
    writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' });
    writeDissent(doc, 'ds_000001', {
      sectionId: 'sec_000001',
      reason: ' ',
      confidentiality: 'groups',
    });
  });
  return extractMemoContent(memo, [
    { ...PARTIES[0]!, doc: kesk },
    { ...PARTIES[1]!, doc: null },
    { ...PARTIES[2]!, doc: null },
  ]);
}

function change(from: 'confidential' | 'groups', to: 'groups' | 'public' | 'confidential') {
  return {
    id: `c-${from}-${to}`,
    meetingId: 'm',
    targetId: 'ap_000001',
    targetKind: 'agreedPoint',
    excerpt: 'Säästölista',
    from,
    to,
    lowered: from === 'confidential' || to === 'public',
    userId: 'u',
    userName: 'Sihteeri',
    partyId: null,
    at: '2026-11-24T10:00:00.000Z',
  } satisfies ConfidentialityChange;
}

describe('the chair’s check of a draft', () => {
  it('warns of empty sections, unstated stances, dissents without reasons and every lowering', () => {
    const result = checkDraft(draft(), [
      change('groups', 'confidential'),
      change('confidential', 'groups'),
    ]);
    expect(result.blockers).toEqual([]);
    expect(result.warnings).toEqual([
      {
        kind: 'stanceNotStated',
        sectionId: 'sec_000001',
        sectionTitle: 'Talousarvio',
        agreedPointId: 'ap_000001',
        excerpt: 'Säästölista valmistellaan yhdessä ennen valtuuston kokousta.',
        partyIds: ['p-sdp', 'p-ps'],
      },
      {
        kind: 'dissentWithoutReason',
        sectionId: 'sec_000001',
        sectionTitle: 'Talousarvio',
        partyId: 'p-kesk',
      },
      { kind: 'emptySection', sectionId: 'sec_000002', sectionTitle: 'Kouluverkko' },
      { kind: 'confidentialityLowered', change: change('confidential', 'groups') },
    ]);
  });

  it('expects no stance from a party recorded as absent', () => {
    const result = checkDraft(draft(), [], { absentPartyIds: new Set(['p-ps']) });
    const unstated = result.warnings.find((w) => w.kind === 'stanceNotStated');
    expect(unstated).toMatchObject({ partyIds: ['p-sdp'] });
  });

  it('counts an item that still says only its agenda description as empty', () => {
    const description = 'Esittelijä: talousjohtaja.\nLiitteenä investointilista.';
    const seededOnly = (...paragraphs: string[]) =>
      extractMemoContent(
        memoDoc(
          section(
            { id: 'sec_000003', title: 'Investoinnit', agendaItemId: 'ag-1' },
            ...paragraphs.map((text) => paragraph(text)),
          ),
        ),
        [],
      );
    const descriptions = new Map([['ag-1', description]]);
    const empty = (content: MemoContent) =>
      checkDraft(content, [], { agendaDescriptions: descriptions }).warnings.map((w) => w.kind);

    // As seeded: the description's lines as paragraphs, then empty notes.
    expect(
      empty(seededOnly('Esittelijä: talousjohtaja.', 'Liitteenä investointilista.', '')),
    ).toEqual(['emptySection']);
    expect(
      empty(
        seededOnly('Esittelijä: talousjohtaja.', 'Liitteenä investointilista.', 'Käsiteltiin.'),
      ),
    ).toEqual([]);
    // Without the meeting's descriptions the same text counts as written.
    expect(checkDraft(seededOnly(description), []).warnings).toEqual([]);
  });

  it('blocks on a dissent that no party of the group owns', () => {
    const content = draft();
    const first = content.sections[0]!;
    if (first.kind !== 'section') throw new Error('fixture');
    first.dissents.push({
      kind: 'dissent',
      id: 'ds_000009',
      partyId: 'p-removed',
      reason: 'Vastustamme.',
      confidentiality: 'groups',
    });
    expect(checkDraft(content, []).blockers).toEqual([
      { kind: 'dissentWithoutParty', sectionId: 'sec_000001', sectionTitle: 'Talousarvio' },
    ]);
  });
});
