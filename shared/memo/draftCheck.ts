// The check the chair sees before approving: what may be missing from the draft. Findings are
// warnings, except a dissent no party owns, which would put words in nobody's (or anybody's)
// mouth and so blocks the approval.
import type { DraftFinding } from '../api/memoVersions';
import type { ConfidentialityChange } from '../confidentiality';
import type { MemoContent } from './content';

/** How much of an agreed point's text identifies it in a finding. */
const EXCERPT_LENGTH = 80;

export interface DraftCheckResult {
  warnings: DraftFinding[];
  blockers: DraftFinding[];
}

export interface DraftCheckOptions {
  /** Parties recorded as absent from the meeting, whose unstated stances are expected. */
  absentPartyIds?: ReadonlySet<string>;
  /**
   * Agenda item descriptions by agenda item id. A section starts with its item's description
   * (appendAgendaSections), so a section that still says nothing else has had nothing written.
   */
  agendaDescriptions?: ReadonlyMap<string, string>;
}

const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

function excerpt(paragraphs: readonly string[]): string {
  const text = paragraphs.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

/**
 * Check a draft (full, unredacted content). `history`: the memo's confidentiality changes; every
 * lowering is reported, oldest first.
 */
export function checkDraft(
  content: MemoContent,
  history: readonly ConfidentialityChange[],
  { absentPartyIds = new Set(), agendaDescriptions = new Map() }: DraftCheckOptions = {},
): DraftCheckResult {
  const warnings: DraftFinding[] = [];
  const blockers: DraftFinding[] = [];
  const partyIds = new Set(content.parties.map((party) => party.partyId));
  for (const section of content.sections) {
    if (section.kind === 'withheld') continue;
    const where = { sectionId: section.id, sectionTitle: section.title };
    const written = normalised(
      section.blocks
        .flatMap((block) => (block.kind === 'withheld' ? [] : block.paragraphs))
        .join(' '),
    );
    const seeded = section.agendaItemId ? agendaDescriptions.get(section.agendaItemId) : undefined;
    const hasText = written !== '' && written !== normalised(seeded ?? '');
    if (!hasText && section.dissents.length === 0)
      warnings.push({ kind: 'emptySection', ...where });
    for (const block of section.blocks) {
      if (block.kind !== 'agreedPoint') continue;
      const missing = block.stances
        .filter((stance) => stance.entry === null && !absentPartyIds.has(stance.partyId))
        .map((stance) => stance.partyId);
      if (missing.length > 0) {
        warnings.push({
          kind: 'stanceNotStated',
          ...where,
          agreedPointId: block.id,
          excerpt: excerpt(block.paragraphs),
          partyIds: missing,
        });
      }
    }
    for (const dissent of section.dissents) {
      if (dissent.kind === 'withheld') continue;
      if (!dissent.partyId || !partyIds.has(dissent.partyId)) {
        blockers.push({ kind: 'dissentWithoutParty', ...where });
      } else if (dissent.reason.trim() === '') {
        warnings.push({ kind: 'dissentWithoutReason', ...where, partyId: dissent.partyId });
      }
    }
  }
  for (const change of history) {
    if (change.lowered) warnings.push({ kind: 'confidentialityLowered', change });
  }
  return { warnings, blockers };
}
