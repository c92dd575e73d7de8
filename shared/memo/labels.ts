// The words every rendering of an approved memo uses, in the three interface languages. Shared so
// that the web view, the print page, Markdown and PDF say exactly the same thing.
import type { Locale } from '../locales';
import type { Stance } from './partyDoc';
import type { Confidentiality } from '../confidentiality';
import type { AttendanceStatus } from '../meetings';
import type { Role } from '../roles';

export interface MemoLabels {
  memo: string;
  /** Required on every memo: the group makes no decisions (see the domain brief). */
  disclaimer: string;
  version: string;
  approvedBy: string;
  /** The stamp's label for an acting chair's approval (issue 19), before `actingChair`. */
  approval: string;
  /** The stamp line of a vice-chair who approved in the chair's place; `{name}` is replaced. */
  actingChair: string;
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
  /** Before the meeting's place. */
  place: string;
  /** Heading of the parties' attendance and the people who took part. */
  participants: string;
  attendance: Record<AttendanceStatus, string>;
  /**
   * A person's attendance after their role (issue 19); `{name}` is the other person. Names are
   * never inflected (Finnish "jäsenen Pekka Virtanen sijaisena", not a guessed genitive).
   */
  personAttendance: { absent: string; substituted: string; substituting: string };
  /** The roles named in the participants list (readers and admins take no part in meetings). */
  roles: Record<Exclude<Role, 'reader' | 'admin'>, string>;
  /** Heading of the agenda items, numbered as on the agenda. */
  items: string;
  /** Before an item's council case link ("Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026"). */
  caseLink: string;
  /** On screen only: how to print the print page (it runs no script, so no print button). */
  printHint: string;
  /** Heading of the documents on the table at approval (issue 19), each with its SHA-256. */
  tabledDocuments: string;
  /** In place of a document the audience may not see. */
  withheldDocument: string;
}

/**
 * The group is not a decision-making body (the domain brief): said first in every memo's
 * disclaimer, on the joint statement's PDF and on the public pages.
 */
export const NOT_A_DECISION_BODY: Record<Locale, string> = {
  fi: 'Neuvotteluryhmä ei ole päätöksiä tekevä toimielin: sen linjaukset ohjaavat valtuustoryhmien omaa valmistelua, mutta eivät sido kaupunkia.',
  sv: 'Förhandlingsgruppen är inget beslutande organ: dess linjer vägleder fullmäktigegruppernas egen beredning men binder inte staden.',
  en: 'The negotiation group is not a decision-making body: its lines guide the party groups’ own preparation but do not bind the city.',
};

