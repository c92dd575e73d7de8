import type { Request } from 'express';
import { LOCALES, type Locale } from '../../../shared/locales';
import { AppError } from '../../errors';
import { requireAuth } from '../../http/context';

/** `?lang=` when given (one of the interface languages), else the caller's own language. */
export function exportLocale(req: Request): Locale {
  const requested = req.query.lang;
  if (requested === undefined || requested === '') return requireAuth(req).user.locale;
  const locale = LOCALES.find((candidate) => candidate === requested);
  if (!locale) {
    throw new AppError('validation_failed', 'Unknown language.', [
      { path: 'lang', message: `one of ${LOCALES.join(', ')}` },
    ]);
  }
  return locale;
}
