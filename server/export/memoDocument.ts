// One approved memo version laid out for reading: what every export shows, in which order and in
// which words. Decided once here so that the PDF, the Markdown and the print page cannot drift
// apart; the renderers only add their own syntax and escaping. The content arrives already
// redacted for its audience: nothing here decides what may be shown.
import type { MemoMeetingFacts, MemoVersionView } from '../../shared/api/memoVersions';
import type { Audience, Confidentiality } from '../../shared/confidentiality';
import type {
  ContentBlock,
  ContentDissent,
  ContentParty,
  ContentSection,
  ContentStance,
} from '../../shared/memo/content';
import { formatCaseLink } from '../../shared/caseLinks';
import { approverLine, MEMO_LABELS, type MemoLabels } from '../../shared/memo/labels';
import { participantLines } from '../../shared/memo/participants';
import type { Locale } from '../../shared/locales';
import { formatCalendarDate, formatMoment } from './dates';

/** Where content was left out for this audience: only the neutral sentence, nothing else. */
export interface WithheldItem {
  kind: 'withheld';
  text: string;
}

export interface LabelledValue {
  label: string;
  value: string;
}

export interface StampRow extends LabelledValue {
  /** The checksum: shown in a fixed-width face so it can be compared character by character. */
  isHash: boolean;
}

export interface StanceLine {
  party: string;
  stance: string;
  /** Empty when the party gave none. */
  reason: string;
}

export type DocBlock =
  | { kind: 'notes'; level: string | null; paragraphs: string[] }
  | {
      kind: 'agreedPoint';
      label: string;
      level: string | null;
      paragraphs: string[];
      stancesLabel: string;
      stances: StanceLine[];
    }
  | {
      kind: 'followUp';
      label: string;
      level: string | null;
      paragraphs: string[];
      /** Owner and due date, each only when set. */
      details: LabelledValue[];
    };

export interface DocCaseLink {
  label: string;
  /** "Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026", or the URL when only it is given. */
  text: string;
  /** An https URL as the server normalised it, or empty. */
  url: string;
}

export interface DocDissent {
  kind: 'dissent';
  party: string;
  reason: string;
}

export interface DocSection {
  kind: 'section';
  title: string;
  /** Its place on the full agenda, so numbers do not shift where a reader gets less. */
  number: number;
  /** "3. Talousarvio 2027": what every rendering shows as the section's heading. */
  heading: string;
  /** The section's level, or null where every item is public anyway (the public rendering). */
  level: string | null;
  /** The council's own item, when the agenda item cites one (withheld with the item). */
  caseLink: DocCaseLink | null;
  blocks: (DocBlock | WithheldItem)[];
  dissentsLabel: string;
  dissents: (DocDissent | WithheldItem)[];
}

/** Who took part: the officers, then one row per party with its attendance and people. */
export interface DocParticipants {
  heading: string;
  /** e.g. "Päivi Äijälä (puheenjohtaja)". */
  officers: string[];
  parties: { party: string; attendance: string; people: string[] }[];
}

export interface MemoDocument {
  locale: Locale;
  labels: MemoLabels;
  /** The document's title, e.g. "Muistio: Talousarvioneuvottelu". */
  title: string;
  meetingTitle: string;
  groupName: string;
  /** e.g. "Kokous: 7. joulukuuta 2026 klo 17.00". */
  meetingLine: string;
  /** e.g. "Paikka: Kaupungintalo", or null when the meeting has no place. */
  placeLine: string | null;
  participants: DocParticipants;
  /** The documents on the table at approval (names only where the audience may see them). */
  documents: DocDocuments | null;
  stampLabel: string;
  /** Chair, approval time, version and checksum, in this order. */
  stamp: StampRow[];
  /** The audience's name, e.g. "Valtuustoryhmien versio". */
  audience: string;
  disclaimer: string;
  sections: (DocSection | WithheldItem)[];
  /** The page footer pattern with `{page}` and `{pages}`. */
  pageOf: string;
  printHint: string;
  version: number;
  hash: string;
}

export interface DocDocuments {
  heading: string;
  /** Each line a file name and its SHA-256, or the withheld label. */
  items: { name: string; sha256: string | null }[];
}

/** The documents of a version as lines; null when none (or the version predates documents). */
function docDocuments(view: MemoVersionView, labels: MemoLabels): DocDocuments | null {
  const listed = view.documents ?? [];
  if (listed.length === 0) return null;
  return {
    heading: labels.tabledDocuments,
    items: listed.map((doc) =>
      'withheld' in doc
        ? { name: labels.withheldDocument, sha256: null }
        : { name: doc.fileName, sha256: doc.sha256 },
    ),
  };
}

