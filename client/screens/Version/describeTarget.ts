// Names a declassification target for the negotiators who propose and answer: where it is (kind,
// agenda item number and title) and its first words, read from the version's full content. The
// server's stored labels name targets by position only (they reach audit entries and emails); on
// screen, negotiators who may read the item anyway get its words to recognise it by.
import type { TFunction } from 'i18next';
import type { ContentParty, ContentSection, MemoContent } from '../../../shared/memo/content';
import type {
  DeclassifiableKind,
  DeclassificationTarget,
} from '../../../shared/memo/declassification';

const EXCERPT_LENGTH = 160;

export interface TargetDescription {
  /** e.g. "Linjattu näkemys – asia 2: Kouluverkko". */
  where: string;
  /** The item's first words; null for a section (its title is in `where`) or unknown items. */
  excerpt: string | null;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

function partyName(parties: readonly ContentParty[], partyId: string): string {
  return parties.find((party) => party.partyId === partyId)?.shortName ?? '–';
}

/** The words of the target's item in `section`, or null when it is not there. */
function itemText(
  section: ContentSection,
  target: DeclassificationTarget,
  parties: readonly ContentParty[],
): string | null {
  switch (target.kind) {
    case 'section':
      return null;
    case 'notes': {
      const notes = section.blocks.filter((block) => block.kind === 'notes')[target.index];
      return notes && notes.kind === 'notes' ? notes.paragraphs.join(' ') : null;
    }
    case 'block': {
      const block = section.blocks.find(
        (candidate) => candidate.kind !== 'withheld' && candidate.id === target.blockId,
      );
      return block && block.kind !== 'withheld' ? block.paragraphs.join(' ') : null;
    }
    case 'dissent': {
      const dissent = section.dissents.find(
        (candidate) => candidate.kind === 'dissent' && candidate.id === target.dissentId,
      );
      return dissent && dissent.kind === 'dissent'
        ? `${partyName(parties, dissent.partyId)}: ${dissent.reason}`
        : null;
    }
  }
}

export function describeTarget(
  t: TFunction,
  target: DeclassificationTarget,
  itemKind: DeclassifiableKind,
  content: MemoContent | null,
): TargetDescription {
  const kind = t(`declassification.kind.${itemKind}`);
  const sections = content?.sections ?? [];
  const index = sections.findIndex(
    (section) => section.kind === 'section' && section.id === target.sectionId,
  );
  const section = sections[index];
  if (!content || !section || section.kind !== 'section') return { where: kind, excerpt: null };
  const where = t('declassification.where', {
    kind,
    number: index + 1,
    title: section.title || t('memo.summary.untitled'),
  });
  const text = itemText(section, target, content.parties);
  return { where, excerpt: text ? excerpt(text) : null };
}
