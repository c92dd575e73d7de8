import { moreClosed, type TabledDocument } from '../../shared/documents';
import type { DocumentDoc, MeetingDoc } from '../db/schema';
import type { Repositories } from '../repositories';
import { toDocumentInfo } from './info';

/**
 * The documents on the meeting's agenda now, as an approved version records them (with each
 * file's SHA-256, so the version says exactly which bytes were on the table). A document of an
 * item no longer on the agenda was not on the table.
 */
export async function tabledDocuments(
  repos: Repositories,
  meeting: MeetingDoc,
): Promise<TabledDocument[]> {
  const levels = new Map(meeting.agenda.map((item) => [item.id, item.confidentiality]));
  const docs: DocumentDoc[] = await repos.documents.listByMeeting(meeting._id);
  return docs.flatMap((doc) => {
    const itemConfidentiality = levels.get(doc.agendaItemId);
    if (!itemConfidentiality) return [];
    return [
      {
        ...toDocumentInfo(doc),
        // Recorded as closed as it was seen: a later change of the item cannot open it.
        confidentiality: moreClosed(itemConfidentiality, doc.confidentiality),
        itemConfidentiality,
      },
    ];
  });
}
