// What a server does with the demo before it listens: seed it when asked on a private machine,
// and refuse to serve others while its accounts (with a password printed in the README) exist.
import type { Config } from '../env';
import type { Repositories } from '../repositories';
import { DEMO_EMAILS, seedDemo, type DemoLogin } from './demo';

export class DemoAccountsExistError extends Error {
  override name = 'DemoAccountsExistError';
  constructor(count: number, reason: string) {
    super(
      `Refusing to start: ${count} demo account(s) (@demo.example, password in the README) exist ` +
        `and this server is reachable by others (${reason}).\n` +
        'Remove them with the server stopped:  npm run admin -- remove-demo\n' +
        'then start the server again.',
    );
  }
}

/** The demo's accounts still in the database. */
export async function demoUsers(repos: Repositories) {
  return repos.users.findByEmails(DEMO_EMAILS);
}

/**
 * Seed the demo if config.seedDemo (asked for, embedded, not exposed); on an exposed server,
 * throw DemoAccountsExistError while demo accounts exist. Returns the seeded logins, if any.
 */
export async function prepareFirstRun(
  config: Config,
  repos: Repositories,
): Promise<DemoLogin[] | undefined> {
  if (config.exposed) {
    const found = await demoUsers(repos);
    if (found.length > 0) {
      const reason = config.publicUrl?.startsWith('https:')
        ? `PUBLIC_URL ${config.publicUrl}`
        : `HOST ${config.host}`;
      throw new DemoAccountsExistError(found.length, reason);
    }
    return undefined;
  }
  return config.seedDemo ? seedDemo(repos) : undefined;
}

/**
 * Remove the demo's accounts: their sessions first (so open connections close on the next
 * rights check), then their memberships, then the accounts. The demo group itself stays, with
 * whatever was written in it, for an administrator to look at. Returns how many were removed.
 */
export async function removeDemo(repos: Repositories): Promise<number> {
  const users = await demoUsers(repos);
  for (const user of users) {
    await repos.sessions.deleteAllForUser(user._id);
    for (const membership of await repos.memberships.listByUser(user._id))
      await repos.memberships.remove(membership.groupId, user._id);
    await repos.users.remove(user._id);
  }
  return users.length;
}
