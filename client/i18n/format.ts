import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/locales';

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
  return useMemo(() => {
    const medium = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const full = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short' });
    const dateOnly = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    return {
      dateTime: (iso, style = 'medium') => (style === 'full' ? full : medium).format(new Date(iso)),
      calendarDate: (isoDate) => {
        const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
        return dateOnly.format(new Date(year, month - 1, day));
      },
      date: (iso) => dateOnly.format(new Date(iso)),
    };
  }, [tag]);
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
