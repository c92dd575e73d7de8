import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/locales';
import { isCalendarDate } from '../../shared/memo/schema';

// Finland's own variants: Finland Swedish, and British English for day-month order.
const INTL_TAGS: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export interface Formatters {
  /** A moment, e.g. a meeting's start, in the reader's time zone. */
  dateTime(iso: string, style?: 'medium' | 'full'): string;
  /** A calendar date given as YYYY-MM-DD, without time-zone shifts. */
  calendarDate(isoDate: string): string;
  /** A moment's date only. */
  date(iso: string): string;
}

/** Locale-aware formatters for the current interface language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const tag = INTL_TAGS[i18n.language as Locale] ?? INTL_TAGS.fi;
  return useMemo(() => createFormatters(tag), [tag]);
}

/**
 * The formatters for a BCP 47 tag. They never throw: a value that is not a date (a due date
 * stored before dates were checked, say) is shown as it is instead of blanking the page.
 */
export function createFormatters(tag: string): Formatters {
  const medium = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const full = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
  const moment = (format: Intl.DateTimeFormat, iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
  return {
    dateTime: (iso, style = 'medium') => moment(style === 'full' ? full : medium, iso),
    calendarDate: (isoDate) => {
      if (!isCalendarDate(isoDate)) return isoDate;
      const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
      // setFullYear: the Date constructor would read the years 0–99 as 1900–1999.
      const date = new Date(2000, 0, 1);
      date.setFullYear(year, month - 1, day);
      return dateOnly.format(date);
    },
    date: (iso) => moment(dateOnly, iso),
  };
}

/** A moment as the value of an `<input type="datetime-local">`, in local time. */
export function toLocalInputValue(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO moment for a datetime-local value, or '' when it is empty or invalid. */
export function fromLocalInputValue(value: string): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
