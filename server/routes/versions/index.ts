import type {
  ApprovedMemoListItem,
  ReadReceipts,
  VersionComparison,
} from '../../../shared/api/memoVersions';
import type { Request } from 'express';
import { diffMemoContent } from '../../../shared/memo/diff';
import { can, type Action } from '../../../shared/permissions';
import { ensureVersion } from '../../approval/approveMemo';
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { versionRoutes as routes } from '../../../shared/api/routes/versions';
import { authorizeInGroup, authorizeInMeeting } from '../../http/context';
import { memoVersionId } from '../../repositories/memoVersions';
import {
  audienceContent,
  audienceOf,
  loadVersionFor,
  versionParam,
  versionSummary,
  versionView,
} from '../../versions/versionView';
import { memoHistory } from './history';

/** Reading approved versions: every member, each at their own audience. */
export function versionRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  const meetingFor = (req: Request, action: Action) => authorizeInMeeting(repos, req, action);

  api.route(routes.getMemoHistory, async (req) => {
    const { meeting, membership } = await meetingFor(req, 'memo.readApproved');
    return memoHistory(ctx, meeting, membership);
  });

  api.route(routes.getMemoVersion, async (req) => {
    const loaded = await loadVersionFor(ctx, req);
    const view = await versionView(ctx, loaded);
    await repos.readReceipts.record({
      meetingId: loaded.meeting._id,
      groupId: loaded.meeting.groupId,
      version: loaded.version.version,
      userId: loaded.membership.userId,
    });
    return view;
  });

  api.route(routes.compareMemoVersions, async (req): Promise<VersionComparison> => {
    const { meeting, membership } = await meetingFor(req, 'memo.readApproved');
    const meetingId = meeting._id;
    const from = versionParam(req, 'from');
    const to = versionParam(req, 'to');
    const audience = audienceOf(membership, req.query.audience);
    const [a, b] = await Promise.all([
      repos.memoVersions.find(meetingId, from),
      repos.memoVersions.find(meetingId, to),
    ]);
    if (!a || !b) throw notFound('Memo version');
    // Both sides are redacted first (each with its own released declassifications): a diff of
    // redacted content cannot reveal withheld parts.
    const [before, after] = await Promise.all([
      audienceContent(ctx, a, audience, meeting.agenda),
      audienceContent(ctx, b, audience, meeting.agenda),
    ]);
    const changes = diffMemoContent(before, after);
    return { meetingId, from, to, audience, changes };
  });

  api.route(routes.getReadReceipts, async (req): Promise<ReadReceipts> => {
    const { meeting } = await meetingFor(req, 'receipts.view');
    const meetingId = meeting._id;
    const [versions, receipts, members] = await Promise.all([
      repos.memoVersions.list(meetingId),
      repos.readReceipts.listByMeeting(meetingId),
      repos.memberships.listByGroup(meeting.groupId),
    ]);
    const readers = members.filter((member) => can(member, 'memo.receiveDelivery'));
    const users = new Map(
      (await repos.users.findByIds(readers.map((r) => r.userId))).map((u) => [u._id, u]),
    );
    return {
      meetingId,
      versions: versions.map((version) => version.version),
      rows: readers.map((reader) => ({
        userId: reader.userId,
        name: users.get(reader.userId)?.name ?? '',
        role: reader.role,
        partyId: reader.partyId,
        opened: Object.fromEntries(
          receipts
            .filter((receipt) => receipt.userId === reader.userId)
            .map((receipt) => [String(receipt.version), receipt.at.toISOString()]),
        ),
      })),
    };
  });

  api.route(routes.listApprovedMemos, async (req): Promise<ApprovedMemoListItem[]> => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'memo.readApproved');
    const meetings = await repos.meetings.listByGroup(groupId);
    let versions = await repos.memoVersions.listByGroup(groupId);
    // An approval cut short by a crash is completed here, like on every other read of versions.
    const stored = new Set(versions.map((version) => version._id));
    const unfinished = meetings.filter(
      (meeting) =>
        meeting.status === 'approved' &&
        meeting.approval &&
        !stored.has(memoVersionId(meeting._id, meeting.approval.version)),
    );
    if (unfinished.length > 0) {
      await Promise.all(unfinished.map((meeting) => ensureVersion(ctx, meeting)));
      versions = await repos.memoVersions.listByGroup(groupId);
    }
    const receipts = await repos.readReceipts.listByUser(groupId, membership.userId);
    const read = new Set(receipts.map((receipt) => `${receipt.meetingId}:${receipt.version}`));
    const byId = new Map(meetings.map((meeting) => [meeting._id, meeting]));
    const items: ApprovedMemoListItem[] = [];
    const seen = new Set<string>();
    // Newest approval first, so the first version met per meeting is its latest.
    for (const version of versions) {
      const meeting = byId.get(version.meetingId);
      if (!meeting || seen.has(meeting._id)) continue;
      seen.add(meeting._id);
      items.push({
        meetingId: meeting._id,
        meetingTitle: meeting.title,
        meetingStartsAt: meeting.startsAt.toISOString(),
        latest: versionSummary(version),
        read: read.has(`${meeting._id}:${version.version}`),
      });
    }
    return items;
  });

  return api;
}
