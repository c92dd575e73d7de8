// Tracking an approved version's follow-ups and dissents, so later meetings can carry them.
import type { AppContext } from '../context';
import type { MeetingDoc, MemoVersionDoc } from '../db/schema';
import { declassifiedContent } from '../versions/versionView';
import type { OwnerRef } from '../../shared/memo/followUpOwner';
import { extractTrackedItems, type TrackedSource } from './extractTracked';

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
  const sources = extractTrackedItems(await declassifiedContent(ctx, version), version.caseLinks);
  await ctx.repos.trackedItems.track(
    {
      groupId: version.groupId,
      meetingId: version.meetingId,
      meetingTitle: meeting.title,
      meetingStartsAt: meeting.startsAt,
      version: version.version,
    },
    await ownersInGroup(ctx, version.groupId, sources),
  );
}

/**
 * `sources` with every owner reference that names no member or party of the group dropped: the
 * memo's layout checks only the reference's form, and any negotiator could write one naming a
 * stranger. Such an owner stays what the memo shows as text, owned by nobody in particular.
 */
async function ownersInGroup(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
  sources: TrackedSource[],
): Promise<TrackedSource[]> {
  if (!sources.some((source) => source.ownerRef)) return sources;
  const [memberships, parties] = await Promise.all([
    ctx.repos.memberships.listByGroup(groupId),
    ctx.repos.groups.listAllParties(groupId),
  ]);
  const members = new Set(memberships.map((membership) => membership.userId));
  const partyIds = new Set(parties.map((party) => party._id));
  const known = (ref: OwnerRef) => (ref.kind === 'member' ? members : partyIds).has(ref.id);
  return sources.map((source) =>
    source.ownerRef && !known(source.ownerRef) ? { ...source, ownerRef: null } : source,
  );
}
