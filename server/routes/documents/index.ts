import type { Request, Response } from 'express';
import multer from 'multer';
import {
  documentRoutes as routes,
  UploadDocumentFields,
} from '../../../shared/api/routes/documents';
import { audienceForRole, isVisibleTo } from '../../../shared/confidentiality';
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_SNIFF_BYTES,
  DOCUMENT_TYPES,
  documentExtension,
  matchesSignature,
  moreClosed,
  normaliseFileName,
  redactDocuments,
} from '../../../shared/documents';
import { meetingAsMember } from '../../auth/meetingMembership';
import type { AppContext } from '../../context';
import type { DocumentDoc, MeetingDoc, MembershipDoc } from '../../db/schema';
import type { DocumentStore, StoredBlob } from '../../documents/store';
import { toDocumentInfo } from '../../documents/info';
import {
  AppError,
  badRequest,
  notFound,
  payloadTooLarge,
  unsupportedMediaType,
  validationFailed,
} from '../../errors';
import { actorOf } from '../../audit/actors';
import { ApiRouter } from '../../http/api';
import { authorize, idParam, requireAuth } from '../../http/context';
import { refuseIfMeetingLocked } from '../../http/meetingLock';

const ACCEPTED = 'PDF, Word, Excel, PowerPoint, OpenDocument, CSV or plain text';

/** The level that decides who sees a document: its own, or its agenda item's when more closed. */
function effectiveLevel(meeting: MeetingDoc, doc: DocumentDoc) {
  const item = meeting.agenda.find((entry) => entry.id === doc.agendaItemId);
  return item ? moreClosed(item.confidentiality, doc.confidentiality) : null;
}

interface UploadedFile {
  fileName: string;
  ext: string;
  blob: StoredBlob;
}

/**
 * A multer storage engine that streams the one file straight into the document store: nothing
 * is buffered whole, the name and type are checked before a byte is kept, and the store refuses
 * more than DOCUMENT_MAX_BYTES as they arrive.
 */
function streamingStorage(store: DocumentStore): multer.StorageEngine {
  return {
    _handleFile(_req, file, callback) {
      const fileName = normaliseFileName(file.originalname ?? '');
      const ext = fileName ? documentExtension(fileName) : null;
      if (!fileName || !ext) {
        file.stream.resume();
        callback(unsupportedMediaType(`Only ${ACCEPTED} files are accepted.`));
        return;
      }
      store
        .put(file.stream, {
          maxBytes: DOCUMENT_MAX_BYTES,
          headBytes: DOCUMENT_SNIFF_BYTES,
          checkHead: (head) => {
            if (!matchesSignature(ext, head))
              throw unsupportedMediaType(`The file’s content is not a .${ext} file.`);
          },
        })
        .then(
          (blob) => {
            const stored: UploadedFile & Partial<Express.Multer.File> = {
              path: blob.id,
              size: blob.size,
              fileName,
              ext,
              blob,
            };
            callback(null, stored);
          },
          (error: unknown) => {
            file.stream.resume();
            callback(asError(error));
          },
        );
    },
    _removeFile(_req, file, callback) {
      store.delete(file.path).then(
        () => callback(null),
        (error: unknown) => callback(asError(error)),
      );
    },
  };
}

// What busboy says of a multipart body it cannot read: the sender's fault, not the server's.
const MALFORMED_MULTIPART = /^(Malformed|Unexpected end of form|Multipart: Boundary not found)/;

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/** multer's and busboy's refusals as our typed errors; the store's own errors pass as they are. */
function fromMulter(error: unknown): Error {
  if (!(error instanceof multer.MulterError)) {
    return error instanceof Error && MALFORMED_MULTIPART.test(error.message)
      ? badRequest('The multipart body could not be read.')
      : asError(error);
  }
  if (error.code === 'LIMIT_FILE_SIZE')
    return payloadTooLarge(`The file is larger than ${DOCUMENT_MAX_BYTES / (1024 * 1024)} MB.`);
  return badRequest('Send one file in the field `file` and its confidentiality level.');
}

/** Run the upload middleware on the request; resolves with the stored file, if one was sent. */
function receiveUpload(
  upload: ReturnType<multer.Multer['single']>,
  req: Request,
  res: Response,
): Promise<UploadedFile | undefined> {
  return new Promise((resolve, reject) => {
    upload(req, res, (error?: unknown) => {
      if (error) reject(fromMulter(error));
      else resolve(req.file as unknown as UploadedFile | undefined);
    });
  });
}

