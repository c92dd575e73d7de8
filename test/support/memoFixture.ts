// A demo group with a meeting and logged-in negotiators, for the live-memo tests.
import { hashPassword } from '../../server/auth/passwords';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { RunningServer } from '../../server/server';
import { ApiClient } from './apiClient';

export interface MemoFixture {
  groupId: string;
  partyIds: Record<string, string>;
  /** Logged-in clients by demo e-mail prefix, e.g. `kesk.edustaja`, `puheenjohtaja`. */
  clients: Record<string, ApiClient>;
  cookie(who: string): string;
  /** A new meeting with a two-item agenda, created by the chair. */
  newMeeting(title?: string): Promise<{ id: string; agenda: { id: string; title: string }[] }>;
  /**
   * A logged-in administrator of the group. The demo has none and chairs cannot appoint one, so
   * it is set up directly in the store, as the admin CLI would.
   */
  addAdmin(email?: string): Promise<ApiClient>;
}

/**
 * `server` is an in-process test server or a server process: anything with a URL (`addAdmin`
 * needs the in-process server's repositories).
 */
export async function memoFixture(
  server: { url: string; server?: RunningServer },
  people: readonly string[],
): Promise<MemoFixture> {
  const clients: Record<string, ApiClient> = {};
  for (const who of new Set(['puheenjohtaja', ...people])) {
    clients[who] = new ApiClient(server.url);
    await clients[who].login(`${who}@demo.example`, DEMO_PASSWORD);
  }
  const chair = clients.puheenjohtaja!;
  const groupId = (await chair.get('/api/me')).body.memberships[0].groupId as string;
  const group = (await chair.get(`/api/groups/${groupId}`)).body;
  const partyIds = Object.fromEntries(
    group.parties.map((party: { shortName: string; id: string }) => [party.shortName, party.id]),
  );
  return {
    groupId,
    partyIds,
    clients,
    cookie: (who) => clients[who]!.sessionCookie ?? '',
    async newMeeting(title = 'Talousarvioneuvottelu') {
      const created = await chair.post(`/api/groups/${groupId}/meetings`, {
        title,
        startsAt: '2026-12-07T17:00:00+02:00',
        agenda: [{ title: 'Talousarvio 2027' }, { title: 'Kouluverkko' }],
      });
      if (created.status !== 201) throw new Error(`meeting not created: ${created.status}`);
      return created.body;
    },
    async addAdmin(email = 'yllapito@demo.example') {
      const repos = server.server?.ctx.repos;
      if (!repos) throw new Error('addAdmin needs an in-process test server');
      const user = await repos.users.create({
        email,
        name: 'Ylläpitäjä Testinen',
        passwordHash: await hashPassword(DEMO_PASSWORD),
        locale: 'fi',
      });
      await repos.memberships.add({ groupId, userId: user._id, role: 'admin', partyId: null });
      const admin = new ApiClient(server.url);
      await admin.login(email, DEMO_PASSWORD);
      return admin;
    },
  };
}
