import type { NextFunction, Request, Response } from 'express';
import { CSRF_HEADER } from '../../shared/errors';
import { AppError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests must carry our custom header (a cross-site form or fetch cannot without
 * a CORS preflight, which we never grant) and, when the browser names an Origin, come from ours.
 */
export function csrfGuard(allowedOrigins: () => string[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.get(CSRF_HEADER) !== '1') {
      return next(new AppError('csrf_failed', `Missing ${CSRF_HEADER} header.`));
    }
    const origin = req.get('origin');
    const own = `${req.protocol}://${req.get('host') ?? ''}`;
    if (origin && origin !== own && !allowedOrigins().includes(origin)) {
      return next(new AppError('csrf_failed', 'Cross-site request refused.'));
    }
    next();
  };
}
