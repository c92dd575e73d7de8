import type { CreatedInvitation, Invitation } from '../../../shared/api/types';
import { DEFAULT_LOCALE } from '../../../shared/locales';
import { isChairSeat } from '../../../shared/roles';
import { actorOf } from '../../audit/actors';
import { hashPassword } from '../../auth/passwords';
import { hashToken, newToken } from '../../auth/tokens';
import type { AppContext } from '../../context';
import type { InvitationDoc } from '../../db/schema';
import { AppError, conflict, forbidden, notFound, unauthenticated } from '../../errors';
import { ApiRouter } from '../../http/api';
import { invitationRoutes as routes } from '../../../shared/api/routes/invitations';
import { authorizeInGroup, idParam, requireAuth } from '../../http/context';
import { invitationMail } from '../../mail/templates';
import { logIn } from '../auth/loginSession';
import { checkRoleAssignment } from '../members/assignment';
import { buildMe } from '../profile/me';

function statusOf(invitation: InvitationDoc, now = new Date()): Invitation['status'] {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

function toInvitation(invitation: InvitationDoc): Invitation {
  return {
    id: invitation._id,
    email: invitation.email,
    role: invitation.role,
    partyId: invitation.partyId,
    invitedBy: invitation.invitedBy,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    status: statusOf(invitation),
  };
}

const unusable = () => notFound('Invitation (it may have expired or been used)');

export function invitationRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  api.route(routes.listInvitations, async (req) => {
    const { groupId } = await authorizeInGroup(repos, req, 'member.invite');
    return (await repos.invitations.listByGroup(groupId)).map(toInvitation);
  });

  api.route(routes.createInvitation, async (req, body): Promise<CreatedInvitation> => {
    const { groupId, membership: actor } = await authorizeInGroup(repos, req, 'member.invite');
    const partyId = await checkRoleAssignment(repos, groupId, actor, body.role, body.partyId);
    const existing = await repos.users.findByEmail(body.email);
    if (existing && (await repos.memberships.find(groupId, existing._id))) {
      throw conflict('This person is already a member of the group.');
    }
    const group = await repos.groups.findById(groupId);
    if (!group) throw notFound('Group');
    const token = newToken();
    const invitation = await repos.invitations.create({
      groupId,
      email: body.email,
      role: body.role,
      partyId,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + ctx.config.invitationTtlMs),
    });
    // The token travels in the fragment, which browsers never send to a server or its logs.
    const link = `${ctx.publicUrl()}/invite#token=${token}`;
    const mail = invitationMail({
      groupName: group.name,
      role: body.role,
      link,
      expiresAt: invitation.expiresAt,
    });
    // The inviter is told whether it went, so they know whether to pass the link on.
    const emailStatus = await ctx.outbox.sendNow({
      groupId,
      kind: 'invitation',
      key: `invitation:${invitation._id}`,
      to: body.email,
      ...mail,
    });
    await ctx.audit.record({
      groupId,
      actor: actorOf(requireAuth(req).user),
      action: 'invitation.create',
      target: { type: 'invitation', id: invitation._id, label: invitation.email },
      details: { role: invitation.role, partyId: invitation.partyId },
    });
    return { ...toInvitation(invitation), link, emailStatus };
  });

  api.route(routes.revokeInvitation, async (req) => {
    const { groupId } = await authorizeInGroup(repos, req, 'member.invite');
    const invitationId = idParam(req, 'invitationId', 'Invitation');
    if (!(await repos.invitations.revoke(groupId, invitationId))) {
      if (!(await repos.invitations.findInGroup(groupId, invitationId)))
        throw notFound('Invitation');
      throw conflict('The invitation was already used or revoked.');
    }
    const revoked = await repos.invitations.findInGroup(groupId, invitationId);
    await ctx.audit.record({
      groupId,
      actor: actorOf(requireAuth(req).user),
      action: 'invitation.revoke',
      target: { type: 'invitation', id: invitationId, label: revoked?.email },
      details: revoked ? { role: revoked.role, partyId: revoked.partyId } : {},
    });
    return undefined;
  });

  api.route(routes.previewInvitation, async (_req, body) => {
    const invitation = await repos.invitations.findUsable(hashToken(body.token));
    const group = invitation && (await repos.groups.findById(invitation.groupId));
    if (!invitation || !group) throw unusable();
    const party =
      invitation.partyId && (await repos.groups.findParty(group._id, invitation.partyId));
    return {
      groupName: group.name,
      email: invitation.email,
      role: invitation.role,
      partyName: party ? party.name : null,
      accountExists: !!(await repos.users.findByEmail(invitation.email)),
    };
  });

  api.route(routes.acceptInvitation, async (req, body, res) => {
    const tokenHash = hashToken(body.token);
    const invitation = await repos.invitations.findUsable(tokenHash);
    if (!invitation) throw unusable();
    let user = await repos.users.findByEmail(invitation.email);
    if (user) {
      // An existing account joins only when its owner is the one logged in.
      if (!req.auth) throw unauthenticated('Log in as the invited person to accept.');
      if (req.auth.user._id !== user._id)
        throw forbidden('This invitation is for another account.');
    } else if (!body.name || !body.password) {
      throw new AppError('validation_failed', 'A name and a password are needed.', [
        ...(body.name ? [] : [{ path: 'name', message: 'required' }]),
        ...(body.password ? [] : [{ path: 'password', message: 'required' }]),
      ]);
    }
    if (isChairSeat(invitation.role) && (await repos.memberships.findChair(invitation.groupId))) {
      throw conflict('The group already has a chair.');
    }
    // An ended party gets no new members (issue 13).
    if (
      invitation.partyId &&
      !(await repos.groups.findParty(invitation.groupId, invitation.partyId))
    )
      throw conflict('The party of this invitation has ended.');
    if (!(await repos.invitations.consume(tokenHash))) throw unusable();
    user ??= await repos.users.create({
      email: invitation.email,
      name: body.name ?? invitation.email,
      passwordHash: await hashPassword(body.password ?? ''),
      locale: DEFAULT_LOCALE,
    });
    if (
      isChairSeat(invitation.role) &&
      !(await repos.chairSeats.take(invitation.groupId, user._id))
    ) {
      throw conflict('The group already has a chair.');
    }
    await repos.memberships.add({
      groupId: invitation.groupId,
      userId: user._id,
      role: invitation.role,
      partyId: invitation.partyId,
    });
    await logIn(ctx, req, res, user._id);
    await ctx.audit.record({
      groupId: invitation.groupId,
      actor: actorOf(user),
      action: 'invitation.accept',
      target: { type: 'invitation', id: invitation._id, label: invitation.email },
      details: { role: invitation.role, partyId: invitation.partyId, userId: user._id },
    });
    return buildMe(repos, user);
  });

  return api;
}
