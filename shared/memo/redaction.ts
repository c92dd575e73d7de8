// What each audience may receive of a memo version. The server applies this before anything
// leaves it; the browser never gets more than its audience's shape.
import { isVisibleTo, type Audience, type Confidentiality } from '../confidentiality';
import type { AgendaItem } from '../meetings';
import type { MemoContent, WithheldMarker, WithheldSection } from './content';

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
 * The title a withheld section may keep for `audience`: its agenda item's title, and only when the
 * audience may see that agenda item (the meeting page shows it to them anyway, `redactAgenda`).
 * Never the section's own title: negotiators may have written confidential words into it.
 */
function visibleAgendaTitle(
  agendaItemId: string | null,
  agenda: readonly AgendaItem[],
  audience: Audience,
): string | null {
  const item = agenda.find((candidate) => candidate.id === agendaItemId);
  return item && isVisibleTo(item.confidentiality, audience) ? item.title : null;
}

/**
 * The memo as `audience` may receive it, as a new object (the input is not changed):
 * - `negotiators` get everything;
 * - `groups` get public and groups content;
 * - `public` gets public content only.
 *
 * Every block and dissent the audience may not receive becomes a `{ kind: 'withheld' }` marker in
 * its place: the marker keeps the position (so the reader sees that something was left out, e.g.
 * between two agreed points) and reveals nothing else: no id, title, length, text, stance or
 * party. A withheld section becomes a `WithheldSection`: its number (its position, which the
 * markers show anyway) and, when `agenda` holds its agenda item and the audience may see that
 * item, the item's title; otherwise a null title. It takes its own title, blocks and dissents with
 * it. Stances travel only inside their agreed point, so a withheld point withholds every party's
 * stance on it. Redacting already redacted content never widens it: the result's audience is the
 * narrower of the two, and a marker keeps its title only for the same audience.
 */
export function redactMemoContent(
  content: MemoContent,
  audience: Audience,
  agenda: readonly AgendaItem[] = [],
): MemoContent {
  const narrower =
    AUDIENCE_RANK[audience] < AUDIENCE_RANK[content.audience] ? audience : content.audience;
  return {
    format: content.format,
    audience: narrower,
    parties: content.parties.map((party) => ({ ...party })),
    sections: content.sections.map((section, index) => {
      if (section.kind === 'withheld') {
        const title = narrower === content.audience ? section.title : null;
        return { kind: 'withheld', number: section.number, title } satisfies WithheldSection;
      }
      if (!isVisibleTo(section.confidentiality, narrower)) {
        const title = visibleAgendaTitle(section.agendaItemId, agenda, narrower);
        return { kind: 'withheld', number: index + 1, title } satisfies WithheldSection;
      }
      return {
        ...section,
        blocks: section.blocks.map((block) => keep(block, narrower)),
        dissents: section.dissents.map((dissent) => keep(dissent, narrower)),
      };
    }),
  };
}
