// Declassification overlays (issue 5): once every party has consented, an item of an approved
// memo version is shown one level more openly. The version itself never changes (its canonical
// JSON and SHA-256 stay as approved); the released lowerings are kept beside it, in release order,
// and applied to a copy of its full content before redaction shapes it for an audience:
//
//   redactMemoContent(applyDeclassifications(version.content, released), audience)
//
// A rendering of overlaid content must still show the version's stored hash: hashing the copy
// would give a hash no approved version has.
//
// Each rule below was picked so that a rendering never reveals more than every party agreed to:
// - One step at a time (confidential → groups, groups → public): each wider audience is its own
//   decision.
// - A section's overlay lowers the section head only (id, agenda item, title; its closed blocks
//   and dissents then show as withheld markers, as redaction shows any visible section's closed
//   items). MemoContent keeps only each block's effective level (its own combined with its
//   section's), not its own, so nothing can tell which blocks were closed on their own account;
//   each block and dissent needs its own declassification.
// - A block or dissent is never lowered below its section's current level: lower the section
//   first. Otherwise the lowering would lie dormant and take effect later, when the section is
//   lowered for another reason, revealing something the parties did not look at then.
// - A target must name exactly one item of the full content: an unknown or ambiguous target (ids
//   duplicated by a hostile writer) lowers nothing.
// - An overlay applies only while its target is at the overlay's recorded `from` level, so
//   applying twice, or out of order, never lowers further than agreed.
// Overlays belong to one version: a reopened memo's version n+1 starts without any.
import { CONFIDENTIALITY_LEVELS, isLowering, type Confidentiality } from '../confidentiality';
import type { ContentBlock, ContentDissent, ContentSection, MemoContent } from './content';

/** What a declassification can name in a version's full content. */
export type DeclassificationTarget =
  /** The section head: title and agenda item; nothing inside it. */
  | { kind: 'section'; sectionId: string }
  /** An agreed point or follow-up. An agreed point's stances travel inside it, so lowering the
   * point lowers every party's stance on it too. */
  | { kind: 'block'; sectionId: string; blockId: string }
  /** The `index`-th (0-based) notes block of the section, counted among its notes blocks only (as
   * diff.ts keys them). Notes have no id; the version's content never changes, so the position
   * names the same block for as long as the overlay applies. */
  | { kind: 'notes'; sectionId: string; index: number }
  | { kind: 'dissent'; sectionId: string; dissentId: string };

/** What kind of item a target names, for labels. */
export type DeclassifiableKind = 'section' | 'agreedPoint' | 'followUp' | 'notes' | 'dissent';

/** A proposal put to the parties' consent (pending until the last consent). */
export interface DeclassificationRequest {
  requestId: string;
  target: DeclassificationTarget;
  /** The target's level when proposed: the overlay applies only while it is still there. */
  from: Confidentiality;
  to: Confidentiality;
}

/** A released overlay entry: every party consented. */
export interface Declassification extends DeclassificationRequest {
  /** ISO time of the last consent, when the overlay took effect. */
  releasedAt: string;
}

/** Why a proposal is refused. Levels are effective levels after the released overlays. */
export type DeclassificationProblem =
  /** The content is redacted: notes positions and levels cannot be trusted to match the version. */
  | { kind: 'redactedContent' }
  | { kind: 'unknownTarget' }
  /** More than one item matches (duplicated ids); lowering one would be a guess. */
  | { kind: 'ambiguousTarget' }
  /** Another proposal for the same target awaits consent. */
  | { kind: 'pending'; requestId: string }
  /** A released overlay already brought the target to `current`, at or below the asked level. */
  | { kind: 'alreadyDeclassified'; requestId: string; current: Confidentiality }
  /** `to` is not more open than `current`. */
  | { kind: 'notLowering'; current: Confidentiality }
  /** Only `next` (one step down) may be proposed. */
  | { kind: 'notOneStep'; current: Confidentiality; next: Confidentiality }
  /** The section is more closed than `to`: lower the section first. */
  | { kind: 'blockedBySection'; sectionLevel: Confidentiality };

export type ProposalCheck =
  | {
      ok: true;
      /** The target with its known fields only: what the server should store. */
      target: DeclassificationTarget;
      itemKind: DeclassifiableKind;
      /** The current level, to record as the request's `from`. */
      from: Confidentiality;
    }
  | { ok: false; problem: DeclassificationProblem };

/** One item of the version, as a negotiator may see it in a "propose declassification" list. */
export interface DeclassifiableItem {
  target: DeclassificationTarget;
  itemKind: DeclassifiableKind;
  /** Effective level after the released overlays. */
  level: Confidentiality;
  /** The levels that may be proposed now: one step down, or none. */
  lowerTo: Confidentiality[];
  /** Why a one-step lowering cannot be proposed now (null when it can, or when already public). */
  problem: DeclassificationProblem | null;
}

