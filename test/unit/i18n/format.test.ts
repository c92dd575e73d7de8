import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../../client/i18n/format';

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
