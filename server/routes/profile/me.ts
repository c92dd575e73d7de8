import type { Me } from '../../../shared/api/types';
import type { UserDoc } from '../../db/schema';
import type { Repositories } from '../../repositories';

/** The logged-in user with every group they belong to. */
export async function buildMe(repos: Repositories, user: UserDoc): Promise<Me> {
  const memberships = await repos.memberships.listByUser(user._id);
  const groups = await repos.groups.findByIds(memberships.map((m) => m.groupId));
  const groupNames = new Map(groups.map((g) => [g._id, g.name]));
  return {
    id: user._id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    emailPreference: user.emailPreference ?? 'all',
    memberships: memberships.map((m) => ({
      groupId: m.groupId,
      groupName: groupNames.get(m.groupId) ?? '',
      role: m.role,
      partyId: m.partyId,
    })),
  };
}
