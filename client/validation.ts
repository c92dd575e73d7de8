import type { TFunction } from 'i18next';
import type { ZodType, output } from 'zod';

/** Messages by field path, e.g. `title` or `agenda.2.title`. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

interface IssueLike {
  code: string;
  path: PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
}

function messageFor(issue: IssueLike, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        const min = Number(issue.minimum);
        return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
      }
      return t('validation.invalid');
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: Number(issue.maximum) })
        : t('validation.tooMany', { max: Number(issue.maximum) });
    case 'invalid_format':
      switch (issue.format ?? '') {
        case 'email':
          return t('validation.email');
        case 'url':
          return t('validation.url');
        case 'date':
          return t('validation.date');
        case 'datetime':
          return t('validation.dateTime');
        default:
          return t('validation.invalid');
      }
    default:
      return t('validation.invalid');
  }
}

/**
 * Check input against a shared request schema, so the browser applies the server's rules, with
 * translated messages. `overrides` gives a field its own message for any problem.
 */
export function validate<S extends ZodType>(
  schema: S,
  input: unknown,
  t: TFunction,
  overrides: FieldErrors = {},
): Validated<output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues as IssueLike[]) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= overrides[path] ?? messageFor(issue, t);
  }
  return { ok: false, errors };
}

/** Move focus to the first field marked invalid, once React has rendered the messages. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
