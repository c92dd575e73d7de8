// The link from an agenda item to the council's own item: which body handles it, at which meeting,
// under which § and diary number, and where the public item is. Pure, so the meeting page, the
// live memo and every export cite it in the same words.
import { isVisibleTo, type Audience, type Confidentiality } from './confidentiality';
import type { Locale } from './locales';

export interface CaseLink {
  /** The body as the city names it ("Kaupunginhallitus"); free text, suggestions below. */
  body: string;
  /** The body's meeting, `YYYY-MM-DD`, or empty. */
  meetingDate: string;
  /** The § (pykälä) number as the minutes give it ("14", "14 a"), or empty. */
  section: string;
  /** Diary number (diaarinumero), e.g. "123/2026", or empty. */
  diaryNumber: string;
  /** The public item on the city's site: https only, or empty. */
  url: string;
}

export const CASE_LINK_LIMITS = { body: 120, section: 20, diaryNumber: 60, url: 2000 } as const;

/** The bodies a group most often cites, offered as suggestions in each interface language. */
export const COMMON_COUNCIL_BODIES: Record<Locale, readonly string[]> = {
  fi: ['Kaupunginvaltuusto', 'Kaupunginhallitus', 'Lautakunta', 'Jaosto'],
  sv: ['Stadsfullmäktige', 'Stadsstyrelsen', 'Nämnd', 'Sektion'],
  en: ['City council', 'City board', 'Committee', 'Subcommittee'],
};

/** "dnro" in Finnish minutes; the Swedish and English abbreviations readers know. */
const DIARY_ABBREVIATION: Record<Locale, string> = { fi: 'dnro', sv: 'dnr', en: 'ref.' };

const ENGLISH_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** `YYYY-MM-DD` as minutes cite it: "12.1.2027" (fi, sv) or "12 Jan 2027" (en). */
function citedDate(value: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const monthIndex = Number(month) - 1;
  if (locale === 'en') return `${Number(day)} ${ENGLISH_MONTHS[monthIndex] ?? month} ${year}`;
  return `${Number(day)}.${monthIndex + 1}.${year}`;
}

/**
 * The citation every rendering shows, e.g. "Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026";
 * parts left empty are left out. Empty when nothing but the URL is given.
 */
export function formatCaseLink(link: CaseLink, locale: Locale): string {
  const head = [
    link.body.trim(),
    link.meetingDate ? citedDate(link.meetingDate, locale) : '',
    link.section.trim() ? `§ ${link.section.trim()}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const diary = link.diaryNumber.trim()
    ? `${DIARY_ABBREVIATION[locale]} ${link.diaryNumber.trim()}`
    : '';
  return [head, diary].filter(Boolean).join(', ');
}

/** Whether a case link says anything at all (an all-empty one is stored as none). */
export function hasCaseLink(link: CaseLink | undefined | null): link is CaseLink {
  return (
    !!link &&
    [link.body, link.meetingDate, link.section, link.diaryNumber, link.url].some(
      (part) => part.trim() !== '',
    )
  );
}

/** A case link as an approved version froze it, with its agenda item's level at approval. */
export interface FrozenCaseLink {
  agendaItemId: string;
  confidentiality: Confidentiality;
  link: CaseLink;
}

/** The case links of an agenda, to freeze beside a version at approval. */
export function freezeCaseLinks(
  agenda: readonly { id: string; confidentiality: Confidentiality; caseLink?: CaseLink }[],
): FrozenCaseLink[] {
  return agenda.flatMap((item) =>
    hasCaseLink(item.caseLink)
      ? [{ agendaItemId: item.id, confidentiality: item.confidentiality, link: item.caseLink }]
      : [],
  );
}

/**
 * The case links `audience` may receive: a link goes with its agenda item, so only where the
 * audience may see that item and the version's (redacted) content still shows its section.
 */
export function visibleCaseLinks(
  frozen: readonly FrozenCaseLink[],
  audience: Audience,
  shownAgendaItemIds: ReadonlySet<string>,
): { agendaItemId: string; link: CaseLink }[] {
  return frozen
    .filter(
      (entry) =>
        isVisibleTo(entry.confidentiality, audience) && shownAgendaItemIds.has(entry.agendaItemId),
    )
    .map(({ agendaItemId, link }) => ({ agendaItemId, link: { ...link } }));
}
