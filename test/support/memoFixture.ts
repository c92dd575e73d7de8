// A demo group with a meeting and logged-in negotiators, for the live-memo tests.
import { hashPassword } from '../../server/auth/passwords';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import type { RunningServer } from '../../server/server';
import type { Role } from '../../shared/roles';
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
  /**
   * A new logged-in member of the group in `role` (party roles need `party`, a short name such as
   * `KESK`), set up directly in the store; the test removes what it no longer needs.
   */
  addMember(
    email: string,
    role: Role,
    party?: string,
  ): Promise<{ client: ApiClient; userId: string; cookie: string }>;
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
  const fixture: MemoFixture = {
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
      return (await fixture.addMember(email, 'admin')).client;
    },
    async addMember(email, role, party) {
      const repos = server.server?.ctx.repos;
      if (!repos) throw new Error('addMember needs an in-process test server');
      const user = await repos.users.create({
        email,
        name: role === 'admin' ? 'Ylläpitäjä Testinen' : `Testi ${email.split('@')[0]}`,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        locale: 'fi',
      });
      const partyId = party ? (partyIds[party] ?? null) : null;
      await repos.memberships.add({ groupId, userId: user._id, role, partyId });
      const client = new ApiClient(server.url);
      await client.login(email, DEMO_PASSWORD);
      return { client, userId: user._id, cookie: client.sessionCookie ?? '' };
    },
  };
  return fixture;
}
