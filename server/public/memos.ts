// Approved memos as the public may see them: each meeting's newest version, when its public
// rendering (released declassifications applied) has anything to show.
import type { PublicMemoItem } from '../../shared/api/consent';
import type { MemoContent } from '../../shared/memo/content';
import { redactMemoContent } from '../../shared/memo/redaction';
import type { AppContext } from '../context';
import type { MeetingDoc, MemoVersionDoc } from '../db/schema';
import { audienceContent, frozenContent } from '../versions/versionView';

/** Something of it reaches the public: at least one section is shown. */
function hasPublicContent(content: MemoContent): boolean {
  return content.sections.some((section) => section.kind === 'section');
}

/** A version's public rendering and whether released declassifications widened it. */
async function publicRendering(
  ctx: Pick<AppContext, 'repos'>,
  version: MemoVersionDoc,
): Promise<{ content: MemoContent; declassified: boolean }> {
  const content = await audienceContent(ctx, version, 'public');
  // Compared with the rendering without overlays: only an overlay that shows the public more counts.
  const plain = redactMemoContent(frozenContent(version), 'public');
  return { content, declassified: JSON.stringify(content) !== JSON.stringify(plain) };
}

/** The group's memos with public content, newest approval first. */
export async function publicMemos(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
): Promise<PublicMemoItem[]> {
  const [meetings, versions] = await Promise.all([
    ctx.repos.meetings.listByGroup(groupId),
    ctx.repos.memoVersions.listByGroup(groupId),
  ]);
  const byId = new Map(meetings.map((meeting) => [meeting._id, meeting]));
  const seen = new Set<string>();
  const items: PublicMemoItem[] = [];
  // Newest approval first, so the first version met per meeting is its latest.
  for (const version of versions) {
    const meeting = byId.get(version.meetingId);
    if (!meeting || seen.has(meeting._id)) continue;
    seen.add(meeting._id);
    const rendering = await publicRendering(ctx, version);
    if (!hasPublicContent(rendering.content)) continue;
    items.push({
      meetingId: meeting._id,
      meetingTitle: meeting.title,
      meetingStartsAt: meeting.startsAt.toISOString(),
      version: version.version,
      approvedAt: version.approvedAt.toISOString(),
      hash: version.hash,
      declassified: rendering.declassified,
    });
  }
  return items;
}

/**
 * Version `number` of a meeting of `groupId`, when its public rendering shows something; null
 * otherwise (unknown, another group's, or nothing public: the public cannot tell these apart).
 */
export async function publicMemoVersion(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
  meetingId: string,
  number: number,
): Promise<{ meeting: MeetingDoc; version: MemoVersionDoc } | null> {
  const meeting = await ctx.repos.meetings.findById(meetingId);
  if (!meeting || meeting.groupId !== groupId) return null;
  const version = await ctx.repos.memoVersions.find(meetingId, number);
  if (!version) return null;
  const rendering = await publicRendering(ctx, version);
  return hasPublicContent(rendering.content) ? { meeting, version } : null;
}
