import { can, type Actor } from '../../../shared/permissions';
import { isChairSeat, roleMayHaveParty, roleRequiresParty, type Role } from '../../../shared/roles';
import { AppError, conflict, forbidden } from '../../errors';
import type { Repositories } from '../../repositories';

/**
 * Check that `actor` may give `role` (with `partyId`) in the group, and normalise the party:
 * party roles need a party of this group, officers may have one (issue 19), the others carry none.
 */
export async function checkRoleAssignment(
  repos: Repositories,
  groupId: string,
  actor: Actor,
  role: Role,
  partyId: string | null | undefined,
  options: { currentHolderId?: string } = {},
): Promise<string | null> {
  if (!can(actor, 'member.giveRole', { role })) throw forbidden('You may not give this role.');
  if (isChairSeat(role)) {
    const chair = await repos.memberships.findChair(groupId);
    if (chair && chair.userId !== options.currentHolderId) {
      throw conflict('The group already has a chair; change the current chair’s role first.');
    }
  }
  if (!roleMayHaveParty(role)) return null;
  if (!partyId && !roleRequiresParty(role)) return null;
  if (!partyId) {
    throw new AppError('validation_failed', 'This role needs a party.', [
      { path: 'partyId', message: 'required for this role' },
    ]);
  }
  if (!(await repos.groups.findParty(groupId, partyId))) {
    throw new AppError('validation_failed', 'Unknown party.', [
      { path: 'partyId', message: 'not a party of this group' },
    ]);
  }
  return partyId;
}
