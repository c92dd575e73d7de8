// A demo group with a meeting and logged-in negotiators, for the live-memo tests.
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from './apiClient';

export interface MemoFixture {
  groupId: string;
  partyIds: Record<string, string>;
  /** Logged-in clients by demo e-mail prefix, e.g. `kesk.edustaja`, `puheenjohtaja`. */
  clients: Record<string, ApiClient>;
  cookie(who: string): string;
  /** A new meeting with a two-item agenda, created by the chair. */
  newMeeting(title?: string): Promise<{ id: string; agenda: { id: string; title: string }[] }>;
}

/** `server` is an in-process test server or a server process: anything with a URL. */
export async function memoFixture(
  server: { url: string },
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
  };
}
