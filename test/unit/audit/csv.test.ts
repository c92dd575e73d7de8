import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/audit';
import { auditCsv } from '../../../server/audit/csv';
import { parseSpreadsheetCsv as parse } from '../../support/csv';

const HEADER =
  'seq;at;actorId;actorName;action;targetType;targetId;targetLabel;details;prevHash;hash';

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq: 1,
    at: '2026-03-02T10:00:00.000Z',
    actor: { userId: 'u-1', name: 'Äänestäjä Öhman' },
    action: 'memo.approve',
    target: { type: 'memoVersion', id: 'v-1', label: 'Versio 1' },
    details: {},
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

describe('audit CSV', () => {
  it('starts with a UTF-8 byte order mark and separates cells with ";" (Excel in Finnish)', () => {
    const csv = auditCsv([entry()]);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.indexOf('\uFEFF', 1)).toBe(-1);
    const rows = parse(csv.slice(1));
    expect(rows[0]).toEqual(HEADER.split(';'));
    expect(rows[1]).toHaveLength(11);
    expect(rows[1]![3]).toBe('Äänestäjä Öhman');
  });

  it('quotes cells holding ";", quotes, commas or line breaks and reads them back unchanged', () => {
    const label = 'Talous; "leikkaukset", 2027\r\nja\nmuut';
    const details = { from: 'a;b', note: 'x"y' };
    const rows = parse(
      auditCsv([entry({ target: { type: 'meeting', id: 'm-1', label }, details })]).slice(1),
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]![7]).toBe(label);
    expect(JSON.parse(rows[1]![8]!)).toEqual(details);
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const name of ['=HYPERLINK("http://x";"y")', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) {
      const rows = parse(auditCsv([entry({ actor: { userId: 'u-2', name } })]).slice(1));
      expect(rows[1]![3], name).toBe(`'${name}`);
    }
    const rows = parse(auditCsv([entry({ actor: null })]).slice(1));
    expect(rows[1]!.slice(2, 4)).toEqual(['', '']);
  });

  it('writes only the header for an empty log', () => {
    expect(auditCsv([])).toBe(`\uFEFF${HEADER}\r\n`);
  });
});
