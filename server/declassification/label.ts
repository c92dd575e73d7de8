// A declassification's label: what a notice, an audit entry or a list may say about its target.
// It names the target by section number, kind and position only, never by its text: proposals go
// to negotiators, but their labels also reach audit entries and emails (invariant 3).
import type { MemoContent } from '../../shared/memo/content';
import type {
  DeclassifiableKind,
  DeclassificationTarget,
} from '../../shared/memo/declassification';

/** Finnish, like every stored label: e.g. "Kohta 1, yhdessä linjattu näkemys 2". */
const KIND_NAMES: Record<DeclassifiableKind, string> = {
  section: 'otsikko',
  agreedPoint: 'yhdessä linjattu näkemys',
  followUp: 'jatkovalmistelu',
  notes: 'muistiinpano',
  dissent: 'eriävä kanta',
};

/** 1-based number of the target's section and of the target among its section's items of its kind. */
function position(
  content: MemoContent,
  target: DeclassificationTarget,
  kind: DeclassifiableKind,
): { section: number; item: number } | null {
  const index = content.sections.findIndex(
    (section) => section.kind === 'section' && section.id === target.sectionId,
  );
  const section = content.sections[index];
  if (!section || section.kind !== 'section') return null;
  const number = { section: index + 1, item: 0 };
  switch (target.kind) {
    case 'section':
      return number;
    case 'notes':
      return { ...number, item: target.index + 1 };
    case 'block': {
      const sameKind = section.blocks.filter((block) => block.kind === kind);
      const at = sameKind.findIndex((block) => 'id' in block && block.id === target.blockId);
      return at < 0 ? null : { ...number, item: at + 1 };
    }
    case 'dissent': {
      const at = section.dissents.findIndex(
        (dissent) => dissent.kind === 'dissent' && dissent.id === target.dissentId,
      );
      return at < 0 ? null : { ...number, item: at + 1 };
    }
  }
}

/**
 * e.g. "Talousarvioneuvottelu v1: kohta 2, eriävä kanta 1" or "… v1: kohta 3, otsikko". Meeting
 * titles are seen by every member already; the target is named by numbers only.
 */
export function declassificationLabel(
  meetingTitle: string,
  version: number,
  content: MemoContent,
  target: DeclassificationTarget,
  kind: DeclassifiableKind,
): string {
  const at = position(content, target, kind);
  const where = at
    ? `kohta ${at.section}, ${KIND_NAMES[kind]}${at.item > 0 ? ` ${at.item}` : ''}`
    : KIND_NAMES[kind];
  return `${meetingTitle} v${version}: ${where}`;
}
