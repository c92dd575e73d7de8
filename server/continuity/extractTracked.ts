// What an approved memo leaves open for later meetings: its follow-ups and its dissents.
import type { FrozenCaseLink } from '../../shared/caseLinks';
import type { Confidentiality } from '../../shared/confidentiality';
import { parseOwnerRef, type OwnerRef } from '../../shared/memo/followUpOwner';
import type {
  AgreedPointBlock,
  ContentSection,
  MemoContent,
  WithheldMarker,
  WithheldSection,
} from '../../shared/memo/content';

export type TrackedKind = 'followUp' | 'dissent';

/** One follow-up or dissent as the approved content states it. */
export interface TrackedSource {
  kind: TrackedKind;
  /** The follow-up's block id, the section dissent's id, or `<agreedPointId>:<partyId>`. */
  sourceId: string;
  /**
   * Where in its memo it comes from, unique within the memo and never ambiguous (ids hold no `:`):
   * `followUp:<blockId>`, `dissent:<dissentId>:<partyId>` (a section dissent, with the party
   * whose room holds it) or `stance:<agreedPointId>:<partyId>`.
   */
  key: string;
  /** Its place in the memo (0, 1, …), counted over follow-ups and dissents together. */
  position: number;
  sectionTitle: string;
  text: string;
  owner: string;
  /** The follow-up's owner reference as the memo states it (not yet checked against the group). */
  ownerRef: OwnerRef | null;
  due: string;
  partyId: string | null;
  confidentiality: Confidentiality;
  /** The council case its agenda item cited at approval, with that item's level, or null. */
  caseLink: FrozenCaseLink | null;
}

const isShown = <T extends { kind: string }>(
  node: T | WithheldMarker | WithheldSection,
): node is T => node.kind !== 'withheld';

/** A party's dissenting stances on an agreed point, each a dissent of its own. */
function stanceDissents(
  section: ContentSection,
  point: AgreedPointBlock,
  caseLink: FrozenCaseLink | null,
) {
  return point.stances.flatMap(({ partyId, entry }) =>
    entry?.stance === 'dissent'
      ? [
          {
            kind: 'dissent' as const,
            sourceId: `${point.id}:${partyId}`,
            key: `stance:${point.id}:${partyId}`,
            sectionTitle: section.title,
            text: entry.reason,
            owner: '',
            ownerRef: null,
            due: '',
            partyId,
            // A stance has no level of its own: it is as closed as the point it is about.
            confidentiality: point.confidentiality,
            caseLink,
          },
        ]
      : [],
  );
}

/**
 * Every follow-up block and every dissent (section dissents and dissenting stances on agreed
 * points) of `content`, in memo order: per section, its blocks (a point's dissenting stances right
 * after the point), then its dissents. Pass the full content; anything withheld is left out.
 * Each carries the case link its section's agenda item cited (`caseLinks`, frozen at approval).
 */
export function extractTrackedItems(
  content: MemoContent,
  caseLinks: readonly FrozenCaseLink[] = [],
): TrackedSource[] {
  const found: Omit<TrackedSource, 'position'>[] = [];
  for (const section of content.sections.filter(isShown)) {
    const caseLink = caseLinks.find((entry) => entry.agendaItemId === section.agendaItemId) ?? null;
    for (const block of section.blocks.filter(isShown)) {
      if (block.kind === 'followUp') {
        found.push({
          kind: 'followUp',
          sourceId: block.id,
          key: `followUp:${block.id}`,
          sectionTitle: section.title,
          text: block.paragraphs.join('\n'),
          owner: block.owner,
          ownerRef: parseOwnerRef(block.ownerRef),
          due: block.due,
          partyId: null,
          confidentiality: block.confidentiality,
          caseLink,
        });
      } else if (block.kind === 'agreedPoint') {
        found.push(...stanceDissents(section, block, caseLink));
      }
    }
    for (const dissent of section.dissents.filter(isShown)) {
      found.push({
        kind: 'dissent',
        sourceId: dissent.id,
        // Two parties' rooms may hold the same dissent id: the party is part of the key.
        key: `dissent:${dissent.id}:${dissent.partyId}`,
        sectionTitle: section.title,
        text: dissent.reason,
        owner: '',
        ownerRef: null,
        due: '',
        partyId: dissent.partyId,
        confidentiality: dissent.confidentiality,
        caseLink,
      });
    }
  }
  // An id seen twice (a block pasted with its id) is tracked once, where it first appears.
  const seen = new Set<string>();
  return found
    .filter((item) => {
      if (seen.has(item.key)) return false;
      seen.add(item.key);
      return true;
    })
    .map((item, position) => ({ ...item, position }));
}
