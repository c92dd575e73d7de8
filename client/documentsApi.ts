import { urlOf } from '../shared/api/contract';
import { documentRoutes } from '../shared/api/routes/documents';
import type { Confidentiality } from '../shared/confidentiality';
import type { DocumentInfo } from '../shared/documents';
import { CSRF_HEADER, ERROR_CODES, type ErrorBody, type ErrorCode } from '../shared/errors';
import { ApiError, call, linkTo } from './api';

export const documentsApi = {
  list: (meetingId: string, signal?: AbortSignal) =>
    call(documentRoutes.listDocuments, { params: { meetingId } }, signal),
  remove: (meetingId: string, documentId: string) =>
    call(documentRoutes.deleteDocument, { params: { meetingId, documentId } }),
  downloadLink: (meetingId: string, documentId: string) =>
    linkTo(documentRoutes.downloadDocument, { params: { meetingId, documentId } }),
};

function uploadError(xhr: XMLHttpRequest): ApiError {
  let body: Partial<ErrorBody> | null = null;
  try {
    body = JSON.parse(xhr.responseText) as Partial<ErrorBody>;
  } catch {
    body = null;
  }
  const error = body?.error;
  if (error && (ERROR_CODES as readonly string[]).includes(error.code))
    return new ApiError(xhr.status, error.code, error.message, error.details ?? []);
  const code: ErrorCode =
    xhr.status === 413 ? 'payload_too_large' : xhr.status >= 500 ? 'unavailable' : 'bad_request';
  return new ApiError(xhr.status, code, xhr.statusText);
}

/**
 * Upload one file to an agenda item. XMLHttpRequest rather than fetch: only it reports upload
 * progress, which a councillor on a slow connection needs to see for a 20 MB budget book.
 */
export function uploadDocument(
  input: { meetingId: string; agendaItemId: string; file: File; confidentiality: Confidentiality },
  onProgress: (fraction: number) => void,
): Promise<DocumentInfo> {
  const form = new FormData();
  form.set('confidentiality', input.confidentiality);
  form.set('file', input.file, input.file.name);
  const url = urlOf(documentRoutes.uploadDocument, {
    meetingId: input.meetingId,
    agendaItemId: input.agendaItemId,
  });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader(CSRF_HEADER, '1');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as DocumentInfo);
      else reject(uploadError(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.send(form);
  });
}
