import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../shared/api/types';
import type { ApiClient } from '../support/apiClient';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { startTestServer, type TestServer } from '../support/testServer';

// Member management over HTTP, as decided by can() (issue 15, item 2): the chair and
// administrators manage members; only an administrator changes or removes the chair or an
// administrator; a chair gives any role but administrator; the last administrator cannot leave.

describe.each(ENGINES)('member management on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const chair = () => f.clients.puheenjohtaja!;
  const path = (userId: string) => `/api/groups/${f.groupId}/members/${userId}`;
  const roleOf = async (userId: string) =>
    (await chair().get<Member[]>(`/api/groups/${f.groupId}/members`)).body.find(
      (member) => member.userId === userId,
    )?.role;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['varapuheenjohtaja']);
  });
  afterAll(async () => {
    await t.close();
  });

  let chairId: string;
  beforeAll(async () => {
    chairId = (await chair().get('/api/me')).body.id as string;
  });

  it('the chair changes and removes members, but gives no administrator role', async () => {
    const { userId } = await f.addMember('jasen.muutos@example.fi', 'reader', 'KESK');
    const changed = await chair().patch(path(userId), { role: 'secretary', partyId: null });
    expect(changed.status).toBe(200);
    expect(await roleOf(userId)).toBe('secretary');
    const admin = await chair().patch(path(userId), { role: 'admin', partyId: null });
    expect(admin.status).toBe(403);
    expect(admin.body.error.message).toBe('You may not give this role.');
    expect(await roleOf(userId)).toBe('secretary');
    expect((await chair().delete(path(userId))).status).toBe(204);
    expect(await roleOf(userId)).toBeUndefined();
  });

  it('other negotiators manage nobody', async () => {
    const { userId } = await f.addMember('jasen.koskematon@example.fi', 'reader', 'SDP');
    const vice = f.clients.varapuheenjohtaja!;
    expect((await vice.patch(path(userId), { role: 'deputy', partyId: null })).status).toBe(403);
    expect((await vice.delete(path(userId))).status).toBe(403);
    expect(await roleOf(userId)).toBe('reader');
    expect((await chair().delete(path(userId))).status).toBe(204);
  });

  it('only an administrator changes or removes the chair or an administrator', async () => {
    // The chair's own role: kept as it is, but never given away by the chair.
    expect((await chair().patch(path(chairId), { role: 'chair', partyId: null })).status).toBe(200);
    const away = await chair().patch(path(chairId), { role: 'secretary', partyId: null });
    expect(away.status).toBe(403);
    expect(away.body.error.message).toBe('Only an administrator can change the chair’s role.');
    const removeChair = await chair().delete(path(chairId));
    expect(removeChair.status).toBe(403);
    expect(await roleOf(chairId)).toBe('chair');

    const { userId: adminId, client: admin } = await f.addMember(
      'yllapito.oikeudet@example.fi',
      'admin',
    );
    const demote = await chair().patch(path(adminId), { role: 'reader', partyId: f.partyIds.SDP });
    expect(demote.status).toBe(403);
    expect((await chair().delete(path(adminId))).status).toBe(403);
    expect(await roleOf(adminId)).toBe('admin');

    // The administrator may: the chair steps down and back, freeing and retaking the seat.
    expect((await admin.patch(path(chairId), { role: 'secretary', partyId: null })).status).toBe(
      200,
    );
    expect(await roleOf(chairId)).toBe('secretary');
    expect((await admin.patch(path(chairId), { role: 'chair', partyId: null })).status).toBe(200);
    expect(await roleOf(chairId)).toBe('chair');
    await leaveAsLastAdmin(admin, adminId);
  });

  /** The last administrator cannot leave; with a second one, they can. */
  async function leaveAsLastAdmin(admin: ApiClient, adminId: string): Promise<void> {
    const alone = await admin.delete(path(adminId));
    expect(alone.status).toBe(409);
    expect(alone.body.error.message).toBe('The group’s last administrator cannot leave.');
    const { userId: secondId, client: second } = await f.addMember(
      'yllapito.toinen@example.fi',
      'admin',
    );
    expect((await admin.delete(path(adminId))).status).toBe(204);
    expect(await roleOf(adminId)).toBeUndefined();
    expect((await second.delete(path(secondId))).status).toBe(409);
    expect((await chair().delete(path(secondId))).status).toBe(403);
  }
});
