// What follows a new version, once, from whoever created it: audit, follow-up tracking, delivery.
import type { AppContext } from '../context';
import { trackVersion } from '../continuity/trackVersion';
import type { MeetingDoc, MemoVersionDoc } from '../db/schema';
import { deliverVersion } from '../delivery/deliverVersion';
import { actingChairDetails, type Approver } from './approver';

export async function afterApproval(
  ctx: AppContext,
  meeting: MeetingDoc,
  version: MemoVersionDoc,
  approver: Approver,
): Promise<void> {
  await ctx.audit.record({
    groupId: meeting.groupId,
    actor: { userId: approver.userId, name: approver.name },
    action: 'memo.approve',
    target: { type: 'memoVersion', id: version._id, label: `${meeting.title} v${version.version}` },
    details: { version: version.version, hash: version.hash, ...actingChairDetails(approver) },
  });
  try {
    await trackVersion(ctx, meeting, version);
  } catch (error) {
    // The version stands; only the follow-up list lags, and the next approval refreshes it.
    ctx.logger.error({ err: error, meetingId: meeting._id }, 'tracking follow-ups failed');
  }
  // Delivery only stores the emails (the outbox job sends them), so the chair's answer waits
  // for it: an approval answered is a delivery stored.
  try {
    await deliverVersion(ctx, meeting, version);
  } catch (error) {
    ctx.logger.error({ err: error, meetingId: meeting._id }, 'delivering a memo version failed');
  }
}
