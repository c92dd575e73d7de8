// Continuity between meetings: the agenda item that reviews the previous approved memo.
import type { Locale } from './locales';

/** The agenda item's label, in the language of the person creating the meeting. */
export const REVIEW_ITEM_LABELS: Record<Locale, string> = {
  fi: 'Edellisen muistion tarkastus',
  sv: 'Granskning av föregående promemoria',
  en: 'Review of the previous memo',
};

/** What the group found when it reviewed the previous meeting's memo. */
export const REVIEW_OUTCOMES = ['reviewed', 'reviewedWithCorrections'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The groups meet in Finland: a meeting's calendar day is its day in Finnish time. */
export const GROUP_TIME_ZONE = 'Europe/Helsinki';

const dayParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: GROUP_TIME_ZONE,
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
});

/** A moment's calendar day in Finnish time, as numbers. */
export function finnishDay(moment: Date): { day: number; month: number; year: number } {
  // Numbers, not the formatted strings: some ICU versions pad "numeric" days and months.
  const parts = Object.fromEntries(
    dayParts.formatToParts(moment).map((part) => [part.type, Number(part.value)]),
  );
  return { day: parts.day ?? 0, month: parts.month ?? 0, year: parts.year ?? 0 };
}

/** A moment's Finnish calendar day as `d.m.yyyy` (the Finnish way, in every language). */
export function finnishDate(moment: Date): string {
  const { day, month, year } = finnishDay(moment);
  return `${day}.${month}.${year}`;
}

/** The longest agenda item title a meeting edit accepts (AgendaItemInput). */
export const MAX_AGENDA_TITLE_LENGTH = 300;

/**
 * The review item's title, e.g. "Edellisen muistion tarkastus: Talousarvio (7.12.2026)". A long
 * meeting title is shortened so that the item still passes validation when the meeting is edited.
 */
export function reviewItemTitle(locale: Locale, meetingTitle: string, startsAt: Date): string {
  const label = `${REVIEW_ITEM_LABELS[locale]}: `;
  const date = ` (${finnishDate(startsAt)})`;
  const room = MAX_AGENDA_TITLE_LENGTH - label.length - date.length;
  const title = meetingTitle.length > room ? `${meetingTitle.slice(0, room - 1)}…` : meetingTitle;
  return `${label}${title}${date}`;
}
