// What each audience may receive of a memo version. The server applies this before anything
// leaves it; the browser never gets more than its audience's shape.
import { isVisibleTo, type Audience, type Confidentiality } from '../confidentiality';
import type { MemoContent, WithheldMarker } from './content';

const AUDIENCE_RANK: Record<Audience, number> = { public: 0, groups: 1, negotiators: 2 };

function withheld(): WithheldMarker {
  return { kind: 'withheld' };
}

/** A copy of `item` when `audience` may receive it, otherwise a marker. */
function keep<T extends { confidentiality: Confidentiality }>(
  item: T | WithheldMarker,
  audience: Audience,
): T | WithheldMarker {
  if (!('confidentiality' in item) || !isVisibleTo(item.confidentiality, audience)) {
    return withheld();
  }
  return JSON.parse(JSON.stringify(item)) as T;
}

/**
 * The memo as `audience` may receive it, as a new object (the input is not changed):
 * - `negotiators` get everything;
 * - `groups` get public and groups content;
 * - `public` gets public content only.
 *
 * Every section, block and dissent the audience may not receive becomes a `{ kind: 'withheld' }`
 * marker in its place, at both levels alike: the marker keeps the position (so the reader sees
 * that something was left out, e.g. between two agreed points) and reveals nothing else: no id,
 * title, length, text, stance or party. A withheld section takes its title, blocks and dissents
 * with it. Stances travel only inside their agreed point, so a withheld point withholds every
 * party's stance on it. Redacting already redacted content never widens it: the result's
 * audience is the narrower of the two.
 */
export function redactMemoContent(content: MemoContent, audience: Audience): MemoContent {
  const narrower =
    AUDIENCE_RANK[audience] < AUDIENCE_RANK[content.audience] ? audience : content.audience;
  return {
    format: content.format,
    audience: narrower,
    parties: content.parties.map((party) => ({ ...party })),
    sections: content.sections.map((section) => {
      if (section.kind === 'withheld' || !isVisibleTo(section.confidentiality, narrower)) {
        return withheld();
      }
      return {
        ...section,
        ...section,
        blocks: section.blocks.map((block) => keep(block, narrower)),
        dissents: section.dissents.map((dissent) => keep(dissent, narrower)),
      };
    }),
  };
}
