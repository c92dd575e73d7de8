// The words every rendering of an approved memo uses, in the three interface languages. Shared so
// that the web view, the print page, Markdown and PDF say exactly the same thing.
import type { Locale } from '../locales';
import type { Stance } from './partyDoc';
import type { Confidentiality } from '../confidentiality';

export interface MemoLabels {
  memo: string;
  /** Required on every memo: the group makes no decisions (see the domain brief). */
  disclaimer: string;
  version: string;
  approvedBy: string;
  approvedAt: string;
  hash: string;
  agreedPoint: string;
  followUp: string;
  owner: string;
  due: string;
  dissents: string;
  stanceNotStated: string;
  stances: Record<Stance, string>;
  levels: Record<Confidentiality, string>;
  /** Stands where content was withheld from this audience. */
  withheld: string;
  /** A withheld agenda item's title when the audience may not see its own (after its number). */
  withheldItem: string;
  audience: { negotiators: string; groups: string; public: string };
  /** The approval stamp's heading (chair, time, version, checksum). */
  stamp: string;
  /** Before the meeting's date and time. */
  meeting: string;
  /** Heading of the parties' stances on an agreed point. */
  stancesHeading: string;
  /** Page footer of printed renderings; `{page}` and `{pages}` are replaced. */
  pageOf: string;
  /** On screen only: how to print the print page (it runs no script, so no print button). */
  printHint: string;
}

export const MEMO_LABELS: Record<Locale, MemoLabels> = {
  fi: {
    memo: 'Muistio',
    disclaimer:
      'Tämä muistio ei ole virallinen pöytäkirja eikä sisällä päätöksiä. Siihen on kirjattu vain yhdessä linjatut näkemykset, eriävät kannat ja jatkovalmisteltavat asiat.',
    version: 'Versio',
    approvedBy: 'Hyväksyjä',
    approvedAt: 'Hyväksytty',
    hash: 'Tarkiste (SHA-256)',
    agreedPoint: 'Yhdessä linjattu näkemys',
    followUp: 'Jatkovalmistelu',
    owner: 'Vastuu',
    due: 'Määräaika',
    dissents: 'Eriävät kannat',
    stanceNotStated: 'ei ilmoitettu',
    stances: { agree: 'yhtyy', dissent: 'eriävä kanta', reservation: 'varauma' },
    levels: { public: 'julkinen', groups: 'ryhmille', confidential: 'luottamuksellinen' },
    withheld: 'Sisältöä on jätetty pois tästä versiosta.',
    withheldItem: 'Luottamuksellinen asia',
    audience: {
      negotiators: 'Neuvottelijoiden versio',
      groups: 'Valtuustoryhmien versio',
      public: 'Julkinen versio',
    },
    stamp: 'Hyväksymismerkintä',
    meeting: 'Kokous',
    stancesHeading: 'Ryhmien kannat',
    pageOf: 'Sivu {page} / {pages}',
    printHint: 'Tulosta selaimen tulostustoiminnolla (Ctrl+P).',
  },
  sv: {
    memo: 'Promemoria',
    disclaimer:
      'Denna promemoria är inget officiellt protokoll och innehåller inga beslut. Den tar endast upp gemensamt överenskomna linjer, avvikande åsikter och frågor för fortsatt beredning.',
    version: 'Version',
    approvedBy: 'Godkänd av',
    approvedAt: 'Godkänd',
    hash: 'Kontrollsumma (SHA-256)',
    agreedPoint: 'Gemensamt överenskommen linje',
    followUp: 'Fortsatt beredning',
    owner: 'Ansvarig',
    due: 'Tidsfrist',
    dissents: 'Avvikande åsikter',
    stanceNotStated: 'inte angiven',
    stances: { agree: 'instämmer', dissent: 'avvikande åsikt', reservation: 'reservation' },
    levels: { public: 'offentlig', groups: 'för grupperna', confidential: 'konfidentiell' },
    withheld: 'Innehåll har utelämnats ur denna version.',
    withheldItem: 'Konfidentiellt ärende',
    audience: {
      negotiators: 'Förhandlarnas version',
      groups: 'Fullmäktigegruppernas version',
      public: 'Offentlig version',
    },
    stamp: 'Godkännandeanteckning',
    meeting: 'Möte',
    stancesHeading: 'Gruppernas ståndpunkter',
    pageOf: 'Sida {page} / {pages}',
    printHint: 'Skriv ut med webbläsarens utskriftsfunktion (Ctrl+P).',
  },
  en: {
    memo: 'Memo',
    disclaimer:
      'This memo is not official minutes and contains no decisions. It records only the views agreed together, dissenting positions and items for further preparation.',
    version: 'Version',
    approvedBy: 'Approved by',
    approvedAt: 'Approved',
    hash: 'Checksum (SHA-256)',
    agreedPoint: 'Agreed point',
    followUp: 'Follow-up',
    owner: 'Owner',
    due: 'Due',
    dissents: 'Dissenting positions',
    stanceNotStated: 'not stated',
    stances: { agree: 'agrees', dissent: 'dissents', reservation: 'reservation' },
    levels: { public: 'public', groups: 'party groups', confidential: 'confidential' },
    withheld: 'Content has been withheld from this version.',
    withheldItem: 'Confidential item',
    audience: {
      negotiators: 'Negotiators’ version',
      groups: 'Party groups’ version',
      public: 'Public version',
    },
    stamp: 'Approval',
    meeting: 'Meeting',
    stancesHeading: 'Positions of the groups',
    pageOf: 'Page {page} of {pages}',
    printHint: 'Print with your browser’s print command (Ctrl+P).',
  },
};
