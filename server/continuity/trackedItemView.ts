// Tracked items as one member may receive them.
import type { TrackedItem, WithheldTrackedItem } from '../../shared/api/memoVersions';
import { isVisibleTo, type Audience } from '../../shared/confidentiality';
import type { TrackedItemDoc } from '../db/schema';

/**
 * The full item; only for an audience its level allows (see `visibleTrackedItem`). Its case link
 * goes with its agenda item: only where `audience` may see that item.
 */
export function toTrackedItem(doc: TrackedItemDoc, audience: Audience): TrackedItem {
  const last = doc.statusHistory.at(-1);
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
    status: doc.status,
    statusChangedAt: last ? last.at.toISOString() : null,
    statusChangedBy: last ? { id: last.userId, name: last.userName } : null,
  };
}

/** The item, or for an audience below its level only the fact that it exists. */
export function visibleTrackedItem(
  doc: TrackedItemDoc,
  audience: Audience,
): TrackedItem | WithheldTrackedItem {
  return isVisibleTo(doc.confidentiality, audience)
    ? toTrackedItem(doc, audience)
    : { id: doc._id, withheld: true };
}
