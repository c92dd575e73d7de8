// What changed between two memo versions, as a typed list a screen can render.
import { canonicalJson, type ContentBlock, type ContentDissent } from './content';
import type { ContentSection, MemoContent } from './content';
import type { StanceEntry } from './partyDoc';

/** A section without its contents. */
export type SectionHead = Omit<ContentSection, 'blocks' | 'dissents'>;

/** A block and where it sits: `position` is its index in the section's `blocks`. */
export interface LocatedBlock {
  sectionId: string;
  position: number;
  block: ContentBlock;
}

export interface LocatedDissent {
  sectionId: string;
  dissent: ContentDissent;
}

export type SectionField = 'title' | 'agendaItemId' | 'confidentiality';
/** `section`: the block moved to another section. Stances are reported as `stanceChanged`. */
export type BlockField = 'kind' | 'section' | 'paragraphs' | 'confidentiality' | 'owner' | 'due';
export type DissentField = 'section' | 'partyId' | 'reason' | 'confidentiality';

export type MemoChange =
  | { kind: 'sectionAdded'; section: SectionHead }
  | { kind: 'sectionRemoved'; section: SectionHead }
  | { kind: 'sectionChanged'; from: SectionHead; to: SectionHead; fields: SectionField[] }
  | ({ kind: 'blockAdded' } & LocatedBlock)
  | ({ kind: 'blockRemoved' } & LocatedBlock)
  | { kind: 'blockChanged'; from: LocatedBlock; to: LocatedBlock; fields: BlockField[] }
  | {
      kind: 'stanceChanged';
      sectionId: string;
      agreedPointId: string;
      partyId: string;
      from: StanceEntry | null;
      to: StanceEntry | null;
    }
  | ({ kind: 'dissentAdded' } & LocatedDissent)
  | ({ kind: 'dissentRemoved' } & LocatedDissent)
  | { kind: 'dissentChanged'; from: LocatedDissent; to: LocatedDissent; fields: DissentField[] };

interface Indexed {
  sections: Map<string, ContentSection>;
  /** Blocks by key: `id:<id>` for agreed points and follow-ups, `notes:<section>:<n>` for the
   * n-th notes block of a section. */
  blocks: Map<string, LocatedBlock>;
  dissents: Map<string, LocatedDissent>;
}

function blockKey(sectionId: string, block: ContentBlock, notesIndex: number): string {
  return block.id === null ? `notes:${sectionId}:${notesIndex}` : `id:${block.id}`;
}

/** Withheld markers carry nothing to compare, so they are skipped. */
function index(content: MemoContent): Indexed {
  const indexed: Indexed = { sections: new Map(), blocks: new Map(), dissents: new Map() };
  for (const section of content.sections) {
    if (section.kind === 'withheld') continue;
    indexed.sections.set(section.id, section);
    let notesIndex = 0;
    section.blocks.forEach((block, position) => {
      if (block.kind === 'withheld') return;
      const key = blockKey(section.id, block, notesIndex);
      if (block.kind === 'notes') notesIndex += 1;
      indexed.blocks.set(key, { sectionId: section.id, position, block });
    });
    for (const dissent of section.dissents) {
      if (dissent.kind === 'withheld') continue;
      indexed.dissents.set(dissent.id, { sectionId: section.id, dissent });
    }
  }
  return indexed;
}

