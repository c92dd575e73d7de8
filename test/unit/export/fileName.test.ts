import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatMoment, helsinkiDate } from '../../../server/export/dates';
import {
  asciiSlug,
  contentDisposition,
  exportFileName,
  groupExportFileName,
  groupExportVersionPath,
} from '../../../server/export/fileName';

describe('export file names', () => {
  const version = { meetingStartsAt: '2026-11-24T15:00:00.000Z', version: 2 };

  it('names the file by the memo word, the meeting date and the version', () => {
    expect(exportFileName(version, 'fi', 'pdf')).toBe('muistio-2026-11-24-v2.pdf');
    expect(exportFileName(version, 'sv', 'md')).toBe('promemoria-2026-11-24-v2.md');
    expect(exportFileName(version, 'en', 'html')).toBe('memo-2026-11-24-v2.html');
  });

  it('takes the date in Helsinki, where a late meeting is already the next day', () => {
    const late = { meetingStartsAt: '2026-11-24T22:30:00.000Z', version: 1 };
    expect(exportFileName(late, 'fi', 'pdf')).toBe('muistio-2026-11-25-v1.pdf');
    expect(helsinkiDate('2026-06-30T21:30:00.000Z')).toBe('2026-07-01');
    expect(exportFileName({ meetingStartsAt: 'not a date', version: 3 }, 'fi', 'md')).toBe(
      'muistio-v3.md',
    );
  });

  it('transliterates to plain ASCII and lets nothing through that could break a header', () => {
    expect(asciiSlug('Päätösvalta ja Ålands skärgård')).toBe('paatosvalta-ja-alands-skargard');
    expect(asciiSlug('ÄÖÅ äöå Crème brûlée')).toBe('aoa-aoa-creme-brulee');
    expect(asciiSlug('x"\r\nSet-Cookie: a=b; ../..')).toBe('x-set-cookie-a-b');
    expect(contentDisposition('attachment', 'muistio-2026-11-24-v2.pdf')).toBe(
      'attachment; filename="muistio-2026-11-24-v2.pdf"',
    );
    expect(contentDisposition('inline', 'a"\r\nb.html')).toBe('inline; filename="ab.html"');
  });
});

describe('group export names', () => {
  it('names the zip by the group and the day of the export in Helsinki, in plain ASCII', () => {
    const lateEvening = new Date('2026-12-06T22:30:00.000Z');
    expect(groupExportFileName('Äänekosken neuvotteluryhmä', lateEvening)).toBe(
      'aanekosken-neuvotteluryhma-2026-12-07.zip',
    );
    expect(groupExportFileName('"\r\n/../', lateEvening)).toBe('group-2026-12-07.zip');
    expect(groupExportFileName('x'.repeat(200), lateEvening)).toBe(
      `${'x'.repeat(60)}-2026-12-07.zip`,
    );
  });

  it('names a version by its meeting’s day and id, so names sort by meeting and never collide', () => {
    const meeting = {
      id: '0b6f0d9e-5d0a-4a43-9d4e-9e1d2c3b4a59',
      startsAt: '2026-11-24T22:30:00.000Z',
    };
    expect(groupExportVersionPath(meeting, 2)).toBe(`versions/2026-11-25-${meeting.id}-v2`);
  });
});

describe('export dates', () => {
  it('shows moments in Helsinki time in winter and in summer', () => {
    expect(formatMoment('2026-11-24T12:05:00.000Z', 'fi')).toBe('24. marraskuuta 2026 klo 14.05');
    expect(formatMoment('2026-06-15T09:00:00.000Z', 'fi')).toBe('15. kesäkuuta 2026 klo 12.00');
    expect(formatMoment('2026-06-15T09:00:00.000Z', 'sv')).toBe('15 juni 2026 kl. 12.00');
    expect(formatMoment('2026-06-15T09:00:00.000Z', 'en')).toBe('15 June 2026 at 12:00');
  });

  it('shows due dates as calendar dates that never shift a day', () => {
    expect(formatCalendarDate('2027-02-01', 'fi')).toBe('1. helmikuuta 2027');
    expect(formatCalendarDate('2027-12-31', 'sv')).toBe('31 december 2027');
    expect(formatCalendarDate('ensi viikolla', 'fi')).toBe('ensi viikolla');
  });
});
