// The last consent to a declassification: the overlay is recorded beside the version (which never
// changes) and the members who may now read more are told. Called by the consent gate
// (server/consent) once every party has consented; the gate audits the release.
import { validateProposal } from '../../shared/memo/declassification';
import { can } from '../../shared/permissions';
import { trackVersion } from '../continuity/trackVersion';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, MeetingDoc, MemoVersionDoc } from '../db/schema';
import { frozenContent } from '../versions/versionView';
import { proposalsOf } from './overlays';

/** The proposal's meeting and version, when its lowering still fits what was released since. */
async function applicable(
  ctx: AppContext,
  request: ConsentRequestDoc,
): Promise<{ meeting: MeetingDoc; version: MemoVersionDoc } | null> {
  const proposal = request.declassification;
  if (request.kind !== 'declassification' || !proposal || !request.meetingId) return null;
  const { repos } = ctx;
  const [meeting, version] = await Promise.all([
    repos.meetings.findById(request.meetingId),
    repos.memoVersions.find(request.meetingId, proposal.version),
  ]);
  if (!meeting || !version) return null;

  const { released, pending } = await proposalsOf(repos, meeting._id, version.version);
  if (released.some((overlay) => overlay.requestId === request._id)) return null;
  const others = pending.filter((open) => open.requestId !== request._id);
  const check = validateProposal(
    frozenContent(version),
    released,
    proposal.target,
    proposal.to,
    others,
  );
  if (!check.ok || check.from !== proposal.from) {
    // Ids and the problem's kind only: the log never holds memo text.
    ctx.logger.warn(
      { requestId: request._id, problem: check.ok ? 'fromChanged' : check.problem.kind },
      'declassification no longer applies; not released',
    );
    return null;
  }
  return { meeting, version };
}

/**
 * Whether the lowering of `request` still fits the version with the overlays released since it
 * was proposed: checked before the last consent ends the round, so that a round never ends as
 * released for an overlay that cannot be recorded.
 */
export async function declassificationApplies(
  ctx: AppContext,
  request: ConsentRequestDoc,
): Promise<boolean> {
  return (await applicable(ctx, request)) !== null;
}

/**
 * Record the overlay of `request` (released in round `round` at `at`). False when nothing was
 * released by this call: released already (by another instance), or the lowering no longer fits
 * the version with the overlays released since it was proposed (the rules are checked again, so a
 * release never breaks one). Never throws for those; storage errors do propagate.
 */
export async function releaseDeclassification(
  ctx: AppContext,
  request: ConsentRequestDoc,
  round: number,
  at: Date,
): Promise<boolean> {
  const found = await applicable(ctx, request);
  const proposal = request.declassification;
  if (!found || !proposal) return false;
  const { meeting, version } = found;
  const { repos } = ctx;

  const inserted = await repos.consent.release({
    _id: request._id,
    requestId: request._id,
    groupId: request.groupId,
    kind: 'declassification',
    round,
    releasedAt: at,
    meetingId: meeting._id,
    statement: null,
    declassification: {
      version: version.version,
      target: proposal.target,
      from: proposal.from,
      to: proposal.to,
    },
  });
  if (!inserted) return false;
  await afterRelease(ctx, meeting, version, proposal.to);
  return true;
}

/** Follow the new rendering: tracked items' levels, and readers told there is more to read. */
async function afterRelease(
  ctx: AppContext,
  meeting: MeetingDoc,
  version: MemoVersionDoc,
  to: string,
): Promise<void> {
  const { repos } = ctx;
  // Tracked items follow the meeting's newest version only: tracking an older one again would
  // bring back items the newer version dropped.
  const newest = (await repos.memoVersions.list(meeting._id)).at(-1);
  if (newest?.version === version.version) await trackVersion(ctx, meeting, version);

  // A lowering to `public` shows more on the public page only (which is rendered on request);
  // members read at least the groups' rendering already.
  if (to !== 'groups') return;
  const readers = (await repos.memberships.listByGroup(meeting.groupId)).filter((member) =>
    can(member, 'memo.receiveDelivery'),
  );
  if (readers.length === 0) return;
  // A link-only notice, as at delivery: which version changed, never what it now shows.
  ctx.events.publish({
    type: 'memoDelivered',
    userIds: readers.map((reader) => reader.userId),
    notice: {
      groupId: meeting.groupId,
      meetingId: meeting._id,
      version: version.version,
      meetingTitle: meeting.title,
      declassified: true,
    },
  });
}
