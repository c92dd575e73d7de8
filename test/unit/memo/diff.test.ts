import { describe, expect, it } from 'vitest';
import { extractMemoContent, type MemoContent } from '../../../shared/memo/content';
import { diffMemoContent } from '../../../shared/memo/diff';
import { writeDissent, writeStance } from '../../../shared/memo/partyDoc';
import { redactMemoContent } from '../../../shared/memo/redaction';
import { agreedPoint, followUp, memoDoc, paragraph, partyDoc, section } from './build';
import { fixtureContent } from './contentFixture';

const before = memoDoc(
  section(
    { id: 'sec_000001', title: 'Talousarvio', agendaItemId: 'item-1' },
    paragraph('Alku'),
    agreedPoint('ap_000001', 'Linja 1'),
    agreedPoint('ap_000002', 'Linja 2'),
    followUp('fu_000001', 'Selvitys', { owner: 'KOK' }),
    paragraph('Loppu'),
  ),
  section({ id: 'sec_000002', title: 'Poistuva' }, agreedPoint('ap_000009', 'Siirtyvä')),
);
const after = memoDoc(
  section(
    { id: 'sec_000001', title: 'Talousarvio 2027', agendaItemId: 'item-1' },
    paragraph('Alku'),
    agreedPoint('ap_000001', 'Linja 1'),
    agreedPoint('ap_000003', 'Uusi linja', 'confidential'),
    followUp('fu_000001', 'Selvitys', { owner: 'SDP', due: '2027-03-01' }),
    paragraph('Loppu muutettu'),
    agreedPoint('ap_000009', 'Siirtyvä'),
  ),
  section({ id: 'sec_000003', title: 'Uusi' }),
);

function content(memo: typeof before, write: Parameters<typeof partyDoc>[0]): MemoContent {
  return extractMemoContent(memo, [
    { partyId: 'p1', shortName: 'P1', name: 'P1', doc: partyDoc(write) },
  ]);
}

const a = content(before, (doc) => {
  writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' });
  writeDissent(doc, 'ds_000001', {
    sectionId: 'sec_000001',
    reason: 'Vanha',
    confidentiality: 'groups',
  });
  writeDissent(doc, 'ds_000002', {
    sectionId: 'sec_000001',
    reason: 'Pois',
    confidentiality: 'groups',
  });
});
const b = content(after, (doc) => {
  writeStance(doc, 'ap_000001', { stance: 'reservation', reason: 'Harkitaan' });
  writeDissent(doc, 'ds_000001', {
    sectionId: 'sec_000001',
    reason: 'Uusi',
    confidentiality: 'groups',
  });
  writeDissent(doc, 'ds_000003', {
    sectionId: 'sec_000003',
    reason: 'Lisätty',
    confidentiality: 'public',
  });
});

describe('diffMemoContent', () => {
  it('finds nothing between equal versions', () => {
    expect(diffMemoContent(fixtureContent(), fixtureContent())).toEqual([]);
  });

  it('lists section, block, stance and dissent changes in section order', () => {
    const changes = diffMemoContent(a, b);
    expect(changes.map((c) => c.kind)).toEqual([
      'sectionChanged',
      'stanceChanged',
      'blockAdded',
      'blockChanged',
      'blockChanged',
      'blockChanged',
      'dissentChanged',
      'blockRemoved',
      'dissentRemoved',
      'sectionAdded',
      'dissentAdded',
      'sectionRemoved',
    ]);
    expect(changes[0]).toMatchObject({
      from: { id: 'sec_000001', title: 'Talousarvio' },
      to: { title: 'Talousarvio 2027' },
      fields: ['title'],
    });
    expect(changes[0]).not.toHaveProperty('to.blocks');
    expect(changes[1]).toEqual({
      kind: 'stanceChanged',
      sectionId: 'sec_000001',
      agreedPointId: 'ap_000001',
      partyId: 'p1',
      from: { stance: 'agree', reason: '' },
      to: { stance: 'reservation', reason: 'Harkitaan' },
    });
    expect(changes[2]).toMatchObject({
      sectionId: 'sec_000001',
      position: 2,
      block: { id: 'ap_000003', confidentiality: 'confidential' },
    });
    expect(changes[3]).toMatchObject({
      from: { block: { owner: 'KOK' } },
      to: { block: { id: 'fu_000001', owner: 'SDP' } },
      fields: ['owner', 'due'],
    });
    // Notes blocks have no ids: the second notes block of the section is compared with the second.
    expect(changes[4]).toMatchObject({
      from: { position: 4, block: { paragraphs: ['Loppu'] } },
      to: { position: 4, block: { kind: 'notes', paragraphs: ['Loppu muutettu'] } },
      fields: ['paragraphs'],
    });
    // Moved from the removed section.
    expect(changes[5]).toMatchObject({
      from: { sectionId: 'sec_000002', position: 0 },
      to: { sectionId: 'sec_000001', position: 5 },
      fields: ['section'],
    });
    expect(changes[6]).toMatchObject({
      from: { dissent: { reason: 'Vanha' } },
      to: { sectionId: 'sec_000001', dissent: { id: 'ds_000001', reason: 'Uusi' } },
      fields: ['reason'],
    });
    expect(changes[7]).toMatchObject({ sectionId: 'sec_000001', block: { id: 'ap_000002' } });
    expect(changes[8]).toMatchObject({ dissent: { id: 'ds_000002' } });
    expect(changes[9]).toMatchObject({ section: { id: 'sec_000003', title: 'Uusi' } });
    expect(changes[10]).toMatchObject({ sectionId: 'sec_000003', dissent: { id: 'ds_000003' } });
    expect(changes[11]).toMatchObject({ section: { id: 'sec_000002', title: 'Poistuva' } });
  });

  it('reports stances that became stated or were cleared, and a changed level', () => {
    const memo = memoDoc(section({ id: 'sec_000001', title: 'T' }, agreedPoint('ap_000001', 'L')));
    const closed = memoDoc(
      section({ id: 'sec_000001', title: 'T' }, agreedPoint('ap_000001', 'L', 'confidential')),
    );
    const stated = content(memo, (doc) =>
      writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' }),
    );
    const unstated = content(closed, () => undefined);
    expect(diffMemoContent(unstated, stated)).toEqual([
      expect.objectContaining({ kind: 'blockChanged', fields: ['confidentiality'] }),
      expect.objectContaining({
        kind: 'stanceChanged',
        from: null,
        to: { stance: 'agree', reason: '' },
      }),
    ]);
    expect(diffMemoContent(stated, unstated)).toEqual([
      expect.objectContaining({ kind: 'blockChanged' }),
      expect.objectContaining({
        kind: 'stanceChanged',
        from: { stance: 'agree', reason: '' },
        to: null,
      }),
    ]);
  });

  it('skips withheld markers, so redacted versions reveal no hidden change', () => {
    const groupsA = redactMemoContent(a, 'groups');
    const groupsB = redactMemoContent(b, 'groups');
    const changes = diffMemoContent(groupsA, groupsB);
    expect(JSON.stringify(changes)).not.toContain('ap_000003');
    expect(JSON.stringify(changes)).not.toContain('Uusi linja');
  });
});
