import { describe, expect, it } from 'vitest';
import { delegationCovers, helsinkiDay, periodDays } from '../../shared/actingChair';

describe('acting chair delegations (issue 19)', () => {
  it('reads the day in Finnish time, not UTC', () => {
    // 23.30 UTC on 31 December is already 1 January in Helsinki (UTC+2).
    expect(helsinkiDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(helsinkiDay(new Date('2026-12-31T21:30:00Z'))).toBe('2026-12-31');
    // Summer time: UTC+3.
    expect(helsinkiDay(new Date('2026-06-30T21:30:00Z'))).toBe('2026-07-01');
  });

  it('counts a period with both ends, and a reversed one as none', () => {
    expect(periodDays('2026-12-01', '2026-12-01')).toBe(1);
    expect(periodDays('2026-12-01', '2026-12-31')).toBe(31);
    expect(periodDays('2026-12-02', '2026-12-01')).toBe(0);
  });

  it('covers the meeting it names, or any meeting on the days of its period', () => {
    const meeting = { kind: 'meeting', meetingId: 'm1' } as const;
    expect(delegationCovers(meeting, 'm1')).toBe(true);
    expect(delegationCovers(meeting, 'm2')).toBe(false);
    const period = { kind: 'period', from: '2026-12-01', to: '2026-12-07' } as const;
    expect(delegationCovers(period, 'any', new Date('2026-11-30T21:59:00Z'))).toBe(false);
    expect(delegationCovers(period, 'any', new Date('2026-11-30T22:00:00Z'))).toBe(true);
    expect(delegationCovers(period, 'any', new Date('2026-12-07T21:59:00Z'))).toBe(true);
    expect(delegationCovers(period, 'any', new Date('2026-12-07T22:00:00Z'))).toBe(false);
  });
});
