import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger';
import { toAppError } from '../errors';

/** The one place where errors become HTTP responses. Internal details never leave the server. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(error);
    if (appError.code === 'internal') {
      logger.error({ err: error, method: req.method, path: req.path }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (appError.retryAfterSeconds)
      res.setHeader('Retry-After', String(appError.retryAfterSeconds));
    res.status(appError.status).json(appError.toBody());
  };
}
