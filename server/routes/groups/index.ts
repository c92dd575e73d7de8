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

export function toParty(party: PartyDoc): Party {
  return {
    id: party._id,
    groupId: party.groupId,
    name: party.name,
    shortName: party.shortName,
    colour: party.colour,
    endedAt: party.endedAt?.toISOString() ?? null,
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
    };
  }

  api.route(routes.getGroup, async (req) => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'group.view');
    return groupView(groupId, membership);
  });

  api.route(routes.updateGroup, async (req, body) => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'group.edit');
    await repos.groups.update(groupId, body);
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
    const { groupId } = await authorizeInGroup(repos, req, 'party.manage');
    const partyId = idParam(req, 'partyId', 'Party');
    // An ended party stays as it was, for history.
    if (!(await repos.groups.findParty(groupId, partyId))) throw notFound('Party');
    const party = await repos.groups.updateParty(groupId, partyId, body);
    if (!party) throw notFound('Party');
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
