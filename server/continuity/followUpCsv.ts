// Follow-ups as a spreadsheet for Finnish Excel (issue 19): one row per follow-up, a header in
// the reader's language, dates d.m.yyyy. Written by the audit log's CSV writer (BOM, `;`, CRLF,
// formula-like cells defused). The caller passes only what the reader may read.
import type { MyFollowUp, TrackedItem } from '../../shared/api/memoVersions';
import { formatCaseLink } from '../../shared/caseLinks';
import type { Locale } from '../../shared/locales';
import { spreadsheetCsv } from '../audit/csv';

type Column =
  | 'group'
  | 'meeting'
  | 'version'
  | 'section'
  | 'text'
  | 'owner'
  | 'due'
  | 'status'
  | 'caseLink'
  | 'reason'
  | 'confidentiality';

const HEADERS: Record<Locale, Record<Column, string>> = {
  fi: {
    group: 'Ryhmä',
    meeting: 'Kokous',
    version: 'Muistion versio',
    section: 'Asia',
    text: 'Jatkotoimi',
    owner: 'Vastuu',
    due: 'Määräaika',
    status: 'Tila',
    caseLink: 'Valtuuston asia',
    reason: 'Perustelu',
    confidentiality: 'Luottamuksellisuus',
  },
  sv: {
    group: 'Grupp',
    meeting: 'Möte',
    version: 'Promemorians version',
    section: 'Ärende',
    text: 'Uppföljning',
    owner: 'Ansvarig',
    due: 'Tidsfrist',
    status: 'Status',
    caseLink: 'Ärende i fullmäktige',
    reason: 'Motivering',
    confidentiality: 'Konfidentialitet',
  },
  en: {
    group: 'Group',
    meeting: 'Meeting',
    version: 'Memo version',
    section: 'Item',
    text: 'Follow-up',
    owner: 'Owner',
    due: 'Due',
    status: 'Status',
    caseLink: 'Council case',
    reason: 'Reason',
    confidentiality: 'Confidentiality',
  },
};

const STATUS: Record<Locale, Record<TrackedItem['status'], string>> = {
  fi: {
    open: 'Avoin',
    inProgress: 'Työn alla',
    inPreparation: 'Viety valmisteluun',
    done: 'Valmis',
    notDone: 'Ei toteuteta',
  },
  sv: {
    open: 'Öppen',
    inProgress: 'Pågår',
    inPreparation: 'Förd till beredning',
    done: 'Klar',
    notDone: 'Genomförs inte',
  },
  en: {
    open: 'Open',
    inProgress: 'In progress',
    inPreparation: 'Taken to preparation',
    done: 'Done',
    notDone: 'Will not be done',
  },
};

const LEVEL: Record<Locale, Record<TrackedItem['confidentiality'], string>> = {
  fi: { public: 'Julkinen', groups: 'Ryhmille', confidential: 'Luottamuksellinen' },
  sv: { public: 'Offentlig', groups: 'För grupperna', confidential: 'Konfidentiell' },
  en: { public: 'Public', groups: 'Party groups', confidential: 'Confidential' },
};

/** `YYYY-MM-DD` as d.m.yyyy, the way Finnish Excel reads a date; '' stays ''. */
export function finnishCalendarDate(isoDay: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  return match ? `${Number(match[3])}.${Number(match[2])}.${match[1]}` : '';
}

/** The follow-ups as CSV; with a group column when they come from several groups. */
export function followUpCsv(
  items: readonly (TrackedItem | MyFollowUp)[],
  locale: Locale,
  withGroup: boolean,
): string {
  const columns: Column[] = [
    ...(withGroup ? (['group'] as const) : []),
    'meeting',
    'version',
    'section',
    'text',
    'owner',
    'due',
    'status',
    'caseLink',
    'reason',
    'confidentiality',
  ];
  const value = (item: TrackedItem | MyFollowUp, column: Column): string => {
    switch (column) {
      case 'group':
        return 'groupName' in item ? item.groupName : '';
      case 'meeting':
        return item.meetingTitle;
      case 'version':
        return String(item.version);
      case 'section':
        return item.sectionTitle;
      case 'text':
        return item.text;
      case 'owner':
        return item.owner;
      case 'due':
        return finnishCalendarDate(item.due);
      case 'status':
        return STATUS[locale][item.status];
      case 'caseLink': {
        const link = item.statusCaseLink;
        if (!link) return '';
        return [formatCaseLink(link, locale), link.url].filter(Boolean).join(' ');
      }
      case 'reason':
        return item.statusReason ?? '';
      case 'confidentiality':
        return LEVEL[locale][item.confidentiality];
    }
  };
  return spreadsheetCsv([
    columns.map((column) => HEADERS[locale][column]),
    ...items.map((item) => columns.map((column) => value(item, column))),
  ]);
}
