import { describe, expect, it } from 'vitest';
import type { MyFollowUp } from '../../../shared/api/memoVersions';
import { followUpCsv } from '../../../server/continuity/followUpCsv';
import { parseSpreadsheetCsv } from '../../support/csv';

// "Omat jatkotoimet" and a group's follow-ups as CSV for Finnish Excel (issue 19): written, then
// read back as a spreadsheet reads it.

function item(overrides: Partial<MyFollowUp> = {}): MyFollowUp {
  return {
    id: 'm-1:followUp:fu-000001',
    kind: 'followUp',
    groupId: 'g-1',
    groupName: 'Äänekosken neuvotteluryhmä',
    meetingId: 'm-1',
    meetingTitle: 'Talousarvio; kevät',
    version: 2,
    sectionTitle: 'Koulut',
    text: 'Selvitetään "kuljetukset"\nja aikataulu.',
    owner: 'Suomen Keskusta',
    ownerRef: { kind: 'party', id: 'p-1' },
    due: '2027-02-05',
    partyId: null,
    confidentiality: 'groups',
    caseLink: null,
    status: 'inPreparation',
    statusChangedAt: '2027-01-02T10:00:00.000Z',
    statusChangedBy: { id: 'u-1', name: 'Kaisa' },
    statusCaseLink: {
      body: 'Kaupunginhallitus',
      meetingDate: '2027-01-12',
      section: '14',
      diaryNumber: '123/2026',
      url: 'https://kunta.example/kh/14',
    },
    statusReason: null,
    history: [],
    overdue: false,
    ...overrides,
  };
}

describe('follow-up CSV', () => {
  it('BOM, ";", CRLF, a Finnish header, d.m.yyyy dates, and every cell read back as written', () => {
    const csv = followUpCsv(
      [
        item(),
        item({
          text: '=HYPERLINK("https://evil.example")',
          owner: '+358 40 123',
          sectionTitle: '-5 %',
          meetingTitle: '@kokous',
          status: 'notDone',
          statusCaseLink: null,
          statusReason: 'Ei rahoitusta.',
          due: '',
        }),
      ],
      'fi',
      true,
    );
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '').includes('\n')).toBe(true); // the one inside a quoted cell
    const rows = parseSpreadsheetCsv(csv.slice(1));
    expect(rows[0]).toEqual([
      'Ryhmä',
      'Kokous',
      'Muistion versio',
      'Asia',
      'Jatkotoimi',
      'Vastuu',
      'Määräaika',
      'Tila',
      'Valtuuston asia',
      'Perustelu',
      'Luottamuksellisuus',
    ]);
    expect(rows[1]).toEqual([
      'Äänekosken neuvotteluryhmä',
      'Talousarvio; kevät',
      '2',
      'Koulut',
      'Selvitetään "kuljetukset"\nja aikataulu.',
      'Suomen Keskusta',
      '5.2.2027',
      'Viety valmisteluun',
      'Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026 https://kunta.example/kh/14',
      '',
      'Ryhmille',
    ]);
    // Formula-like cells get a leading apostrophe: Excel shows them as text, runs nothing.
    expect(rows[2]!.slice(1, 9)).toEqual([
      "'@kokous",
      '2',
      "'-5 %",
      `'=HYPERLINK("https://evil.example")`,
      "'+358 40 123",
      '',
      'Ei toteuteta',
      '',
    ]);
    expect(rows[2]![9]).toBe('Ei rahoitusta.');
    expect(rows).toHaveLength(3);
  });

  it('has its header in the reader’s language, and no group column for one group', () => {
    const rows = parseSpreadsheetCsv(followUpCsv([item()], 'sv', false).slice(1));
    expect(rows[0]![0]).toBe('Möte');
    expect(rows[0]).toHaveLength(10);
    expect(rows[1]![6]).toBe('Förd till beredning');
    expect(parseSpreadsheetCsv(followUpCsv([], 'en', true).slice(1))).toEqual([
      [
        'Group',
        'Meeting',
        'Memo version',
        'Item',
        'Follow-up',
        'Owner',
        'Due',
        'Status',
        'Council case',
        'Reason',
        'Confidentiality',
      ],
    ]);
  });
});
