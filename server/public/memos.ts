// Approved memos as the public may see them: only versions whose publication every party consented
// to (server/publication), never on approval alone, and of those each meeting's newest, when its
// public rendering (released declassifications applied) has anything to show. Versions approved
// before publication needed consent are not public until published so.
import type { PublicMemoItem } from '../../shared/api/consent';
import type { MemoContent } from '../../shared/memo/content';
import { redactMemoContent } from '../../shared/memo/redaction';
import type { AppContext } from '../context';
import type { ConsentReleaseDoc, MeetingDoc, MemoVersionDoc } from '../db/schema';
import { audienceContent, frozenContent } from '../versions/versionView';

/** Something of it reaches the public: at least one section is shown. */
function hasPublicContent(content: MemoContent): boolean {
  return content.sections.some((section) => section.kind === 'section');
}

export interface PublicRendering {
  content: MemoContent;
  /** Released declassifications widened it. */
  declassified: boolean;
  /** It shows at least one section. */
  hasContent: boolean;
}

/** A version's public rendering, whether published or not (the caller decides who sees it). */
export async function publicRendering(
  ctx: Pick<AppContext, 'repos'>,
  version: MemoVersionDoc,
): Promise<PublicRendering> {
  // No agenda: the public page shows no agenda, so a withheld item keeps only its number.
  const content = await audienceContent(ctx, version, 'public', []);
  // Compared with the rendering without overlays: only an overlay that shows the public more counts.
  const plain = redactMemoContent(frozenContent(version), 'public');
  return {
    content,
    declassified: JSON.stringify(content) !== JSON.stringify(plain),
    hasContent: hasPublicContent(content),
  };
}

const versionKey = (meetingId: string, version: number) => `${meetingId}:${version}`;

/** When each published version of the group was published, by meeting and version. */
async function publishedVersions(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
): Promise<Map<string, ConsentReleaseDoc>> {
  const releases = await ctx.repos.consent.listReleases(groupId, 'publication');
  const published = new Map<string, ConsentReleaseDoc>();
  for (const release of releases) {
    const version = release.publication?.version;
    if (release.meetingId && version !== undefined)
      published.set(versionKey(release.meetingId, version), release);
  }
  return published;
}

/** The group's published memos with public content, each meeting's newest published version. */
export async function publicMemos(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
): Promise<PublicMemoItem[]> {
  const [meetings, versions, published] = await Promise.all([
    ctx.repos.meetings.listByGroup(groupId),
    ctx.repos.memoVersions.listByGroup(groupId),
    publishedVersions(ctx, groupId),
  ]);
  const byId = new Map(meetings.map((meeting) => [meeting._id, meeting]));
  const seen = new Set<string>();
  const items: PublicMemoItem[] = [];
  // Newest approval first, so the first published version met per meeting is its latest.
  for (const version of versions) {
    const meeting = byId.get(version.meetingId);
    const release = published.get(versionKey(version.meetingId, version.version));
    if (!meeting || !release || seen.has(meeting._id)) continue;
    seen.add(meeting._id);
    const rendering = await publicRendering(ctx, version);
    if (!rendering.hasContent) continue;
    items.push({
      meetingId: meeting._id,
      meetingTitle: meeting.title,
      meetingStartsAt: meeting.startsAt.toISOString(),
      version: version.version,
      approvedAt: version.approvedAt.toISOString(),
      publishedAt: release.releasedAt.toISOString(),
      hash: version.hash,
      declassified: rendering.declassified,
    });
  }
  return items;
}

/**
 * Version `number` of a meeting of `groupId`, when it is published and its public rendering shows
 * something; null otherwise (unknown, another group's, not published, or nothing public: the
 * public cannot tell these apart).
 */
export async function publicMemoVersion(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
  meetingId: string,
  number: number,
): Promise<{ meeting: MeetingDoc; version: MemoVersionDoc; publishedAt: string } | null> {
  const meeting = await ctx.repos.meetings.findById(meetingId);
  if (!meeting || meeting.groupId !== groupId) return null;
  const [version, published] = await Promise.all([
    ctx.repos.memoVersions.find(meetingId, number),
    publishedVersions(ctx, groupId),
  ]);
  const release = published.get(versionKey(meetingId, number));
  if (!version || !release) return null;
  const rendering = await publicRendering(ctx, version);
  if (!rendering.hasContent) return null;
  return { meeting, version, publishedAt: release.releasedAt.toISOString() };
}
