// The query parameters routes read. Audit and tracked-item handlers parse their query with these
// very schemas; `audience` and `lang` are read by their own helpers (versions/versionView.ts,
// export/index.ts, public/labels.ts) with their own messages, and are declared here for the
// client and the OpenAPI document.
import { z } from 'zod';
import { LOCALES } from '../../locales';
import { TRACKED_ITEM_STATUSES } from '../memoVersions';
import { audience } from '../responses';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

export const AuditPageQuery = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
});
export const AuditExportQuery = z.strictObject({
  format: z.enum(['json', 'csv']).default('json'),
});

export const TrackedItemsQuery = z.strictObject({
  status: z.enum(TRACKED_ITEM_STATUSES).optional(),
  kind: z.enum(['followUp', 'dissent']).optional(),
  /** `true`: only items still to be done (open, in progress or taken to preparation). */
  unfinished: z.literal('true').optional(),
});

/** A narrower audience than the caller's own; the caller's own when left out. */
export const AudienceQuery = z.object({ audience: audience.optional() });

/** The language of a rendered file; the caller's own (or Finnish, without login) when left out. */
export const LangQuery = z.object({ lang: z.enum(LOCALES).optional() });

export const ExportQuery = z.object({ ...AudienceQuery.shape, ...LangQuery.shape });
