// Tracked items as one member may receive them.
import type {
  TrackedItem,
  TrackedStatusChange,
  WithheldTrackedItem,
} from '../../shared/api/memoVersions';
import { isVisibleTo, type Audience } from '../../shared/confidentiality';
import type { TrackedItemChangeDoc, TrackedItemDoc } from '../db/schema';
import type { Repositories } from '../repositories';

/** The item's whole status history: changes made before issue 19, then the recorded ones. */
export function statusHistoryOf(
  doc: TrackedItemDoc,
  changes: readonly TrackedItemChangeDoc[],
): TrackedStatusChange[] {
  return [
    ...doc.statusHistory.map((change) => ({ ...change, caseLink: null, reason: null })),
    ...changes,
  ].map((change) => ({
    status: change.status,
    at: change.at.toISOString(),
    by: { id: change.userId, name: change.userName },
    caseLink: change.caseLink ? { ...change.caseLink } : null,
    reason: change.reason,
  }));
}

/**
 * The full item; only for an audience its level allows (see `visibleTrackedItem`). Its case link
 * goes with its agenda item: only where `audience` may see that item. `changes`: its recorded
 * status changes, oldest first (`TrackedItemRepository.changesOf`).
 */
export function toTrackedItem(
  doc: TrackedItemDoc,
  audience: Audience,
  changes: readonly TrackedItemChangeDoc[] = [],
): TrackedItem {
  const history = statusHistoryOf(doc, changes);
  const last = history.at(-1);
  return {
    id: doc._id,
    kind: doc.kind,
    groupId: doc.groupId,
    meetingId: doc.meetingId,
    meetingTitle: doc.meetingTitle,
    version: doc.version,
    sectionTitle: doc.sectionTitle,
    text: doc.text,
    owner: doc.owner,
    ownerRef: doc.ownerRef ? { ...doc.ownerRef } : null,
    due: doc.due,
    partyId: doc.partyId,
    confidentiality: doc.confidentiality,
    caseLink:
      doc.caseLink && isVisibleTo(doc.caseLink.confidentiality, audience)
        ? { ...doc.caseLink.link }
        : null,
    // The history decides; the stored copy only when there is none (never changed: open).
    status: last?.status ?? doc.status,
    statusChangedAt: last ? last.at : null,
    statusChangedBy: last ? last.by : null,
    statusCaseLink: last?.caseLink ?? null,
    statusReason: last?.reason ?? null,
    history,
  };
}

/** The item, or for an audience below its level only the fact that it exists. */
export function visibleTrackedItem(
  doc: TrackedItemDoc,
  audience: Audience,
  changes: readonly TrackedItemChangeDoc[] = [],
): TrackedItem | WithheldTrackedItem {
  return isVisibleTo(doc.confidentiality, audience)
    ? toTrackedItem(doc, audience, changes)
    : { id: doc._id, withheld: true };
}

/** `docs` the audience may read, each with its history (one look-up for all). */
export async function trackedItemsFor(
  repos: Pick<Repositories, 'trackedItems'>,
  docs: readonly TrackedItemDoc[],
  audience: Audience,
): Promise<TrackedItem[]> {
  const visible = docs.filter((doc) => isVisibleTo(doc.confidentiality, audience));
  const changes = await repos.trackedItems.changesOf(visible.map((doc) => doc._id));
  return visible.map((doc) => toTrackedItem(doc, audience, changes.get(doc._id)));
}
