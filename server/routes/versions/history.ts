import type { MemoHistory } from '../../../shared/api/memoVersions';
import { can } from '../../../shared/permissions';
import { ensureVersion } from '../../approval/approveMemo';
import type { AppContext } from '../../context';
import type { MeetingDoc, MembershipDoc } from '../../db/schema';
import { versionSummary } from '../../versions/versionView';

/**
 * A meeting's versions and reopenings. The chair's reasons for reopening are working notes of
 * the negotiators, so the party groups see only that (and when) a memo was reopened.
 */
export async function memoHistory(
  ctx: AppContext,
  meeting: MeetingDoc,
  viewer: MembershipDoc,
): Promise<MemoHistory> {
  await ensureVersion(ctx, meeting);
  const versions = await ctx.repos.memoVersions.list(meeting._id);
  const showReasons = can(viewer, 'group.negotiate');
  return {
    meetingId: meeting._id,
    status: meeting.status === 'approved' ? 'approved' : 'open',
    versions: versions.map(versionSummary),
    reopenings: (meeting.reopenings ?? []).map((reopening) => ({
      afterVersion: reopening.afterVersion,
      at: reopening.at.toISOString(),
      by: { id: reopening.userId, name: reopening.userName },
      reason: showReasons ? reopening.reason : '',
    })),
  };
}