/** The one level a lowering may go to from `level`; null for public. */
export function nextLevelDown(level: Confidentiality): Confidentiality | null {
  const index = CONFIDENTIALITY_LEVELS.indexOf(level);
  return index > 0 ? CONFIDENTIALITY_LEVELS[index - 1]! : null;
}

/**
 * A stable string for a target, e.g. to keep one open request per target or index stored
 * overlays: `section:<id>`, `block:<section>:<id>`, `notes:<section>:<n>`,
 * `dissent:<section>:<id>`. Ids never contain `:` (BLOCK_ID_PATTERN).
 */
export function targetKey(target: DeclassificationTarget): string {
  switch (target.kind) {
    case 'section':
      return `section:${target.sectionId}`;
    case 'block':
      return `block:${target.sectionId}:${target.blockId}`;
    case 'notes':
      return `notes:${target.sectionId}:${target.index}`;
    case 'dissent':
      return `dissent:${target.sectionId}:${target.dissentId}`;
  }
}

/** The released overlays on one target, newest first (`overlays` in release order). */
export function declassificationsFor(
  overlays: readonly Declassification[],
  target: DeclassificationTarget,
): Declassification[] {
  const key = targetKey(target);
  return overlays.filter((overlay) => targetKey(overlay.target) === key).reverse();
}

