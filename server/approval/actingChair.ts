// Who may approve (or reopen) a meeting's memo at this moment: the chair, or a vice-chair with a
// delegation in force for that meeting (issue 19). Read from the store on every request, so an
// ended delegation or a changed role counts at once, whatever a page still shows.
import type { Request } from 'express';
import {
  delegationCovers,
  type ApprovalDelegation,
  type DelegationScope,
} from '../../shared/actingChair';
import { can } from '../../shared/permissions';
import { meetingAsMember } from '../auth/meetingMembership';
import type { ApprovalDelegationDoc, MeetingDoc, MembershipDoc } from '../db/schema';
import { AppError } from '../errors';
import { idParam, requireAuth } from '../http/context';
import type { Repositories } from '../repositories';
import type { StoredDelegation } from '../repositories/approvalDelegations';
import type { Approver } from './approver';

/** The refusal of a vice-chair without a delegation in force for this meeting. */
function noDelegation(): AppError {
  return new AppError(
    'forbidden',
    'Sinulla ei ole voimassa olevaa puheenjohtajan sijaisuutta tähän kokoukseen. Vain ' +
      'puheenjohtaja tai hänen sijaisekseen tähän kokoukseen määrätty varapuheenjohtaja ' +
      'hyväksyy muistion.',
    [{ path: 'delegation', message: 'noDelegationInForce' }],
  );
}

function inForce(stored: StoredDelegation, meetingId: string | null, now: Date): boolean {
  if (stored.end) return false;
  const { scope } = stored.delegation;
  // Without a meeting: in force for some meeting now (a period today, or a meeting not ended).
  if (meetingId === null) return scope.kind === 'meeting' || delegationCovers(scope, '', now);
  return delegationCovers(scope, meetingId, now);
}

/** The delegation under which `userId` may approve the memo of `meeting` now, if any. */
export async function delegationInForce(
  repos: Repositories,
  meeting: MeetingDoc,
  userId: string,
  now = new Date(),
): Promise<ApprovalDelegationDoc | null> {
  const stored = await repos.approvalDelegations.listByGroup(meeting.groupId);
  const found = stored.find(
    (entry) => entry.delegation.delegateUserId === userId && inForce(entry, meeting._id, now),
  );
  return found?.delegation ?? null;
}

/**
 * The meeting of the request and the caller as its approver, or 403: the chair, or the vice-chair
 * with a delegation in force for this meeting. Nothing in the request says who acts for whom.
 */
export async function authorizeApproval(
  repos: Repositories,
  req: Request,
): Promise<{ meeting: MeetingDoc; membership: MembershipDoc; approver: Approver }> {
  const { user } = requireAuth(req);
  const meetingId = idParam(req, 'meetingId', 'Meeting');
  const { meeting, membership } = await meetingAsMember(repos, meetingId, user._id);
  const approver: Approver = { userId: user._id, name: user.name };
  if (can(membership, 'memo.approve')) return { meeting, membership, approver };
  if (!can(membership, 'memo.approve', { actingChair: true }))
    throw new AppError('forbidden', 'You may not do this.');
  const delegation = await delegationInForce(repos, meeting, user._id);
  if (!delegation) throw noDelegation();
  return { meeting, membership, approver: { ...approver, delegationId: delegation._id } };
}

/** A stored delegation as the API returns it, with whether it is in force now. */
export function toApprovalDelegation(
  stored: StoredDelegation,
  now = new Date(),
): ApprovalDelegation {
  const { delegation, end } = stored;
  return {
    id: delegation._id,
    groupId: delegation.groupId,
    delegate: { id: delegation.delegateUserId, name: delegation.delegateName },
    scope: delegation.scope,
    createdAt: delegation.createdAt.toISOString(),
    createdBy: { id: delegation.createdBy, name: delegation.createdByName },
    byAdministrator: delegation.byAdministrator,
    ended: end
      ? { at: end.endedAt.toISOString(), by: { id: end.endedBy, name: end.endedByName } }
      : null,
    inForce: inForce(stored, null, now),
  };
}

/** A short label for the audit log: never confidential (a date range or the meeting's title). */
export function scopeLabel(scope: DelegationScope, meetingTitle: string | null): string {
  return scope.kind === 'meeting' ? (meetingTitle ?? scope.meetingId) : `${scope.from}–${scope.to}`;
}
