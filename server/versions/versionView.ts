// An approved version as one member may receive it: loaded, checked and redacted by the server.
import type { Request } from 'express';
import type { MemoVersionSummary, MemoVersionView } from '../../shared/api/memoVersions';
import { audienceForRole, type Audience } from '../../shared/confidentiality';
import type { MemoContent } from '../../shared/memo/content';
import { visibleCaseLinks } from '../../shared/caseLinks';
import type { AgendaItem } from '../../shared/meetings';
import type { Action } from '../../shared/permissions';
import { applyDeclassifications } from '../../shared/memo/declassification';
import { redactMemoContent } from '../../shared/memo/redaction';
import type { AppContext } from '../context';
import { releasedOverlays } from '../declassification/overlays';
import type { MeetingDoc, MembershipDoc, MemoVersionDoc } from '../db/schema';
import { AppError, notFound } from '../errors';
import { authorizeInMeeting } from '../http/context';
import { versionMeetingFacts } from './meetingFacts';
import { redactTabledDocuments } from '../../shared/documents';

const AUDIENCES: readonly Audience[] = ['public', 'groups', 'negotiators'];

/**
 * The audience a member gets: their own (negotiators or groups), or a narrower one they ask for
 * (e.g. a chair preparing the public rendering). Asking for a wider one is refused.
 */
export function audienceOf(
  membership: MembershipDoc,
  requested?: unknown,
  what = 'Memo version',
): Audience {
  const own = audienceForRole(membership.role);
  if (requested === undefined || requested === '') return own;
  const wanted = AUDIENCES.find((audience) => audience === requested);
  if (!wanted) {
    throw new AppError('validation_failed', 'Unknown audience.', [
      { path: 'audience', message: `one of ${AUDIENCES.join(', ')}` },
    ]);
  }
  if (AUDIENCES.indexOf(wanted) > AUDIENCES.indexOf(own)) throw notFound(what);
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
    actingChair: doc.actingChairDelegationId !== undefined,
    hash: doc.hash,
  };
}

/**
 * The full, unredacted content a version froze, without its declassification overlays. Only for
 * judging proposals (server/declassification); every rendering goes through `audienceContent`.
 */
export function frozenContent(doc: MemoVersionDoc): MemoContent {
  return JSON.parse(doc.content) as MemoContent;
}

/**
 * The version's full content with the declassifications every party consented to applied, as a
 * new object: the stored document, its canonical JSON and its hash stay as approved.
 */
export async function declassifiedContent(
  ctx: Pick<AppContext, 'repos'>,
  doc: MemoVersionDoc,
): Promise<MemoContent> {
  const overlays = await releasedOverlays(ctx.repos, doc.meetingId, doc.version);
  return applyDeclassifications(frozenContent(doc), overlays);
}

/**
 * The version's content as `audience` may receive it: released overlays first, then redaction.
 * The one way a version's content leaves the server (view, comparison, exports, the public page),
 * so no rendering can forget an overlay or the redaction. Renderings show the version's stored
 * hash, never a hash of this copy. `agenda` is the meeting's: a withheld item keeps its agenda
 * title where the audience may see that agenda item (pass none to show no titles at all).
 */
export async function audienceContent(
  ctx: Pick<AppContext, 'repos'>,
  doc: MemoVersionDoc,
  audience: Audience,
  agenda: readonly AgendaItem[],
): Promise<MemoContent> {
  return redactMemoContent(await declassifiedContent(ctx, doc), audience, agenda);
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

/**
 * The version in `/meetings/:meetingId/versions/:version` for a caller allowed `action` in its
 * meeting (the routes that act on a version: declassifications, publication). Non-members and
 * missing versions are 404 alike; other refusals 403.
 */
export async function versionForAction(
  ctx: Pick<AppContext, 'repos'>,
  req: Request,
  action: Action,
): Promise<Omit<LoadedVersion, 'audience'>> {
  const number = versionParam(req);
  const { meeting, membership } = await authorizeInMeeting(ctx.repos, req, action);
  const version = await ctx.repos.memoVersions.find(meeting._id, number);
  if (!version) throw notFound('Memo version');
  return { meeting, membership, version };
}

/** The version as `audience` may receive it. */
export async function versionView(
  ctx: AppContext,
  loaded: Pick<LoadedVersion, 'meeting' | 'version' | 'audience'>,
): Promise<MemoVersionView> {
  const { meeting, version, audience } = loaded;
  const [group, content] = await Promise.all([
    ctx.repos.groups.findById(meeting.groupId),
    audienceContent(ctx, version, audience, meeting.agenda),
  ]);
  return viewOf({ ...loaded, groupName: group?.name ?? '', content });
}

/** The agenda items whose sections the (redacted) content still shows. */
function shownAgendaItems(content: MemoContent): Set<string> {
  return new Set(
    content.sections.flatMap((section) =>
      section.kind === 'section' && section.agendaItemId ? [section.agendaItemId] : [],
    ),
  );
}

/** The view of a version whose audience content and group name are at hand already. */
export function viewOf(input: {
  meeting: MeetingDoc;
  version: MemoVersionDoc;
  audience: Audience;
  groupName: string;
  content: MemoContent;
}): MemoVersionView {
  const { meeting, version } = input;
  return {
    ...versionSummary(version),
    groupId: meeting.groupId,
    groupName: input.groupName,
    meetingTitle: meeting.title,
    meetingStartsAt: meeting.startsAt.toISOString(),
    meetingFacts: versionMeetingFacts(meeting, version),
    ...(version.documents && {
      documents: redactTabledDocuments(version.documents, input.audience),
    }),
    audience: input.audience,
    content: input.content,
    caseLinks: visibleCaseLinks(
      version.caseLinks ?? [],
      input.audience,
      shownAgendaItems(input.content),
    ),
    latestVersion: meeting.memoVersion ?? version.version,
  };
}
