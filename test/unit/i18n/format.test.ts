import { describe, expect, it } from 'vitest';
import {
  createFormatters,
  fromLocalInputValue,
  toLocalInputValue,
} from '../../../client/i18n/format';

// A follow-up's due date stored before dates were checked blanked every page that showed it
// ("Invalid time value"). The client's formatters show what they cannot read as it is.

describe('client date formatting', () => {
  const format = createFormatters('fi-FI');

  it('formats calendar dates and moments', () => {
    expect(format.calendarDate('2027-02-01')).toBe('1.2.2027');
    expect(format.calendarDate('0050-03-01')).toBe('1.3.50');
    expect(format.date('2027-02-01T10:00:00Z')).toBe('1.2.2027');
    expect(format.date('ei aika')).toBe('ei aika');
  });

  it.each(['2027-02-30', 'ensi viikolla', '', '275760-09-13', '2027-1-5'])(
    'shows %j as it is instead of throwing',
    (value) => {
      expect(format.calendarDate(value)).toBe(value);
      // Moments are parsed by the browser, which may read some of these its own way.
      expect(() => format.date(value)).not.toThrow();
      expect(() => format.dateTime(value, 'full')).not.toThrow();
    },
  );
});

// Times are shown and entered in Finnish time whatever the device's zone (issue 18): these hold in
// any TZ the tests run in; the browser test layout.test.ts runs a New York browser.
describe('Finnish time', () => {
  const format = createFormatters('fi-FI');

  it('shows moments in Finnish time, winter and summer', () => {
    expect(format.dateTime('2026-12-07T16:00:00Z')).toBe('7.12.2026 klo 18.00');
    expect(format.dateTime('2027-06-01T15:00:00Z')).toBe('1.6.2027 klo 18.00');
    // Late evening UTC is already the next day in Finland.
    expect(format.date('2026-12-31T22:30:00Z')).toBe('1.1.2027');
  });

  it('reads and writes datetime-local values as Finnish time', () => {
    expect(fromLocalInputValue('2026-12-07T18:00')).toBe('2026-12-07T16:00:00.000Z');
    expect(fromLocalInputValue('2027-06-01T18:00')).toBe('2027-06-01T15:00:00.000Z');
    expect(toLocalInputValue('2026-12-07T16:00:00Z')).toBe('2026-12-07T18:00');
    expect(toLocalInputValue('2027-06-01T15:00:00.000Z')).toBe('2027-06-01T18:00');
    expect(toLocalInputValue('2026-12-31T22:30:00Z')).toBe('2027-01-01T00:30');
  });

  it('handles the clock changes: the skipped hour moves forward, the repeated one is the later', () => {
    // 28.3.2027 the clocks go from 03.00 to 04.00.
    expect(fromLocalInputValue('2027-03-28T02:30')).toBe('2027-03-28T00:30:00.000Z');
    expect(fromLocalInputValue('2027-03-28T03:30')).toBe('2027-03-28T01:30:00.000Z');
    expect(fromLocalInputValue('2027-03-28T04:30')).toBe('2027-03-28T01:30:00.000Z');
    // 25.10.2026 they go from 04.00 back to 03.00.
    expect(fromLocalInputValue('2026-10-25T02:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(fromLocalInputValue('2026-10-25T03:30')).toBe('2026-10-25T01:30:00.000Z');
    expect(fromLocalInputValue('2026-10-25T04:30')).toBe('2026-10-25T02:30:00.000Z');
    expect(toLocalInputValue('2026-10-25T00:30:00Z')).toBe('2026-10-25T03:30');
  });

  it('refuses what is not a time', () => {
    for (const value of ['', 'huomenna', '2027-02-30T12:00', '2027-01-01T25:00', '2027-01-01'])
      expect(fromLocalInputValue(value)).toBe('');
    expect(toLocalInputValue('ei aika')).toBe('');
  });
});
