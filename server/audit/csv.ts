// The audit log as CSV for spreadsheets. The JSON export is the verifiable one (exact fields and
// hashes); this is for reading, so cells that a spreadsheet would run as formulas are defused.
import type { AuditEntry } from '../../shared/audit';
import { canonicalJson } from '../../shared/memo/content';

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
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) =>
    [
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
    ]
      .map(cell)
      .join(','),
  );
  // CRLF as RFC 4180 says; spreadsheets read it everywhere.
  return [COLUMNS.join(','), ...rows].map((line) => `${line}\r\n`).join('');
}
