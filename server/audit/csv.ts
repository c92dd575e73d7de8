// The audit log as CSV for spreadsheets. The JSON export is the verifiable one (exact fields and
// hashes); this is for reading, so cells that a spreadsheet would run as formulas are defused.
// Written for Excel in a Finnish (or Swedish) locale, where the comma is the decimal separator and
// the list separator is `;`: without the byte order mark Excel reads the file as Windows-1252 (ä and
// ö become mojibake) and with commas it shows every row in one column. LibreOffice and Numbers read
// this form too.
import type { AuditEntry } from '../../shared/audit';
import { canonicalJson } from '../../shared/memo/content';

const SEPARATOR = ';';
const BOM = '\uFEFF';

const COLUMNS = [
  'seq',
  'at',
  'actorId',
  'actorName',
  'action',
  'targetType',
  'targetId',
  'targetLabel',
  'details',
  'prevHash',
  'hash',
] as const;

/** A cell beginning like a formula is prefixed with `'` (a name like "=HYPERLINK(…)" stays text). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";,\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows (the first one the header) as a CSV file Excel in a Finnish locale opens as it is: byte
 * order mark, `;` between cells, CRLF after every line, formula-like cells defused. The follow-up
 * lists (server/continuity/followUpCsv.ts) are written with it too.
 */
export function spreadsheetCsv(rows: readonly (readonly string[])[]): string {
  // CRLF as RFC 4180 says; spreadsheets read it everywhere.
  return BOM + rows.map((row) => `${row.map(cell).join(SEPARATOR)}\r\n`).join('');
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) => [
    String(entry.seq),
    entry.at,
    entry.actor?.userId ?? '',
    entry.actor?.name ?? '',
    entry.action,
    entry.target.type,
    entry.target.id,
    entry.target.label ?? '',
    canonicalJson(entry.details),
    entry.prevHash,
    entry.hash,
  ]);
  return spreadsheetCsv([COLUMNS, ...rows]);
}
