import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS } from '../../confidentiality';
import type { DocumentInfo, DocumentListing } from '../../documents';
import { defineRoutes, empty, file, json } from '../contract';

const id = z.string();
const confidentiality = z.enum(CONFIDENTIALITY_LEVELS);

export const DocumentInfoSchema: z.ZodType<DocumentInfo> = z.object({
  id,
  meetingId: id,
  agendaItemId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  confidentiality,
  uploadedBy: id,
  uploadedByName: z.string(),
  uploadedAt: z.string().meta({ format: 'date-time' }),
});

export const DocumentListingSchema: z.ZodType<DocumentListing> = z.union([
  DocumentInfoSchema,
  z.object({ agendaItemId: z.string(), withheld: z.literal(true) }),
]);

/** The form fields of an upload besides the file itself. */
export const UploadDocumentFields = z.strictObject({
  confidentiality: confidentiality.default('groups'),
});

export const documentRoutes = defineRoutes('documents', {
  listDocuments: {
    method: 'get',
    path: '/meetings/:meetingId/documents',
    summary:
      'The documents on the meeting’s agenda items, redacted for the caller: a reader gets a marker without id, name or size for a confidential one, and nothing of a withheld item',
    response: json(z.array(DocumentListingSchema)),
  },
  uploadDocument: {
    method: 'post',
    path: '/meetings/:meetingId/agenda/:agendaItemId/documents',
    summary:
      'Upload one file to an agenda item as multipart/form-data: `file` (PDF, docx, xlsx, pptx, odt, ods, odp, csv or txt, checked by extension and content; at most 20 MB) and `confidentiality` (public, groups or confidential; default groups). 413 when too large, 415 when not an accepted type',
    response: json(DocumentInfoSchema),
  },
  downloadDocument: {
    method: 'get',
    path: '/meetings/:meetingId/documents/:documentId',
    summary:
      'A document’s bytes as an attachment; 404 for one the caller may not see, as for one that does not exist',
    response: file(
      'application/octet-stream',
      'The file, with its accepted media type and a Content-Disposition attachment',
    ),
  },
  deleteDocument: {
    method: 'delete',
    path: '/meetings/:meetingId/documents/:documentId',
    summary: 'Remove a document (meeting organisers; not once the memo is approved)',
    response: empty,
    status: 204,
  },
});
