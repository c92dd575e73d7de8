// An approved version as one member may receive it: loaded, checked and redacted by the server.
import type { Request } from 'express';
import type { MemoVersionSummary, MemoVersionView } from '../../shared/api/memoVersions';
import { audienceForRole, type Audience } from '../../shared/confidentiality';
import type { MemoContent } from '../../shared/memo/content';
import { redactMemoContent } from '../../shared/memo/redaction';
import type { AppContext } from '../context';
import type { MeetingDoc, MembershipDoc, MemoVersionDoc } from '../db/schema';
import { AppError, notFound } from '../errors';
import { authorizeInMeeting } from '../http/context';

const AUDIENCES: readonly Audience[] = ['public', 'groups', 'negotiators'];

/**
 * The audience a member gets: their own (negotiators or groups), or a narrower one they ask for
 * (e.g. a chair preparing the public rendering). Asking for a wider one is refused.
 */
export function audienceOf(membership: MembershipDoc, requested?: unknown): Audience {
  const own = audienceForRole(membership.role);
  if (requested === undefined || requested === '') return own;
  const wanted = AUDIENCES.find((audience) => audience === requested);
  if (!wanted) {
    throw new AppError('validation_failed', 'Unknown audience.', [
      { path: 'audience', message: `one of ${AUDIENCES.join(', ')}` },
    ]);
  }
  if (AUDIENCES.indexOf(wanted) > AUDIENCES.indexOf(own)) throw notFound('Memo version');
  return wanted;
}

/** The version number in the path; anything but a positive integer cannot exist. */
export function versionParam(req: Request, name = 'version'): number {
  const raw = req.params[name];
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,5}$/.test(raw)) throw notFound('Memo version');
  return Number(raw);
}

export function versionSummary(doc: MemoVersionDoc): MemoVersionSummary {
  return {
    meetingId: doc.meetingId,
    version: doc.version,
    approvedAt: doc.approvedAt.toISOString(),
    approvedBy: { id: doc.approvedBy, name: doc.approvedByName },
    hash: doc.hash,
  };
}

/** The full, unredacted content a version froze. Only ever passed on through redaction. */
export function frozenContent(doc: MemoVersionDoc): MemoContent {
  return JSON.parse(doc.content) as MemoContent;
}

export interface LoadedVersion {
  meeting: MeetingDoc;
  membership: MembershipDoc;
  version: MemoVersionDoc;
  audience: Audience;
}

/**
 * The version in `/meetings/:meetingId/versions/:version` for the caller, at the audience they
 * may (and asked to) receive. Non-members and missing versions are 404 alike.
 */
export async function loadVersionFor(ctx: AppContext, req: Request): Promise<LoadedVersion> {
  const number = versionParam(req);
  const { meeting, membership } = await authorizeInMeeting(ctx.repos, req, 'memo.readApproved');
  const version = await ctx.repos.memoVersions.find(meeting._id, number);
  if (!version) throw notFound('Memo version');
  return { meeting, membership, version, audience: audienceOf(membership, req.query.audience) };
}

/** The version as `audience` may receive it. */
export async function versionView(
  ctx: AppContext,
  loaded: Pick<LoadedVersion, 'meeting' | 'version' | 'audience'>,
): Promise<MemoVersionView> {
  const { meeting, version, audience } = loaded;
  const group = await ctx.repos.groups.findById(meeting.groupId);
  return {
    ...versionSummary(version),
    groupId: meeting.groupId,
    groupName: group?.name ?? '',
    meetingTitle: meeting.title,
    meetingStartsAt: meeting.startsAt.toISOString(),
    audience,
    content: redactMemoContent(frozenContent(version), audience),
    latestVersion: meeting.memoVersion ?? version.version,
  };
}
