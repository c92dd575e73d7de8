// "Puheenjohtajan sijainen": the chair (or an administrator, when the chair cannot be reached)
// delegates the approval to a vice-chair for one meeting or a period, and may end it early.
import { randomUUID } from 'node:crypto';
import {
  helsinkiDay,
  MAX_DELEGATION_DAYS,
  periodDays,
  type ApprovalDelegation,
} from '../../../shared/actingChair';
import type { CreateApprovalDelegationRequest } from '../../../shared/api/schemas';
import { approvalRoutes as routes } from '../../../shared/api/routes/approval';
import { can } from '../../../shared/permissions';
import { scopeLabel, toApprovalDelegation } from '../../approval/actingChair';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import type { ApprovalDelegationDoc, MembershipDoc } from '../../db/schema';
import { AppError, conflict, notFound } from '../../errors';
import type { ApiRouter } from '../../http/api';
import { authorizeInGroup, idParam, requireAuth } from '../../http/context';

function refused(message: string, code: string): AppError {
  return new AppError('bad_request', message, [{ path: 'delegation', message: code }]);
}

/** A vice-chair: someone who may approve only with a delegation. */
function approvesOnlyAsActingChair(member: MembershipDoc | null): member is MembershipDoc {
  return (
    !!member && !can(member, 'memo.approve') && can(member, 'memo.approve', { actingChair: true })
  );
}

function checkPeriod(scope: CreateApprovalDelegationRequest['scope'], now: Date): void {
  if (scope.kind !== 'period') return;
  const days = periodDays(scope.from, scope.to);
  if (days === 0) throw refused('The period ends before it begins.', 'periodReversed');
  if (days > MAX_DELEGATION_DAYS)
    throw refused(`A delegation covers at most ${MAX_DELEGATION_DAYS} days.`, 'periodTooLong');
  if (scope.to < helsinkiDay(now)) throw refused('The period is over already.', 'periodOver');
}

export function delegationRoutes(ctx: AppContext, api: ApiRouter): void {
  const { repos } = ctx;

  api.route(routes.listApprovalDelegations, async (req): Promise<ApprovalDelegation[]> => {
    const { groupId } = await authorizeInGroup(repos, req, 'approval.viewDelegations');
    const now = new Date();
    return (await repos.approvalDelegations.listByGroup(groupId)).map((stored) =>
      toApprovalDelegation(stored, now),
    );
  });

  api.route(routes.createApprovalDelegation, async (req, body): Promise<ApprovalDelegation> => {
    const { user } = requireAuth(req);
    const { groupId, membership } = await authorizeInGroup(repos, req, 'approval.delegate');
    const now = new Date();
    checkPeriod(body.scope, now);
    const delegate = await repos.memberships.find(groupId, body.delegateUserId);
    if (!approvesOnlyAsActingChair(delegate))
      throw refused('Only a vice-chair of the group can act for the chair.', 'notViceChair');
    const delegateUser = await repos.users.findById(delegate.userId);
    if (!delegateUser) throw notFound('Member');
    let meetingTitle: string | null = null;
    if (body.scope.kind === 'meeting') {
      const meeting = await repos.meetings.findById(body.scope.meetingId);
      if (!meeting || meeting.groupId !== groupId) throw notFound('Meeting');
      meetingTitle = meeting.title;
    }
    const doc: ApprovalDelegationDoc = {
      _id: randomUUID(),
      groupId,
      delegateUserId: delegateUser._id,
      delegateName: delegateUser.name,
      scope: body.scope,
      createdBy: user._id,
      createdByName: user.name,
      byAdministrator: !can(membership, 'memo.approve'),
      createdAt: now,
    };
    await repos.approvalDelegations.create(doc);
    await ctx.audit.record({
      groupId,
      actor: actorOf(user),
      action: 'approval.delegate',
      target: { type: 'approvalDelegation', id: doc._id, label: delegateUser.name },
      details: {
        delegate: delegateUser.name,
        scope: scopeLabel(body.scope, meetingTitle),
        byAdministrator: doc.byAdministrator,
      },
    });
    await publishChange(ctx, groupId);
    return toApprovalDelegation({ delegation: doc, end: null }, now);
  });

  api.route(routes.endApprovalDelegation, async (req): Promise<ApprovalDelegation> => {
    const { user } = requireAuth(req);
    const { groupId, membership } = await authorizeInGroup(repos, req, 'approval.delegate');
    const delegationId = idParam(req, 'delegationId', 'Delegation');
    const stored = await repos.approvalDelegations.find(groupId, delegationId);
    if (!stored) throw notFound('Delegation');
    const end = {
      _id: delegationId,
      groupId,
      endedBy: user._id,
      endedByName: user.name,
      endedAt: new Date(),
    };
    // The first end stands: ending twice (or two people at once) is one end, audited once.
    if (!(await repos.approvalDelegations.end(end)))
      throw conflict('The delegation has ended already.');
    await ctx.audit.record({
      groupId,
      actor: actorOf(user),
      action: 'approval.endDelegation',
      target: {
        type: 'approvalDelegation',
        id: delegationId,
        label: stored.delegation.delegateName,
      },
      details: {
        delegate: stored.delegation.delegateName,
        byAdministrator: !can(membership, 'memo.approve'),
      },
    });
    await publishChange(ctx, groupId);
    return toApprovalDelegation({ ...stored, end });
  });
}

/** Open pages of the group's members learn that who may approve changed (Socket.io). */
async function publishChange(ctx: AppContext, groupId: string): Promise<void> {
  const members = await ctx.repos.memberships.listByGroup(groupId);
  const userIds = members
    .filter((member) => can(member, 'approval.viewDelegations'))
    .map((member) => member.userId);
  ctx.events.publish({ type: 'approvalDelegationChanged', userIds, groupId });
}