/** Lay out `view` for reading in `locale`. */
export function memoDocument(view: MemoVersionView, locale: Locale): MemoDocument {
  const labels = MEMO_LABELS[locale];
  const parties = new Map(view.content.parties.map((party) => [party.partyId, party]));
  const withheld: WithheldItem = { kind: 'withheld', text: labels.withheld };
  const shown = (level: Confidentiality) => levelName(level, view.audience, labels);
  const caseLinks = new Map(view.caseLinks.map((entry) => [entry.agendaItemId, entry.link]));
  return {
    locale,
    labels,
    title: `${labels.memo}: ${view.meetingTitle}`,
    meetingTitle: view.meetingTitle,
    groupName: view.groupName,
    meetingLine: `${labels.meeting}: ${formatMoment(view.meetingStartsAt, locale)}`,
    placeLine: view.meetingFacts.location.trim()
      ? `${labels.place}: ${view.meetingFacts.location.trim()}`
      : null,
    participants: docParticipants(view.meetingFacts, view.content.parties, labels),
    documents: docDocuments(view, labels),
    stampLabel: labels.stamp,
    stamp: [
      { ...approverLine(view, labels), isHash: false },
      { label: labels.approvedAt, value: formatMoment(view.approvedAt, locale), isHash: false },
      { label: labels.version, value: String(view.version), isHash: false },
      { label: labels.hash, value: view.hash, isHash: true },
    ],
    audience: labels.audience[view.audience],
    disclaimer: labels.disclaimer,
    sections: collapseWithheld(
      view.content.sections.map((section, index) =>
        section.kind === 'withheld' ? withheld : docSection(section, index + 1),
      ),
    ),
    pageOf: labels.pageOf,
    printHint: labels.printHint,
    version: view.version,
    hash: view.hash,
  };

  function docSection(section: ContentSection, number: number): DocSection {
    return {
      kind: 'section',
      title: section.title,
      number,
      heading: `${number}. ${section.title}`,
      level: shown(section.confidentiality),
      caseLink: docCaseLink(section.agendaItemId),
      blocks: collapseWithheld(
        section.blocks.map((block) =>
          block.kind === 'withheld' ? withheld : docBlock(block, section.confidentiality),
        ),
      ),
      dissentsLabel: labels.dissents,
      dissents: collapseWithheld(
        section.dissents.map((dissent) =>
          dissent.kind === 'withheld' ? withheld : docDissent(dissent),
        ),
      ),
    };
  }

  function docCaseLink(agendaItemId: string | null): DocCaseLink | null {
    const link = agendaItemId ? caseLinks.get(agendaItemId) : undefined;
    if (!link) return null;
    return {
      label: labels.caseLink,
      text: formatCaseLink(link, locale) || link.url,
      url: link.url,
    };
  }

  function docBlock(block: ContentBlock, sectionLevel: Confidentiality): DocBlock {
    // A block is marked only where it is more closed than its section: the section says the rest.
    const level = block.confidentiality === sectionLevel ? null : shown(block.confidentiality);
    switch (block.kind) {
      case 'notes':
        return { kind: 'notes', level, paragraphs: block.paragraphs };
      case 'agreedPoint':
        return {
          kind: 'agreedPoint',
          label: labels.agreedPoint,
          level,
          paragraphs: block.paragraphs,
          stancesLabel: labels.stancesHeading,
          stances: block.stances.map((stance) => stanceLine(stance)),
        };
      case 'followUp': {
        const details: LabelledValue[] = [];
        if (block.owner.trim()) details.push({ label: labels.owner, value: block.owner });
        if (block.due.trim()) {
          details.push({ label: labels.due, value: formatCalendarDate(block.due, locale) });
        }
        return {
          kind: 'followUp',
          label: labels.followUp,
          level,
          paragraphs: block.paragraphs,
          details,
        };
      }
    }
  }

  function stanceLine({ partyId, entry }: ContentStance): StanceLine {
    return {
      party: partyName(parties.get(partyId)),
      stance: entry ? labels.stances[entry.stance] : labels.stanceNotStated,
      reason: entry?.reason.trim() ?? '',
    };
  }

  function docDissent(dissent: ContentDissent): DocDissent {
    return {
      kind: 'dissent',
      party: partyName(parties.get(dissent.partyId)),
      reason: dissent.reason,
    };
  }
}

function docParticipants(
  facts: MemoMeetingFacts,
  parties: readonly ContentParty[],
  labels: MemoLabels,
): DocParticipants {
  const names = new Map(parties.map((party) => [party.partyId, party.name || party.shortName]));
  const lines = participantLines(facts, parties, labels);
  return {
    heading: labels.participants,
    officers: lines.officers,
    parties: lines.parties.map(({ partyId, attendance, people }) => ({
      party: names.get(partyId) ?? '–',
      attendance,
      people,
    })),
  };
}

function partyName(party: ContentParty | undefined): string {
  // A party removed from the group after approval still has its short name in the content; an
  // unknown id (never expected) shows as a dash rather than an internal id.
  return party?.shortName || party?.name || '–';
}

/** The level's name, or null in the public rendering where everything shown is public. */
function levelName(level: Confidentiality, audience: Audience, labels: MemoLabels): string | null {
  return audience === 'public' ? null : labels.levels[level];
}

/**
 * Adjacent withheld items shown as one: a reader learns that something was left out here, not
 * how many things.
 */
export function collapseWithheld<T extends { kind: string }>(
  items: readonly (T | WithheldItem)[],
): (T | WithheldItem)[] {
  return items.filter(
    (item, index) => item.kind !== 'withheld' || items[index - 1]?.kind !== 'withheld',
  );
}

/** The footer text of page `page` of `pages`. */
export function pageLabel(pattern: string, page: number, pages: number): string {
  return pattern.replace('{page}', String(page)).replace('{pages}', String(pages));
}
