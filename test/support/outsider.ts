import { hashPassword } from '../../server/auth/passwords';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from './apiClient';
import type { TestServer } from './testServer';

/** A logged-in chair of another group (a group of their own), set up directly in the store. */
export async function outsiderClient(t: TestServer, email: string): Promise<ApiClient> {
  const repos = t.server.ctx.repos;
  const user = await repos.users.create({
    email,
    name: 'Muun ryhmän puheenjohtaja',
    passwordHash: await hashPassword(DEMO_PASSWORD),
    locale: 'fi',
  });
  const group = await repos.groups.create({ name: 'Toinen ryhmä', municipality: 'Muualla' });
  await repos.memberships.add({
    groupId: group._id,
    userId: user._id,
    role: 'chair',
    partyId: null,
  });
  const client = new ApiClient(t.url);
  await client.login(email, DEMO_PASSWORD);
  return client;
}
