import type { Request } from 'express';
import { z } from 'zod';
import { can, type Action, type Subject } from '../../shared/permissions';
import type { Authenticated } from '../auth/sessions';
import { meetingAsMember } from '../auth/meetingMembership';
import type { MeetingDoc, MembershipDoc } from '../db/schema';
import { forbidden, notFound, unauthenticated } from '../errors';
import type { Repositories } from '../repositories';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Authenticated;
  }
}

/** The logged-in user of this request, or 401. */
export function requireAuth(req: Request): Authenticated {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

const uuid = z.uuid();

/** A path id; anything that is not a well-formed id cannot exist, so it is a 404. */
export function idParam(req: Request, name: string, what: string): string {
  const value = req.params[name];
  if (!uuid.safeParse(value).success) throw notFound(what);
  return value as string;
}

/**
 * The caller's membership in a group. A group the caller does not belong to answers 404 like a
 * missing one, so ids of other groups reveal nothing.
 */
export async function membershipIn(
  repos: Repositories,
  req: Request,
  groupId: string,
): Promise<MembershipDoc> {
  const { user } = requireAuth(req);
  const membership = await repos.memberships.find(groupId, user._id);
  if (!membership) throw notFound('Group');
  return membership;
}

/** Throws 403 unless the member may perform the action; the server's one permission gate. */
export function authorize(membership: MembershipDoc, action: Action, subject?: Subject): void {
  if (!can(membership, action, subject)) throw forbidden();
}

/** For routes under /groups/:groupId: the group id and the caller's membership, authorized. */
export async function authorizeInGroup(
  repos: Repositories,
  req: Request,
  action: Action,
  subject?: Subject,
): Promise<{ groupId: string; membership: MembershipDoc }> {
  const groupId = idParam(req, 'groupId', 'Group');
  const membership = await membershipIn(repos, req, groupId);
  authorize(membership, action, subject);
  return { groupId, membership };
}

/**
 * For routes under /meetings/:meetingId: the meeting and the caller's membership in its group,
 * authorized (non-members get 404 as for a missing meeting).
 */
export async function authorizeInMeeting(
  repos: Repositories,
  req: Request,
  action: Action,
): Promise<{ meeting: MeetingDoc; membership: MembershipDoc }> {
  const meetingId = idParam(req, 'meetingId', 'Meeting');
  const found = await meetingAsMember(repos, meetingId, requireAuth(req).user._id);
  authorize(found.membership, action);
  return found;
}
