// A group's audit log as a test reads it over HTTP: every entry, page by page like the audit
// screen, and waiting for an entry that is recorded after the action has answered.
import { expect, vi } from 'vitest';
import type { AuditEntry, AuditLogPage } from '../../shared/audit';
import type { ApiClient } from './apiClient';

/** Every audit entry of `groupId`, newest first, as `client` (the chair, say) reads them. */
export async function auditEntries(client: ApiClient, groupId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | null = null;
  do {
    const query: string = before === null ? '?limit=200' : `?limit=200&before=${before}`;
    const page = await client.get<AuditLogPage>(`/api/groups/${groupId}/audit${query}`);
    expect(page.status).toBe(200);
    entries.push(...page.body.entries);
    before = page.body.nextBefore;
  } while (before !== null);
  return entries;
}

/** Waits until an entry matching `match` is in the log, and returns it. */
export function auditEntryWhere(
  client: ApiClient,
  groupId: string,
  match: (entry: AuditEntry) => boolean,
): Promise<AuditEntry> {
  return vi.waitFor(
    async () => {
      const found = (await auditEntries(client, groupId)).find(match);
      if (!found) throw new Error('no such audit entry yet');
      return found;
    },
    { timeout: 10_000, interval: 50 },
  );
}
