import { describe, expect, it } from 'vitest';
import { finnishDate, MAX_AGENDA_TITLE_LENGTH, reviewItemTitle } from '../../../shared/continuity';
import { AgendaItemInput } from '../../../shared/api/schemas';

describe('the review agenda item', () => {
  it('is titled in the creator’s language with the previous meeting and its Finnish date', () => {
    const startsAt = new Date('2026-12-07T17:00:00+02:00');
    expect(reviewItemTitle('fi', 'Talousarvioneuvottelu', startsAt)).toBe(
      'Edellisen muistion tarkastus: Talousarvioneuvottelu (7.12.2026)',
    );
    expect(reviewItemTitle('sv', 'Budgetförhandling', startsAt)).toBe(
      'Granskning av föregående promemoria: Budgetförhandling (7.12.2026)',
    );
    expect(reviewItemTitle('en', 'Budget talks', startsAt)).toBe(
      'Review of the previous memo: Budget talks (7.12.2026)',
    );
  });

  it('dates a meeting by its day in Finland, not in UTC', () => {
    // 00:30 in Helsinki is still the previous day in UTC.
    expect(finnishDate(new Date('2027-03-02T00:30:00+02:00'))).toBe('2.3.2027');
    expect(finnishDate(new Date('2027-07-31T23:30:00+03:00'))).toBe('31.7.2027');
  });

  it('shortens a long meeting title so the item still passes an edit of the meeting', () => {
    const title = reviewItemTitle('sv', 'Ö'.repeat(300), new Date('2026-01-15T12:00:00Z'));
    expect(title).toHaveLength(MAX_AGENDA_TITLE_LENGTH);
    expect(title).toMatch(/Ö… \(15\.1\.2026\)$/);
    expect(AgendaItemInput.safeParse({ title }).success).toBe(true);
  });
});
