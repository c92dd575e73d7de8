// What the public may know of a group, for the JSON feed and the public page alike: released
// statements (every party consented) and the public renderings of approved memos. Nothing else:
// no draft, no title of an unreleased statement, no proposal.
import type { PublicFeed, ReleasedStatement } from '../../shared/api/consent';
import type { AppContext } from '../context';
import type { ConsentReleaseDoc } from '../db/schema';
import { publicMemos } from './memos';

/** A statement's release as published; null for any other release. */
export function toReleasedStatement(
  doc: ConsentReleaseDoc,
  groupName: string,
): ReleasedStatement | null {
  if (doc.kind !== 'statement' || !doc.statement) return null;
  return {
    id: doc.requestId,
    groupId: doc.groupId,
    groupName,
    title: doc.statement.title,
    content: doc.statement.content,
    hash: doc.statement.hash,
    round: doc.round,
    releasedAt: doc.releasedAt.toISOString(),
    meetingId: doc.meetingId,
  };
}

/** The group's public feed; null for an unknown group. */
export async function publicFeed(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
  now = new Date(),
): Promise<PublicFeed | null> {
  const group = await ctx.repos.groups.findById(groupId);
  if (!group) return null;
  const [releases, memos] = await Promise.all([
    ctx.repos.consent.listReleases(groupId, 'statement'),
    publicMemos(ctx, groupId),
  ]);
  return {
    group: { id: group._id, name: group.name },
    generatedAt: now.toISOString(),
    statements: releases.flatMap((doc) => toReleasedStatement(doc, group.name) ?? []),
    memos,
  };
}

/** One released statement of the group, or null (unknown, another group's, or not released). */
export async function publicStatement(
  ctx: Pick<AppContext, 'repos'>,
  groupId: string,
  statementId: string,
): Promise<ReleasedStatement | null> {
  const [group, release] = await Promise.all([
    ctx.repos.groups.findById(groupId),
    ctx.repos.consent.findRelease(statementId),
  ]);
  if (!group || !release || release.groupId !== groupId) return null;
  return toReleasedStatement(release, group.name);
}
