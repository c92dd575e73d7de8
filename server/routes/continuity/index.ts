import type { Request, Response } from 'express';
import { followUpCsv } from '../../continuity/followUpCsv';
import { z } from 'zod';
import { type MyFollowUp, type TrackedItem } from '../../../shared/api/memoVersions';
import { myFollowUps } from '../../continuity/myFollowUps';
import { audienceForRole } from '../../../shared/confidentiality';
import { BLOCK_ID_PATTERN } from '../../../shared/memo/format';
import { actorOf } from '../../audit/actors';
import { trackedItemsFor } from '../../continuity/trackedItemView';
import { changeTrackedStatus } from '../../continuity/statusChange';
import type { AppContext } from '../../context';
import { conflict, notFound, validationFailed } from '../../errors';
import { ApiRouter } from '../../http/api';
import { continuityRoutes as routes } from '../../../shared/api/routes/continuity';
import { authorize, authorizeInGroup, idParam, requireAuth } from '../../http/context';
import { meetingAsMember } from '../../auth/meetingMembership';
import { previousMeetingByDate, toMemoReview } from '../../continuity/previousMeeting';
import type { MemoReview } from '../../../shared/api/types';

const uuid = z.uuid();

/**
 * The tracked item id in the path: `<meetingId>:followUp:<blockId>`,
 * `<meetingId>:dissent:<dissentId>:<partyId>` or `<meetingId>:stance:<agreedPointId>:<partyId>`;
 * items stored before ids were keyed by meeting have `<groupId>:followUp:<blockId>`,
 * `<groupId>:dissent:<dissentId>` or `<groupId>:dissent:<agreedPointId>:<partyId>`. Anything else
 * cannot exist: 404.
 */
function trackedItemParam(req: Request): string {
  const raw = req.params.itemId;
  const [scope, kind, sourceId, partyId, ...rest] = typeof raw === 'string' ? raw.split(':') : [];
  const party =
    kind === 'followUp'
      ? partyId === undefined
      : kind === 'dissent'
        ? partyId === undefined || uuid.safeParse(partyId).success
        : kind === 'stance' && uuid.safeParse(partyId).success;
  const wellFormed =
    uuid.safeParse(scope).success &&
    BLOCK_ID_PATTERN.test(sourceId ?? '') &&
    party &&
    rest.length === 0;
  if (!wellFormed) throw notFound('Tracked item');
  return raw as string;
}

function sendCsv(res: Response, name: string, csv: string): void {
  const filename = `${name}-${new Date().toISOString().slice(0, 10)}.csv`;
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.type('text/csv; charset=utf-8').send(csv);
}

export function continuityRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  api.route(routes.listTrackedItems, async (req): Promise<TrackedItem[]> => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'memo.readApproved');
    const query = routes.listTrackedItems.query.safeParse(req.query);
    if (!query.success) throw validationFailed(query.error);
    const { unfinished, ...only } = query.data;
    // Lists leave out what the caller may not read: not even a marker says it is there.
    return trackedItemsFor(
      repos,
      await repos.trackedItems.listByGroup(groupId, { ...only, unfinished: !!unfinished }),
      audienceForRole(membership.role),
    );
  });

  api.route(routes.myFollowUps, async (req): Promise<MyFollowUp[]> => {
    const { user } = requireAuth(req);
    return myFollowUps(repos, user._id);
  });

  // Downloads, not JSON answers: the handlers write them.
  api.route(routes.exportFollowUps, async (req, _body, res) => {
    const { user } = requireAuth(req);
    const { groupId, membership } = await authorizeInGroup(repos, req, 'memo.readApproved');
    const items = await trackedItemsFor(
      repos,
      await repos.trackedItems.listByGroup(groupId, { kind: 'followUp' }),
      audienceForRole(membership.role),
    );
    sendCsv(res, `jatkotoimet-${groupId}`, followUpCsv(items, user.locale, false));
  });

  api.route(routes.exportMyFollowUps, async (req, _body, res) => {
    const { user } = requireAuth(req);
    const items = await myFollowUps(repos, user._id);
    sendCsv(res, 'omat-jatkotoimet', followUpCsv(items, user.locale, true));
  });

  api.route(routes.setTrackedItemStatus, async (req, body): Promise<TrackedItem> => {
    const { user } = requireAuth(req);
    return changeTrackedStatus(ctx, user, trackedItemParam(req), body);
  });

  api.route(routes.recordReview, async (req, body): Promise<MemoReview> => {
    const { user } = requireAuth(req);
    const meetingId = idParam(req, 'meetingId', 'Meeting');
    const { meeting, membership } = await meetingAsMember(repos, meetingId, user._id);
    authorize(membership, 'memo.recordReview');
    const previous = await previousMeetingByDate(repos, meeting);
    if (!previous)
      throw conflict('This meeting has no earlier meeting whose memo it could review.');
    const review = await repos.memoReviews.record({
      _id: meeting._id,
      groupId: meeting.groupId,
      reviewedMeetingId: previous._id,
      outcome: body.outcome,
      recordedBy: user._id,
      recordedByName: user.name,
      recordedAt: new Date(),
    });
    await ctx.audit.record({
      groupId: meeting.groupId,
      actor: actorOf(user),
      action: 'memo.review',
      target: { type: 'meeting', id: meeting._id, label: meeting.title },
      details: { reviewedMeetingId: previous._id, outcome: body.outcome },
    });
    return toMemoReview(review, meeting, previous);
  });

  return api;
}
