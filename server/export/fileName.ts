// File names of exported memos: plain ASCII built from our own words, a date and a number, so a
// name can never carry user text into a Content-Disposition header.
import type { Locale } from '../../shared/locales';
import { MEMO_LABELS } from '../../shared/memo/labels';
import { helsinkiDate } from './dates';

export const EXPORT_EXTENSIONS = ['pdf', 'md', 'html'] as const;
export type ExportExtension = (typeof EXPORT_EXTENSIONS)[number];

const TRANSLITERATION: Record<string, string> = {
  ä: 'a',
  ö: 'o',
  å: 'a',
  æ: 'ae',
  ø: 'o',
  ß: 'ss',
};

/**
 * Lower-case ASCII letters, digits and single dashes only: Nordic letters transliterated (ä→a,
 * ö→o, å→a), other accents dropped, anything else a dash.
 */
export function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[äöåæøß]/g, (char) => TRANSLITERATION[char] ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * e.g. `muistio-2026-12-07-v2.pdf`: the memo word of the locale, the meeting's date in Helsinki
 * and the version.
 */
export function exportFileName(
  input: { meetingStartsAt: string; version: number },
  locale: Locale,
  extension: ExportExtension,
): string {
  const parts = [asciiSlug(MEMO_LABELS[locale].memo) || 'memo'];
  const date = helsinkiDate(input.meetingStartsAt);
  if (date) parts.push(date);
  parts.push(`v${Math.trunc(input.version)}`);
  return `${parts.join('-')}.${extension}`;
}

/** A Content-Disposition value for `fileName` (ASCII already, so no RFC 8187 form is needed). */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '');
  return `${kind}; filename="${safe}"`;
}

/** e.g. `neuvotteluryhma-2026-12-07.zip`: the group's name as ASCII and the day of the export. */
export function groupExportFileName(groupName: string, exportedAt: Date): string {
  const date = helsinkiDate(exportedAt.toISOString());
  return `${asciiSlug(groupName).slice(0, 60).replace(/-+$/, '') || 'group'}-${date}.zip`;
}

/**
 * A version's entry in the group export without its extension, e.g.
 * `versions/2026-12-07-<meeting id>-v2`: the meeting's date sorts the files, its id makes the
 * name unique and ties it to `group.json`.
 */
export function groupExportVersionPath(
  meeting: { id: string; startsAt: string },
  version: number,
): string {
  const date = helsinkiDate(meeting.startsAt);
  return `versions/${date ? `${date}-` : ''}${meeting.id}-v${Math.trunc(version)}`;
}
