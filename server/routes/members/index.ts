import type { Member } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { isChairSeat } from '../../../shared/roles';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import type { MembershipDoc, UserDoc } from '../../db/schema';
import { conflict, forbidden, notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { memberRoutes as routes } from '../../../shared/api/routes/members';
import { authorizeInGroup, idParam, requireAuth } from '../../http/context';
import { checkRoleAssignment } from './assignment';

function toMember(membership: MembershipDoc, user: UserDoc): Member {
  return {
    userId: user._id,
    name: user.name,
    email: user.email,
    role: membership.role,
    partyId: membership.partyId,
    joinedAt: membership.createdAt.toISOString(),
  };
}

export function memberRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  api.route(routes.listMembers, async (req) => {
    const { groupId } = await authorizeInGroup(repos, req, 'member.view');
    const memberships = await repos.memberships.listByGroup(groupId);
    const users = new Map(
      (await repos.users.findByIds(memberships.map((m) => m.userId))).map((u) => [u._id, u]),
    );
    return memberships.flatMap((m) => {
      const user = users.get(m.userId);
      return user ? [toMember(m, user)] : [];
    });
  });

  api.route(routes.updateMember, async (req, body) => {
    const { groupId, membership: actor } = await authorizeInGroup(repos, req, 'member.manage');
    const userId = idParam(req, 'userId', 'Member');
    const target = await repos.memberships.find(groupId, userId);
    const user = target && (await repos.users.findById(userId));
    if (!target || !user) throw notFound('Member');
    // A chair cannot give away the last say over the group by accident; an admin can.
    if (!can(actor, 'member.changeRole', { member: target, role: body.role })) {
      throw isChairSeat(target.role)
        ? forbidden('Only an administrator can change the chair’s role.')
        : forbidden();
    }
    const partyId = await checkRoleAssignment(repos, groupId, actor, body.role, body.partyId, {
      currentHolderId: userId,
    });
    if (isChairSeat(body.role) && !(await repos.chairSeats.take(groupId, userId))) {
      throw conflict('The group already has a chair; change the current chair’s role first.');
    }
    const updated = await repos.memberships.update(groupId, userId, { role: body.role, partyId });
    if (!updated) throw notFound('Member');
    if (isChairSeat(target.role) && !isChairSeat(body.role))
      await repos.chairSeats.release(groupId, userId);
    // Rights follow the member at once: their open live connections act on this.
    ctx.events.publish({
      type: 'membershipChanged',
      groupId,
      userId,
      role: updated.role,
      partyId: updated.partyId,
    });
    if (target.role !== updated.role || target.partyId !== updated.partyId) {
      await ctx.audit.record({
        groupId,
        actor: actorOf(requireAuth(req).user),
        action: 'member.roleChange',
        target: { type: 'membership', id: target._id, label: user.name },
        details: {
          userId,
          fromRole: target.role,
          toRole: updated.role,
          fromPartyId: target.partyId,
          toPartyId: updated.partyId,
        },
      });
    }
    return toMember(updated, user);
  });

  api.route(routes.removeMember, async (req) => {
    const { groupId, membership: actor } = await authorizeInGroup(repos, req, 'member.manage');
    const userId = idParam(req, 'userId', 'Member');
    const target = await repos.memberships.find(groupId, userId);
    if (!target) throw notFound('Member');
    if (!can(actor, 'member.remove', { member: target })) {
      throw forbidden('Only an administrator can remove the chair or an administrator.');
    }
    if (target.userId === actor.userId && can(actor, 'group.administer')) {
      const admins = (await repos.memberships.listByGroup(groupId)).filter((m) =>
        can(m, 'group.administer'),
      );
      if (admins.length <= 1) throw conflict('The group’s last administrator cannot leave.');
    }
    await repos.memberships.remove(groupId, userId);
    ctx.events.publish({ type: 'membershipChanged', groupId, userId, role: null, partyId: null });
    if (isChairSeat(target.role)) await repos.chairSeats.release(groupId, userId);
    const removed = await repos.users.findById(userId);
    await ctx.audit.record({
      groupId,
      actor: actorOf(requireAuth(req).user),
      action: 'member.remove',
      target: { type: 'membership', id: target._id, label: removed?.name },
      details: { userId, role: target.role, partyId: target.partyId },
    });
    return undefined;
  });

  return api;
}
