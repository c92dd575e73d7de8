import { ZodError } from 'zod';
import { HTTP_STATUS, type ErrorBody, type ErrorCode } from '../shared/errors';

/** An error we mean to show the sender: a stable code, a status and a human message. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path: string; message: string }[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details && { details: this.details }),
      },
    };
  }
}

/** A unique index refused a write; repositories translate it into a domain conflict. */
export class DuplicateKeyError extends Error {
  override name = 'DuplicateKeyError';
}

/**
 * The store could not keep a write (a full disk, a file size limit, an I/O error): nothing of it
 * was kept, in memory or on disk, so the caller must not count it as stored. `code` is the
 * system's (ENOSPC, EFBIG, EIO, …) when there is one.
 */
export class StorageWriteError extends Error {
  override name = 'StorageWriteError';
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const RESET_LINK_PROBLEMS = {
  unknown: 'not valid',
  expired: 'expired',
  used: 'used already',
  replaced: 'replaced by a newer link',
} as const;

/** A password reset link that cannot be used (server/auth/passwordReset.ts). */
export class ResetLinkError extends Error {
  override name = 'ResetLinkError';
  constructor(readonly reason: keyof typeof RESET_LINK_PROBLEMS) {
    super(`The password reset link is ${RESET_LINK_PROBLEMS[reason]}; ask for a new one.`);
  }
}

export const badRequest = (message: string) => new AppError('bad_request', message);
export const unauthenticated = (message = 'Please log in.') =>
  new AppError('unauthenticated', message);
export const forbidden = (message = 'You may not do this.') => new AppError('forbidden', message);
export const notFound = (what: string) => new AppError('not_found', `${what} not found.`);
export const conflict = (message: string) => new AppError('conflict', message);
export const payloadTooLarge = (message: string) => new AppError('payload_too_large', message);
export const unsupportedMediaType = (message: string) =>
  new AppError('unsupported_media_type', message);
export const rateLimited = (
  retryAfterSeconds: number,
  message = 'Too many attempts; try again later.',
) => new AppError('rate_limited', message, undefined, Math.max(1, retryAfterSeconds));

export function validationFailed(error: ZodError): AppError {
  return new AppError(
    'validation_failed',
    'The request is not valid.',
    error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown field(s): ${issue.keys.join(', ')}`
          : issue.message,
    })),
  );
}

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

/** Turn anything thrown into an AppError; unknown errors become a bare 500 with no detail. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return validationFailed(error);
  if (error instanceof DuplicateKeyError) return conflict('That already exists.');
  // Like an unusable invitation: the link leads nowhere (any more).
  if (error instanceof ResetLinkError) return new AppError('not_found', error.message);
  if (error instanceof StorageWriteError)
    return new AppError(
      'unavailable',
      'The server cannot store data right now; nothing was saved.',
    );
  if (isBodyParserError(error)) {
    if (error.type === 'entity.too.large') {
      return new AppError('payload_too_large', 'The request body is too large.');
    }
    if (error.type === 'entity.parse.failed')
      return badRequest('The request body is not valid JSON.');
    if (error.status >= 400 && error.status < 500)
      return badRequest('The request body could not be read.');
  }
  return new AppError('internal', 'Something went wrong on the server.');
}
