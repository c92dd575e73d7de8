/** Stable error codes of the API; every error response carries exactly one. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error shape of the HTTP API. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: { path: string; message: string }[] };
}

/** HTTP status for each code, shared so the client can reason about responses too. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Header every state-changing request must carry; browsers cannot send it cross-site without CORS. */
export const CSRF_HEADER = 'x-neuvottelu-csrf';