function head({ blocks: _blocks, dissents: _dissents, ...rest }: ContentSection): SectionHead {
  return rest;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The named fields whose values differ between `from` and `to`. */
function changedFields<F extends string>(
  fields: readonly F[],
  from: Partial<Record<F, unknown>>,
  to: Partial<Record<F, unknown>>,
): F[] {
  return fields.filter((field) => !same(from[field], to[field]));
}

function blockChanges(from: LocatedBlock, to: LocatedBlock): MemoChange[] {
  const fields: BlockField[] = changedFields(
    ['kind', 'paragraphs', 'confidentiality', 'owner', 'due'] as const,
    from.block,
    to.block,
  );
  if (from.sectionId !== to.sectionId) fields.splice(1, 0, 'section');
  const changes: MemoChange[] =
    fields.length > 0 ? [{ kind: 'blockChanged', from, to, fields }] : [];
  const before = from.block.kind === 'agreedPoint' ? from.block.stances : [];
  if (to.block.kind !== 'agreedPoint') return changes;
  const agreedPointId = to.block.id;
  const partyIds = [...new Set([...to.block.stances, ...before].map((s) => s.partyId))];
  for (const partyId of partyIds) {
    const was = before.find((s) => s.partyId === partyId)?.entry ?? null;
    const now = to.block.stances.find((s) => s.partyId === partyId)?.entry ?? null;
    if (!same(was, now)) {
      changes.push({
        kind: 'stanceChanged',
        sectionId: to.sectionId,
        agreedPointId,
        partyId,
        from: was,
        to: now,
      });
    }
  }
  return changes;
}

function dissentChange(from: LocatedDissent, to: LocatedDissent): MemoChange[] {
  const fields: DissentField[] = changedFields(
    ['partyId', 'reason', 'confidentiality'] as const,
    from.dissent,
    to.dissent,
  );
  if (from.sectionId !== to.sectionId) fields.unshift('section');
  return fields.length > 0 ? [{ kind: 'dissentChanged', from, to, fields }] : [];
}

/** Blocks and dissents of `section` in `a` that `b` no longer has anywhere. */
function removedFrom(sectionId: string, a: Indexed, b: Indexed): MemoChange[] {
  const changes: MemoChange[] = [];
  for (const [key, located] of a.blocks) {
    if (located.sectionId === sectionId && !b.blocks.has(key)) {
      changes.push({ kind: 'blockRemoved', ...located });
    }
  }
  for (const [id, located] of a.dissents) {
    if (located.sectionId === sectionId && !b.dissents.has(id)) {
      changes.push({ kind: 'dissentRemoved', ...located });
    }
  }
  return changes;
}

/**
 * The changes from version `a` to version `b`. Sections, agreed points, follow-ups and dissents
 * are matched by id (a block or dissent that moved between sections is "changed" with field
 * `section`); notes blocks, which have no id, by their position among the notes blocks of their
 * section. Withheld markers are skipped, so diffing two redacted versions reveals nothing the
 * markers hide. Order: per section of `b`, the section's own change, its blocks added or changed
 * (stance changes right after their agreed point), its dissents added or changed, then the
 * blocks and dissents it lost; then each section only `a` has, followed by what it held.
 */
export function diffMemoContent(a: MemoContent, b: MemoContent): MemoChange[] {
  const before = index(a);
  const after = index(b);
  const changes: MemoChange[] = [];
  for (const [sectionId, section] of after.sections) {
    const previous = before.sections.get(sectionId);
    if (!previous) changes.push({ kind: 'sectionAdded', section: head(section) });
    else {
      const fields = changedFields(
        ['title', 'agendaItemId', 'confidentiality'] as const,
        previous,
        section,
      );
      if (fields.length > 0) {
        changes.push({ kind: 'sectionChanged', from: head(previous), to: head(section), fields });
      }
    }
    for (const [key, located] of after.blocks) {
      if (located.sectionId !== sectionId) continue;
      const was = before.blocks.get(key);
      if (was) changes.push(...blockChanges(was, located));
      else changes.push({ kind: 'blockAdded', ...located });
    }
    for (const [id, located] of after.dissents) {
      if (located.sectionId !== sectionId) continue;
      const was = before.dissents.get(id);
      if (was) changes.push(...dissentChange(was, located));
      else changes.push({ kind: 'dissentAdded', ...located });
    }
    changes.push(...removedFrom(sectionId, before, after));
  }
  for (const [sectionId, section] of before.sections) {
    if (after.sections.has(sectionId)) continue;
    changes.push({ kind: 'sectionRemoved', section: head(section) });
    changes.push(...removedFrom(sectionId, before, after));
  }
  return changes;
}
