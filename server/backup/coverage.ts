// Which collections a backup holds: every collection the schema names (COLLECTIONS), unless it is
// excluded here with its reason, so a new collection is backed up without anyone remembering to.
// test/unit/backup/coverage.test.ts checks that every collection the repositories open is one the
// schema names, and that the exclusions name real collections.
import { COLLECTIONS } from '../db/schema';

type CollectionKey = keyof typeof COLLECTIONS;

/** Left out, with the reason: short-lived security state that must not come back after a restore. */
const EXCLUDED_BECAUSE: Partial<Record<CollectionKey, string>> = {
  sessions:
    'login sessions: a restored session would let a cookie that was logged out, expired or ' +
    'ended by disable-user in again; everyone logs in once after a restore',
  attempts:
    'login throttle records: short windows of failed logins and known addresses, which would ' +
    'lock people out or let an attacker in on a stale count',
  calendarFeeds:
    'private calendar addresses: a restored one could be an address its owner had revoked, ' +
    'live again; everyone makes a new address on their profile after a restore',
};

export type Coverage = { backup: true } | { backup: false; reason: string };

export const COVERAGE: Record<CollectionKey, Coverage> = Object.fromEntries(
  (Object.keys(COLLECTIONS) as CollectionKey[]).map((key) => {
    const reason = EXCLUDED_BECAUSE[key];
    return [key, reason === undefined ? { backup: true } : { backup: false, reason }];
  }),
) as Record<CollectionKey, Coverage>;

/** Collection names a backup holds, in the schema's order. */
export const BACKED_UP: readonly string[] = (Object.keys(COLLECTIONS) as CollectionKey[])
  .filter((key) => COVERAGE[key].backup)
  .map((key) => COLLECTIONS[key]);

/** Collection names a backup leaves out, with why. */
export const EXCLUDED: ReadonlyMap<string, string> = new Map(
  (Object.entries(EXCLUDED_BECAUSE) as [CollectionKey, string][]).map(([key, reason]) => [
    COLLECTIONS[key],
    reason,
  ]),
);