interface Located {
  section: ContentSection;
  /** The section itself for a section target. */
  item: ContentSection | ContentBlock | ContentDissent;
  itemKind: DeclassifiableKind;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Full content only: no markers anywhere, so notes positions match the version's. */
function isFull(content: MemoContent): boolean {
  return (
    content.audience === 'negotiators' &&
    content.sections.every(
      (section) =>
        section.kind === 'section' &&
        section.blocks.every((block) => block.kind !== 'withheld') &&
        section.dissents.every((dissent) => dissent.kind !== 'withheld'),
    )
  );
}

/** Every item `target` names; anything but exactly one means the target cannot be used. Input
 * may come from storage, so a malformed target matches nothing rather than throwing. */
function locate(content: MemoContent, target: unknown): Located[] {
  if (!isRecord(target) || typeof target.sectionId !== 'string') return [];
  const sections = content.sections.filter(
    (section): section is ContentSection =>
      section.kind === 'section' && section.id === target.sectionId,
  );
  switch (target.kind) {
    case 'section':
      return sections.map((section) => ({ section, item: section, itemKind: 'section' }));
    case 'block':
      return sections.flatMap((section) =>
        section.blocks
          .filter(
            (block): block is ContentBlock =>
              (block.kind === 'agreedPoint' || block.kind === 'followUp') &&
              block.id === target.blockId,
          )
          .map((block) => ({ section, item: block, itemKind: block.kind })),
      );
    case 'notes': {
      const index = target.index;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return [];
      return sections.flatMap((section) => {
        const block = section.blocks.filter((b) => b.kind === 'notes')[index];
        return block ? [{ section, item: block, itemKind: 'notes' as const }] : [];
      });
    }
    case 'dissent':
      return sections.flatMap((section) =>
        section.dissents
          .filter(
            (dissent): dissent is ContentDissent =>
              dissent.kind === 'dissent' && dissent.id === target.dissentId,
          )
          .map((dissent) => ({ section, item: dissent, itemKind: 'dissent' as const })),
      );
    default:
      return [];
  }
}

/** A copy of the target with its known fields only. */
function cleanTarget(target: DeclassificationTarget): DeclassificationTarget {
  switch (target.kind) {
    case 'section':
      return { kind: 'section', sectionId: target.sectionId };
    case 'block':
      return { kind: 'block', sectionId: target.sectionId, blockId: target.blockId };
    case 'notes':
      return { kind: 'notes', sectionId: target.sectionId, index: target.index };
    case 'dissent':
      return { kind: 'dissent', sectionId: target.sectionId, dissentId: target.dissentId };
  }
}

/** Whether lowering `found` to `to` would leave it more open than its section. */
function blockedBySection({ section, item }: Located, to: Confidentiality): boolean {
  return item !== section && isLowering(section.confidentiality, to);
}

/** Lower one item of `content` (a private copy) per `overlay` if every rule still holds. */
function applyOne(content: MemoContent, overlay: unknown): boolean {
  if (!isRecord(overlay)) return false;
  const found = locate(content, overlay.target);
  if (found.length !== 1) return false;
  const located = found[0]!;
  const from = located.item.confidentiality;
  const to = nextLevelDown(from);
  if (overlay.from !== from || to === null || overlay.to !== to) return false;
  if (blockedBySection(located, to)) return false;
  located.item.confidentiality = to;
  return true;
}

/** A deep copy with the overlays applied, and those that took effect, in order. */
function overlaid(
  content: MemoContent,
  overlays: readonly Declassification[],
): { content: MemoContent; applied: Declassification[] } {
  // JSON, as redaction copies: MemoContent is plain JSON data, and shared/ has no structuredClone.
  const copy = JSON.parse(JSON.stringify(content)) as MemoContent;
  if (!isFull(copy)) return { content: copy, applied: [] };
  return { content: copy, applied: overlays.filter((overlay) => applyOne(copy, overlay)) };
}

/**
 * The version's full content with the released overlays applied, as a NEW object (the input is
 * not changed, so the version's canonical JSON and hash stay as approved). Pass the overlays in
 * release order; feed the result to `redactMemoContent`. An overlay whose target is unknown,
 * ambiguous, not at its `from` level, blocked by its section or otherwise malformed is skipped:
 * this never throws and never lowers more than agreed. Redacted input comes back copied but
 * unchanged (its notes positions may not match the version's).
 */
export function applyDeclassifications(
  content: MemoContent,
  overlays: readonly Declassification[],
): MemoContent {
  return overlaid(content, overlays).content;
}

function judge(
  located: Located[],
  applied: readonly Declassification[],
  pending: readonly DeclassificationRequest[],
  target: DeclassificationTarget,
  to: Confidentiality,
): ProposalCheck {
  if (located.length === 0) return { ok: false, problem: { kind: 'unknownTarget' } };
  if (located.length > 1) return { ok: false, problem: { kind: 'ambiguousTarget' } };
  const found = located[0]!;
  const key = targetKey(target);
  const open = pending.find((request) => targetKey(request.target) === key);
  if (open) return { ok: false, problem: { kind: 'pending', requestId: open.requestId } };
  const current = found.item.confidentiality;
  if (!isLowering(current, to)) {
    const by = applied.filter((overlay) => targetKey(overlay.target) === key).at(-1);
    return {
      ok: false,
      problem: by
        ? { kind: 'alreadyDeclassified', requestId: by.requestId, current }
        : { kind: 'notLowering', current },
    };
  }
  const next = nextLevelDown(current)!;
  if (to !== next) return { ok: false, problem: { kind: 'notOneStep', current, next } };
  if (blockedBySection(found, to)) {
    return {
      ok: false,
      problem: { kind: 'blockedBySection', sectionLevel: found.section.confidentiality },
    };
  }
  return { ok: true, target: cleanTarget(target), itemKind: found.itemKind, from: current };
}

/**
 * Whether lowering `target` to `to` may be put to the parties' consent, judged on the version's
 * full content with the `released` overlays applied. `pending`: requests awaiting consent; one
 * open request per target. The server checks at proposal and again just before release (without
 * the request itself in `pending`), so a release never breaks a rule.
 */
export function validateProposal(
  content: MemoContent,
  released: readonly Declassification[],
  target: DeclassificationTarget,
  to: Confidentiality,
  pending: readonly DeclassificationRequest[] = [],
): ProposalCheck {
  if (!isFull(content)) return { ok: false, problem: { kind: 'redactedContent' } };
  const state = overlaid(content, released);
  return judge(locate(state.content, target), state.applied, pending, target, to);
}

/**
 * Every item of the version that a declassification can name, in document order (each section,
 * then its blocks, then its dissents), with its level after the released overlays and the level
 * it may be lowered to now. Empty for redacted content.
 */
export function declassifiableTargets(
  content: MemoContent,
  released: readonly Declassification[] = [],
  pending: readonly DeclassificationRequest[] = [],
): DeclassifiableItem[] {
  if (!isFull(content)) return [];
  const state = overlaid(content, released);
  const items: DeclassifiableItem[] = [];
  const add = (target: DeclassificationTarget) => {
    const located = locate(state.content, target);
    const level = located[0]!.item.confidentiality;
    const next = nextLevelDown(level);
    const check = next === null ? null : judge(located, state.applied, pending, target, next);
    items.push({
      target,
      itemKind: located[0]!.itemKind,
      level,
      lowerTo: next !== null && check?.ok ? [next] : [],
      problem: check && !check.ok ? check.problem : null,
    });
  };
  for (const section of state.content.sections) {
    if (section.kind !== 'section') continue;
    const sectionId = section.id;
    add({ kind: 'section', sectionId });
    let notes = 0;
    for (const block of section.blocks) {
      if (block.kind === 'notes') add({ kind: 'notes', sectionId, index: notes++ });
      else if (block.kind !== 'withheld') add({ kind: 'block', sectionId, blockId: block.id });
    }
    for (const dissent of section.dissents) {
      if (dissent.kind === 'dissent') add({ kind: 'dissent', sectionId, dissentId: dissent.id });
    }
  }
  return items;
}