export const MEMO_LABELS: Record<Locale, MemoLabels> = {
  fi: {
    memo: 'Muistio',
    disclaimer: `${NOT_A_DECISION_BODY.fi} Tämä muistio ei ole virallinen pöytäkirja eikä sisällä päätöksiä. Siihen on kirjattu vain yhdessä linjatut näkemykset, eriävät kannat ja jatkovalmisteltavat asiat.`,
    version: 'Versio',
    approvedBy: 'Hyväksyjä',
    approval: 'Hyväksyntä',
    actingChair: 'Hyväksynyt varapuheenjohtaja {name} puheenjohtajan sijaisena',
    approvedAt: 'Hyväksytty',
    hash: 'Tunnistekoodi',
    agreedPoint: 'Yhdessä linjattu näkemys',
    followUp: 'Jatkovalmistelu',
    owner: 'Vastuu',
    due: 'Määräaika',
    dissents: 'Eriävät kannat',
    stanceNotStated: 'Ei ilmoitettu',
    stances: { agree: 'Samaa mieltä', dissent: 'Eriävä kanta', reservation: 'Varauma' },
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
    stancesHeading: 'Puolueiden kannat',
    pageOf: 'Sivu {page} / {pages}',
    place: 'Paikka',
    participants: 'Osallistujat ja läsnäolo',
    attendance: { present: 'läsnä', absent: 'poissa', unknown: 'läsnäoloa ei merkitty' },
    personAttendance: {
      absent: 'poissa',
      substituted: 'poissa, sijaisena {name}',
      substituting: 'jäsenen {name} sijaisena',
    },
    roles: {
      chair: 'puheenjohtaja',
      vice_chair: 'varapuheenjohtaja',
      secretary: 'sihteeri',
      representative: 'jäsen',
      deputy: 'varajäsen',
    },
    items: 'Käsitellyt asiat',
    caseLink: 'Kaupungin asia',
    printHint: 'Tulosta selaimen tulostustoiminnolla (Ctrl+P).',

    tabledDocuments: 'Pöydällä olleet liitteet',
    withheldDocument: 'Luottamuksellinen liite',
  },
  sv: {
    memo: 'Promemoria',
    disclaimer: `${NOT_A_DECISION_BODY.sv} Denna promemoria är inget officiellt protokoll och innehåller inga beslut. Den tar endast upp gemensamt överenskomna linjer, avvikande åsikter och frågor för fortsatt beredning.`,
    version: 'Version',
    approvedBy: 'Godkänd av',
    approval: 'Godkännande',
    actingChair: 'Godkänd av vice ordförande {name} i ordförandens ställe',
    approvedAt: 'Godkänd',
    hash: 'Kontrollkod',
    agreedPoint: 'Gemensamt överenskommen linje',
    followUp: 'Fortsatt beredning',
    owner: 'Ansvarig',
    due: 'Tidsfrist',
    dissents: 'Avvikande åsikter',
    stanceNotStated: 'Inte angiven',
    stances: { agree: 'Instämmer', dissent: 'Avvikande åsikt', reservation: 'Reservation' },
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
    stancesHeading: 'Partiernas ståndpunkter',
    pageOf: 'Sida {page} / {pages}',
    place: 'Plats',
    participants: 'Deltagare och närvaro',
    attendance: { present: 'närvarande', absent: 'frånvarande', unknown: 'närvaro inte antecknad' },
    personAttendance: {
      absent: 'frånvarande',
      substituted: 'frånvarande, ersatt av {name}',
      substituting: 'i stället för {name}',
    },
    roles: {
      chair: 'ordförande',
      vice_chair: 'vice ordförande',
      secretary: 'sekreterare',
      representative: 'ledamot',
      deputy: 'ersättare',
    },
    items: 'Behandlade ärenden',
    caseLink: 'Stadens ärende',
    printHint: 'Skriv ut med webbläsarens utskriftsfunktion (Ctrl+P).',

    tabledDocuments: 'Bilagor som låg på bordet',
    withheldDocument: 'Konfidentiell bilaga',
  },
  en: {
    memo: 'Memo',
    disclaimer: `${NOT_A_DECISION_BODY.en} This memo is not official minutes and contains no decisions. It records only the views agreed together, dissenting positions and items for further preparation.`,
    version: 'Version',
    approvedBy: 'Approved by',
    approval: 'Approval',
    actingChair: 'Approved by vice-chair {name}, acting for the chair',
    approvedAt: 'Approved',
    hash: 'Check code',
    agreedPoint: 'Agreed point',
    followUp: 'Follow-up',
    owner: 'Owner',
    due: 'Due',
    dissents: 'Dissenting positions',
    stanceNotStated: 'Not stated',
    stances: { agree: 'Agrees', dissent: 'Dissents', reservation: 'Reservation' },
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
    stancesHeading: 'Positions of the parties',
    pageOf: 'Page {page} of {pages}',
    place: 'Place',
    participants: 'Participants and attendance',
    attendance: { present: 'present', absent: 'absent', unknown: 'attendance not recorded' },
    personAttendance: {
      absent: 'absent',
      substituted: 'absent, substituted by {name}',
      substituting: 'substituting for {name}',
    },
    roles: {
      chair: 'chair',
      vice_chair: 'vice-chair',
      secretary: 'secretary',
      representative: 'member',
      deputy: 'deputy',
    },
    items: 'Items discussed',
    caseLink: 'Council case',
    printHint: 'Print with your browser’s print command (Ctrl+P).',

    tabledDocuments: 'Documents on the table',
    withheldDocument: 'A confidential document',
  },
};

/**
 * The approver's line of a version's stamp: "Hyväksyjä: Nimi", or for a vice-chair who approved
 * as acting chair "Hyväksyntä: Hyväksynyt varapuheenjohtaja Nimi puheenjohtajan sijaisena".
 */
export function approverLine(
  version: { approvedBy: { name: string }; actingChair: boolean },
  labels: MemoLabels,
): { label: string; value: string } {
  return version.actingChair
    ? {
        label: labels.approval,
        value: labels.actingChair.replace('{name}', version.approvedBy.name),
      }
    : { label: labels.approvedBy, value: version.approvedBy.name };
}
