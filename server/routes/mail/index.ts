import { FAILED_EMAILS_SHOWN, type FailedEmail, type MailOutbox } from '../../../shared/api/mail';
import { actorOf } from '../../audit/actors';
import type { AppContext } from '../../context';
import type { OutboxMessageDoc } from '../../db/schema';
import { ApiRouter } from '../../http/api';
import { mailRoutes as routes } from '../../../shared/api/routes/mail';
import { authorizeInGroup, idParam, requireAuth } from '../../http/context';

function toFailedEmail(message: OutboxMessageDoc): FailedEmail {
  return {
    id: message._id,
    kind: message.kind,
    to: message.to,
    lastError: message.lastError,
    attempts: message.attempts,
    createdAt: message.createdAt.toISOString(),
    lastAttemptAt: message.lastAttemptAt?.toISOString() ?? null,
    failedAt: message.failedAt?.toISOString() ?? null,
  };
}

async function outboxView(ctx: AppContext, groupId: string): Promise<MailOutbox> {
  const { outbox } = ctx.repos;
  const [pending, failed, oldest, failures] = await Promise.all([
    outbox.count(groupId, 'pending'),
    outbox.count(groupId, 'failed'),
    outbox.list(groupId, 'pending', 1, 1),
    outbox.list(groupId, 'failed', -1, FAILED_EMAILS_SHOWN),
  ]);
  return {
    configured: ctx.outbox.configured,
    pending,
    oldestPendingAt: oldest[0]?.createdAt.toISOString() ?? null,
    failed,
    failures: failures.map(toFailedEmail),
  };
}

/**
 * The group's outbox for its chair and administrators (issue 14): how much mail waits or failed,
 * and "retry now" for a failed one. Subjects and bodies are never shown: they are the
 * recipients', and an invitation's holds a live token.
 */
export function mailRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  api.route(routes.getMailOutbox, async (req): Promise<MailOutbox> => {
    const { groupId } = await authorizeInGroup(repos, req, 'mail.manage');
    return outboxView(ctx, groupId);
  });

  api.route(routes.retryMail, async (req): Promise<MailOutbox> => {
    const { groupId } = await authorizeInGroup(repos, req, 'mail.manage');
    const messageId = idParam(req, 'messageId', 'Email');
    const message = await ctx.outbox.retry(groupId, messageId);
    await ctx.audit.record({
      groupId,
      actor: actorOf(requireAuth(req).user),
      action: 'mail.retry',
      target: { type: 'email', id: message._id, label: message.to },
      details: { kind: message.kind, attempts: message.attempts },
    });
    return outboxView(ctx, groupId);
  });

  return api;
}
