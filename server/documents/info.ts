import type { DocumentInfo } from '../../shared/documents';
import type { DocumentDoc } from '../db/schema';

/** A stored document as the API gives it to a member who may see it. */
export function toDocumentInfo(doc: DocumentDoc): DocumentInfo {
  return {
    id: doc._id,
    meetingId: doc.meetingId,
    agendaItemId: doc.agendaItemId,
    fileName: doc.fileName,
    mediaType: doc.mediaType,
    size: doc.size,
    sha256: doc.sha256,
    confidentiality: doc.confidentiality,
    uploadedBy: doc.uploadedBy,
    uploadedByName: doc.uploadedByName,
    uploadedAt: doc.uploadedAt.toISOString(),
  };
}
