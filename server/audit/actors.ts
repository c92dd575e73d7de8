// Small helpers the routes use to describe who did something in an audit entry.
import type { AuditAction, AuditDetails } from '../../shared/audit';
import type { UserDoc } from '../db/schema';
import type { AppContext } from '../context';

/** An audit actor from the session's user: the id, and the name as it was at the time. */
export function actorOf(user: Pick<UserDoc, '_id' | 'name'>): { userId: string; name: string } {
  return { userId: user._id, name: user.name };
}

/** The audit actor of a live-editing connection: the person it was opened as. */
export function actorOfConnection(connection: { identity: { id: string; name: string } }): {
  userId: string;
  name: string;
} {
  return { userId: connection.identity.id, name: connection.identity.name };
}

/** A login is recorded in every group the user belongs to: each group's log is its own. */
export function recordLogin(ctx: AppContext, user: UserDoc): Promise<void> {
  return recordInUserGroups(ctx, user, 'session.login');
}

/** An event of the account itself (a login, a password reset), in each of the user's groups. */
export async function recordInUserGroups(
  ctx: AppContext,
  user: UserDoc,
  action: Extract<AuditAction, `session.${string}`>,
  details: AuditDetails = {},
): Promise<void> {
  let groupIds: string[];
  try {
    groupIds = (await ctx.repos.memberships.listByUser(user._id)).map((m) => m.groupId);
  } catch (error) {
    // Like record(): auditing never fails the login itself, but a missed entry is loud.
    ctx.logger.error(
      { userId: user._id, action, errorName: error instanceof Error ? error.name : typeof error },
      'AUDIT ENTRY LOST: could not list the groups of a user',
    );
    return;
  }
  await Promise.all(
    groupIds.map((groupId) =>
      ctx.audit.record({
        groupId,
        actor: actorOf(user),
        action,
        target: { type: 'user', id: user._id, label: user.name },
        details,
      }),
    ),
  );
}
