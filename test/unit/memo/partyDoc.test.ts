import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MAX_REASON_LENGTH } from '../../../shared/memo/format';
import {
  DISSENTS_MAP,
  STANCES_MAP,
  dissentEntrySchema,
  isValidPartyDocKey,
  isValidPartyDocValue,
  readDissents,
  readStances,
  stanceEntrySchema,
  writeDissent,
  writeStance,
} from '../../../shared/memo/partyDoc';

describe('stance entries', () => {
  it.each([
    { stance: 'agree', reason: '' },
    { stance: 'reservation', reason: '' },
    { stance: 'reservation', reason: 'Vahvistetaan ryhmässä.' },
    { stance: 'dissent', reason: 'Leikkaukset osuvat kouluihin.' },
    { stance: 'dissent', reason: 'x'.repeat(MAX_REASON_LENGTH) },
  ])('accepts %o', (entry) => {
    expect(stanceEntrySchema.safeParse(entry).success).toBe(true);
  });

  it.each([
    ['a dissent without reasons', { stance: 'dissent', reason: '' }],
    ['a dissent with only blanks', { stance: 'dissent', reason: ' \n\t ' }],
    ['an unknown stance', { stance: 'maybe', reason: '' }],
    ['a missing reason', { stance: 'agree' }],
    ['extra fields', { stance: 'agree', reason: '', partyId: 'someone-else' }],
    ['a reason over the limit', { stance: 'agree', reason: 'x'.repeat(MAX_REASON_LENGTH + 1) }],
    ['a non-object', 'agree'],
    ['null', null],
  ])('refuses %s', (_what, entry) => {
    expect(stanceEntrySchema.safeParse(entry).success).toBe(false);
  });
});

describe('dissent entries', () => {
  const valid = { sectionId: 'sec_000001', reason: 'Eri mieltä.', confidentiality: 'groups' };

  it('accepts a dissent in a section at any level', () => {
    for (const confidentiality of ['public', 'groups', 'confidential']) {
      expect(dissentEntrySchema.safeParse({ ...valid, confidentiality }).success).toBe(true);
    }
  });

  it.each([
    ['a bad section id', { ...valid, sectionId: 'sec 1' }],
    ['a too short section id', { ...valid, sectionId: 'sec' }],
    ['an unknown level', { ...valid, confidentiality: 'secret' }],
    ['a reason over the limit', { ...valid, reason: 'x'.repeat(MAX_REASON_LENGTH + 1) }],
    ['extra fields', { ...valid, partyId: 'x' }],
  ])('refuses %s', (_what, entry) => {
    expect(dissentEntrySchema.safeParse(entry).success).toBe(false);
  });
});

describe('party document keys and values', () => {
  it('checks keys against the block id pattern', () => {
    expect(isValidPartyDocKey('ap_0123456789')).toBe(true);
    for (const key of ['', 'ap', 'ap 1', '__proto__x!', 'x'.repeat(65)]) {
      expect(isValidPartyDocKey(key)).toBe(false);
    }
  });

  it('checks values by root and refuses unknown roots', () => {
    expect(isValidPartyDocValue(STANCES_MAP, { stance: 'agree', reason: '' })).toBe(true);
    expect(isValidPartyDocValue(STANCES_MAP, { stance: 'dissent', reason: '' })).toBe(false);
    expect(
      isValidPartyDocValue(DISSENTS_MAP, {
        sectionId: 'sec_000001',
        reason: 'syy',
        confidentiality: 'public',
      }),
    ).toBe(true);
    expect(isValidPartyDocValue(DISSENTS_MAP, { stance: 'agree', reason: '' })).toBe(false);
    expect(isValidPartyDocValue('other', { stance: 'agree', reason: '' })).toBe(false);
  });
});

describe('reading and writing a party document', () => {
  it('reads stances and skips anything that does not match the schema', () => {
    const doc = new Y.Doc();
    writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' });
    writeStance(doc, 'ap_000002', { stance: 'dissent', reason: 'Kallis.' });
    // Raw writes, as a hostile or outdated client could have made them.
    const raw = doc.getMap<unknown>(STANCES_MAP);
    raw.set('ap_000003', { stance: 'dissent', reason: '' });
    raw.set('ap_000004', 'agree');
    raw.set('ap_000005', { stance: 'agree', reason: '', extra: true });
    expect(readStances(doc)).toEqual(
      new Map([
        ['ap_000001', { stance: 'agree', reason: '' }],
        ['ap_000002', { stance: 'dissent', reason: 'Kallis.' }],
      ]),
    );
  });

  it('clears a stance with null and refuses to write an invalid one', () => {
    const doc = new Y.Doc();
    writeStance(doc, 'ap_000001', { stance: 'reservation', reason: '' });
    writeStance(doc, 'ap_000001', null);
    expect(readStances(doc).size).toBe(0);
    expect(() => writeStance(doc, 'ap_000001', { stance: 'dissent', reason: ' ' })).toThrow();
    expect(doc.getMap(STANCES_MAP).size).toBe(0);
  });

  it('reads dissents sorted by id, skipping invalid ones', () => {
    const doc = new Y.Doc();
    writeDissent(doc, 'ds_000002', {
      sectionId: 'sec_000001',
      reason: 'Toinen',
      confidentiality: 'confidential',
    });
    writeDissent(doc, 'ds_000001', {
      sectionId: 'sec_000001',
      reason: 'Ensimmäinen',
      confidentiality: 'groups',
    });
    doc.getMap<unknown>(DISSENTS_MAP).set('ds_000003', { sectionId: 'bad id', reason: '' });
    expect(readDissents(doc)).toEqual([
      {
        id: 'ds_000001',
        sectionId: 'sec_000001',
        reason: 'Ensimmäinen',
        confidentiality: 'groups',
      },
      {
        id: 'ds_000002',
        sectionId: 'sec_000001',
        reason: 'Toinen',
        confidentiality: 'confidential',
      },
    ]);
    writeDissent(doc, 'ds_000001', null);
    expect(readDissents(doc).map((d) => d.id)).toEqual(['ds_000002']);
  });
});
