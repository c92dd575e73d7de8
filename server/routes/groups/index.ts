import type { Group, Party, PartyRemoval } from '../../../shared/api/types';
import { actorOf } from '../../audit/actors';
import { settleGroupGates } from '../../consent/settle';
import type { AppContext } from '../../context';
import type { MembershipDoc, PartyDoc } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { groupRoutes as routes } from '../../../shared/api/routes/groups';
import { authorizeInGroup, idParam, requireAuth } from '../../http/context';
import { partyHasHistory } from './partyHistory';
import { checkDeputyOrder } from '../../attendance/deputyOrder';
import { DEFAULT_DEPUTIES_SPEAK } from '../../../shared/attendance';

export function toParty(party: PartyDoc): Party {
  return {
    id: party._id,
    groupId: party.groupId,
    name: party.name,
    shortName: party.shortName,
    colour: party.colour,
    endedAt: party.endedAt?.toISOString() ?? null,
    deputyOrder: party.deputyOrder ?? [],
  };
}

export function groupRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  async function groupView(groupId: string, membership: MembershipDoc): Promise<Group> {
    const group = await repos.groups.findById(groupId);
    if (!group) throw notFound('Group');
    const parties = await repos.groups.listAllParties(groupId);
    return {
      id: group._id,
      name: group.name,
      municipality: group.municipality,
      parties: parties.filter((party) => !party.endedAt).map(toParty),
      endedParties: parties.filter((party) => party.endedAt).map(toParty),
      myRole: membership.role,
      myPartyId: membership.partyId,
      deputiesSpeak: group.deputiesSpeak ?? DEFAULT_DEPUTIES_SPEAK,
    };
  }

  api.route(routes.getGroup, async (req) => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'group.view');
    return groupView(groupId, membership);
  });

  api.route(routes.updateGroup, async (req, body) => {
    const { user } = requireAuth(req);
    const { groupId, membership } = await authorizeInGroup(repos, req, 'group.edit');
    const before = await repos.groups.findById(groupId);
    await repos.groups.update(groupId, body);
    const from = before?.deputiesSpeak ?? DEFAULT_DEPUTIES_SPEAK;
    if (body.deputiesSpeak && body.deputiesSpeak !== from) {
      await ctx.audit.record({
        groupId,
        actor: actorOf(user),
        action: 'group.deputiesSpeak',
        target: { type: 'group', id: groupId },
        details: { from, to: body.deputiesSpeak },
      });
      ctx.events.publish({ type: 'speakingChanged', groupId, meetingId: null });
    }
    return groupView(groupId, membership);
  });

  api.route(routes.createParty, async (req, body) => {
    const { user } = requireAuth(req);
    const { groupId } = await authorizeInGroup(repos, req, 'party.manage');
    const party = await repos.groups.addParty(groupId, body);
    // Every open round must now be answered by this party too: each starts over.
    await settleGroupGates(ctx, groupId, actorOf(user));
    return toParty(party);
  });

  api.route(routes.updateParty, async (req, body) => {
    const { user } = requireAuth(req);
    const { groupId } = await authorizeInGroup(repos, req, 'party.manage');
    const partyId = idParam(req, 'partyId', 'Party');
    // An ended party stays as it was, for history.
    const before = await repos.groups.findParty(groupId, partyId);
    if (!before) throw notFound('Party');
    if (body.deputyOrder)
      checkDeputyOrder(body.deputyOrder, partyId, await repos.memberships.listByGroup(groupId));
    const party = await repos.groups.updateParty(groupId, partyId, body);
    if (!party) throw notFound('Party');
    if (body.deputyOrder && body.deputyOrder.join() !== (before.deputyOrder ?? []).join()) {
      await ctx.audit.record({
        groupId,
        actor: actorOf(user),
        action: 'party.deputyOrder',
        target: { type: 'party', id: partyId, label: party.shortName },
        details: { deputies: body.deputyOrder.length },
      });
    }
    return toParty(party);
  });

  api.route(routes.deleteParty, async (req): Promise<PartyRemoval> => {
    const { user } = requireAuth(req);
    const { groupId } = await authorizeInGroup(repos, req, 'party.manage');
    const partyId = idParam(req, 'partyId', 'Party');
    const party = await repos.groups.findParty(groupId, partyId);
    if (!party) throw notFound('Party');
    if ((await repos.memberships.countInParty(groupId, partyId)) > 0) {
      throw conflict('The party still has members; move or remove them first.');
    }
    const actor = actorOf(user);
    const target = { type: 'party' as const, id: party._id, label: party.shortName };
    if (await partyHasHistory(ctx, party)) {
      const ended = (await repos.groups.endParty(groupId, partyId, new Date())) ?? party;
      await ctx.audit.record({ groupId, actor, action: 'party.end', target, details: {} });
      // Open rounds that counted it are void: each starts over with the parties now.
      const restarted = await settleGroupGates(ctx, groupId, actor);
      return { outcome: 'ended', party: toParty(ended), restartedRounds: restarted };
    }
    await repos.groups.deleteParty(groupId, partyId);
    await ctx.audit.record({ groupId, actor, action: 'party.delete', target, details: {} });
    return { outcome: 'deleted', party: toParty(party), restartedRounds: 0 };
  });

  return api;
}
