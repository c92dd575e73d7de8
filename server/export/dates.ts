// Dates on exported memos. A memo is read in Finland and may be printed and filed, so times are
// shown in Helsinki time whatever the server's own zone, in the reader's language.
import type { Locale } from '../../shared/locales';

/** Finland's own variants: Finland Swedish, and British English for day-month order. */
const INTL_TAGS: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export const EXPORT_TIME_ZONE = 'Europe/Helsinki';

const moments = new Map<Locale, Intl.DateTimeFormat>();
const calendarDates = new Map<Locale, Intl.DateTimeFormat>();

/** BCP 47 tag of a locale, e.g. for `lang` attributes. */
export function languageTag(locale: Locale): string {
  return INTL_TAGS[locale];
}

/** A moment (ISO time) as date and time in Helsinki, e.g. "24. marraskuuta 2026 klo 14.05". */
export function formatMoment(iso: string, locale: Locale): string {
  let format = moments.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAGS[locale], {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: EXPORT_TIME_ZONE,
    });
    moments.set(locale, format);
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/**
 * A calendar date given as `YYYY-MM-DD` (a follow-up's due date), e.g. "1. helmikuuta 2027".
 * It has no time of day, so it is formatted in UTC, where it cannot shift to a neighbouring day.
 * Anything else is returned as it is.
 */
export function formatCalendarDate(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  let format = calendarDates.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_TAGS[locale], { dateStyle: 'long', timeZone: 'UTC' });
    calendarDates.set(locale, format);
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? value : format.format(date);
}

const helsinkiParts = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: EXPORT_TIME_ZONE,
});

/** The Helsinki calendar date of a moment as `YYYY-MM-DD` (for file names); '' if invalid. */
export function helsinkiDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  // Parts, not a formatted string: no locale's punctuation to rely on.
  const parts = Object.fromEntries(
    helsinkiParts.formatToParts(date).map(({ type, value }) => [type, value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}
