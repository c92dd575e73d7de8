import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_TIME_ZONE } from '../../shared/continuity';
import type { Locale } from '../../shared/locales';
import { isCalendarDate } from '../../shared/memo/schema';

// Finland's own variants: Finland Swedish, and British English for day-month order.
const INTL_TAGS: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

// Every time is shown and entered in Finnish time, whatever the device's zone: a meeting at 18.00
// in Äänekoski is "18.00" on a laptop set to New York too, and a deadline typed as 18.00 is 18.00
// in Helsinki. The same zone as the server's e-mails, calendar files and exports.

export interface Formatters {
  /** A moment, e.g. a meeting's start, in Finnish time. */
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
  const timeZone = GROUP_TIME_ZONE;
  const medium = new Intl.DateTimeFormat(tag, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const full = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short', timeZone });
  const dateOnly = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone });
  // A calendar date has no zone: built and formatted in UTC, it is the same day everywhere.
  const calendarDay = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
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
      const date = new Date(Date.UTC(2000, 0, 1));
      date.setUTCFullYear(year, month - 1, day);
      return calendarDay.format(date);
    },
    date: (iso) => moment(dateOnly, iso),
  };
}

const wallClockParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: GROUP_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

/** The Finnish wall clock at `date`, as numbers (not strings: some ICU versions pad them). */
function wallClock(date: Date) {
  const parts = Object.fromEntries(
    wallClockParts.formatToParts(date).map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute', number>;
  return parts;
}

/** How far Finnish time is ahead of UTC at `date`, in milliseconds (2 or 3 hours). */
function finnishOffset(date: Date): number {
  const wall = wallClock(date);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return wallAsUtc - Math.floor(date.getTime() / 60_000) * 60_000;
}

/** A moment as the value of an `<input type="datetime-local">`, in Finnish time. */
export function toLocalInputValue(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const wall = wallClock(date);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

const INPUT_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/**
 * The ISO moment for a datetime-local value read as Finnish time, or '' when it is empty or
 * invalid. In the hour skipped when clocks go forward the time is read with the winter offset
 * (03.30 becomes 04.30 summer time); in the hour repeated in autumn, the later (winter) one.
 */
export function fromLocalInputValue(value: string): string {
  const match = INPUT_VALUE.exec(value);
  if (!match) return '';
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((n) => Number(n ?? 0));
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Out of range parts (30 February, 25 o'clock) roll over in Date: refuse them instead.
  if (
    Number.isNaN(date.getTime()) ||
    date.getUTCDate() !== day ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCHours() !== hour
  )
    return '';
  const wallAsUtc = date.getTime();
  // The wall time less the offset two hours earlier is a first guess; the offset at that guess
  // gives the moment (the two offsets differ only next to a clock change).
  const first = wallAsUtc - finnishOffset(new Date(wallAsUtc - 2 * 3_600_000));
  const moment = wallAsUtc - finnishOffset(new Date(first));
  return new Date(moment).toISOString();
}