export function documentRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos, documents: store } = ctx;
  const upload = multer({
    storage: streamingStorage(store),
    // Browsers send a file name's UTF-8 bytes as they are; busboy would read them as Latin-1.
    defParamCharset: 'utf8',
    limits: { files: 1, fields: 2, parts: 3, fieldSize: 64, fileSize: DOCUMENT_MAX_BYTES },
  }).single('file');

  async function loadMeeting(
    req: Request,
  ): Promise<{ meeting: MeetingDoc; membership: MembershipDoc }> {
    const meetingId = idParam(req, 'meetingId', 'Meeting');
    const found = await meetingAsMember(repos, meetingId, requireAuth(req).user._id);
    authorize(found.membership, 'meeting.view');
    return found;
  }

  /** The document if the caller may see it; anything else is the same 404 as a missing one. */
  async function visibleDocument(req: Request) {
    const { meeting, membership } = await loadMeeting(req);
    const documentId = idParam(req, 'documentId', 'Document');
    const doc = await repos.documents.findInMeeting(meeting._id, documentId);
    const level = doc && effectiveLevel(meeting, doc);
    if (!doc || !level || !isVisibleTo(level, audienceForRole(membership.role)))
      throw notFound('Document');
    return { meeting, membership, doc };
  }

  const refuseIfApproved = (meeting: MeetingDoc) => refuseIfMeetingLocked(meeting, 'its documents');

  function auditDocument(
    meeting: MeetingDoc,
    doc: DocumentDoc,
    action: 'document.upload' | 'document.delete',
    user: { _id: string; name: string },
  ) {
    return ctx.audit.record({
      groupId: meeting.groupId,
      actor: actorOf(user),
      action,
      target: { type: 'document', id: doc._id },
      details: {
        meetingId: meeting._id,
        meetingTitle: meeting.title,
        agendaItemId: doc.agendaItemId,
        confidentiality: doc.confidentiality,
        sha256: doc.sha256,
      },
    });
  }

  api.route(routes.listDocuments, async (req) => {
    const { meeting, membership } = await loadMeeting(req);
    const docs = await repos.documents.listByMeeting(meeting._id);
    const levels = new Map(meeting.agenda.map((item) => [item.id, item.confidentiality]));
    return redactDocuments(docs.map(toDocumentInfo), audienceForRole(membership.role), (id) =>
      levels.get(id),
    );
  });

  api.route(routes.uploadDocument, async (req, _body, res) => {
    const { meeting, membership } = await loadMeeting(req);
    authorize(membership, 'document.upload');
    refuseIfApproved(meeting);
    const agendaItemId = String(req.params.agendaItemId);
    if (!meeting.agenda.some((item) => item.id === agendaItemId)) throw notFound('Agenda item');
    if (!req.is('multipart/form-data'))
      throw badRequest('Send the file as multipart/form-data in the field `file`.');

    const file = await receiveUpload(upload, req, res);
    if (!file) throw badRequest('No file was sent (the field `file`).');
    // From here the bytes are stored: anything that fails must take them away again.
    try {
      const fields = UploadDocumentFields.safeParse({ ...(req.body as object) });
      if (!fields.success) throw validationFailed(fields.error);
      const { user } = requireAuth(req);
      const doc: DocumentDoc = {
        _id: file.blob.id,
        groupId: meeting.groupId,
        meetingId: meeting._id,
        agendaItemId,
        fileName: file.fileName,
        mediaType: DOCUMENT_TYPES[file.ext]!.mediaType,
        size: file.blob.size,
        sha256: file.blob.sha256,
        confidentiality: fields.data.confidentiality,
        uploadedBy: user._id,
        uploadedByName: user.name,
        uploadedAt: new Date(),
      };
      // The meeting may have been approved while the file arrived.
      refuseIfApproved((await repos.meetings.findById(meeting._id)) ?? meeting);
      await repos.documents.insert(doc);
      await auditDocument(meeting, doc, 'document.upload', user);
      return toDocumentInfo(doc);
    } catch (error) {
      await store.delete(file.blob.id).catch(() => undefined);
      throw error;
    }
  });

  api.route(routes.downloadDocument, async (req, _body, res) => {
    const { doc } = await visibleDocument(req);
    const bytes = await store.get(doc._id);
    if (!bytes)
      throw new AppError(
        'internal',
        'The document’s file is missing or damaged on the server; tell the group’s administrator.',
      );
    // Express's attachment() writes an RFC 6266 Content-Disposition (an ASCII fallback and an
    // encoded filename*); the type is ours, and the browser must neither sniff nor cache it.
    res.attachment(doc.fileName);
    res.set({
      'Content-Type': doc.mediaType,
      'Content-Length': String(doc.size),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.status(200);
    await new Promise<void>((resolve, reject) => {
      bytes.on('error', (error) => {
        // Headers are out: the only honest signal left is a cut connection.
        res.destroy(error);
        reject(error);
      });
      res.on('close', () => {
        bytes.destroy();
        resolve();
      });
      bytes.pipe(res);
    });
  });

  api.route(routes.deleteDocument, async (req) => {
    const { meeting, membership, doc } = await visibleDocument(req);
    authorize(membership, 'document.delete');
    refuseIfApproved(meeting);
    // Metadata first: a listed document always has its bytes.
    await repos.documents.delete(doc._id);
    await store.delete(doc._id);
    await auditDocument(meeting, doc, 'document.delete', requireAuth(req).user);
  });

  return api;
}
