// Tracking an approved version's follow-ups and dissents, so later meetings can carry them.
import type { AppContext } from '../context';
import type { MeetingDoc, MemoVersionDoc } from '../db/schema';
import { declassifiedContent } from '../versions/versionView';
import { extractTrackedItems } from './extractTracked';

/**
 * Call right after a version is created, and again when a declassification of it is released
 * (the items' levels follow the released overlays). Idempotent: tracking the same version again
 * changes nothing, and a re-approved meeting's items keep the status people have given them.
 */
export async function trackVersion(
  ctx: Pick<AppContext, 'repos'>,
  meeting: MeetingDoc,
  version: MemoVersionDoc,
): Promise<void> {
  await ctx.repos.trackedItems.track(
    {
      groupId: version.groupId,
      meetingId: version.meetingId,
      meetingTitle: meeting.title,
      meetingStartsAt: meeting.startsAt,
      version: version.version,
    },
    extractTrackedItems(await declassifiedContent(ctx, version), version.caseLinks),
  );
}
