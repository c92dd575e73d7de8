import {
  CreatePartyRequest,
  UpdateGroupRequest,
  UpdatePartyRequest,
} from '../../../shared/api/schemas';
import type { Group, Party } from '../../../shared/api/types';
import type { AppContext } from '../../context';
import type { MembershipDoc, PartyDoc } from '../../db/schema';
import { conflict, notFound } from '../../errors';
import { ApiRouter } from '../../http/api';
import { authorizeInGroup, idParam } from '../../http/context';

export function toParty(party: PartyDoc): Party {
  return {
    id: party._id,
    groupId: party.groupId,
    name: party.name,
    shortName: party.shortName,
    colour: party.colour,
  };
}

export function groupRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter('groups');
  const { repos } = ctx;

  async function groupView(groupId: string, membership: MembershipDoc): Promise<Group> {
    const group = await repos.groups.findById(groupId);
    if (!group) throw notFound('Group');
    const parties = await repos.groups.listParties(groupId);
    return {
      id: group._id,
      name: group.name,
      municipality: group.municipality,
      parties: parties.map(toParty),
      myRole: membership.role,
      myPartyId: membership.partyId,
    };
  }

  api.route('get', '/groups/:groupId', { summary: 'A group and its parties' }, async (req) => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'group.view');
    return groupView(groupId, membership);
  });

  api.route(
    'patch',
    '/groups/:groupId',
    { summary: 'Rename a group', body: UpdateGroupRequest },
    async (req, body) => {
      const { groupId, membership } = await authorizeInGroup(repos, req, 'group.edit');
      await repos.groups.update(groupId, body);
      return groupView(groupId, membership);
    },
  );

  api.route(
    'post',
    '/groups/:groupId/parties',
    { summary: 'Add a party', body: CreatePartyRequest },
    async (req, body) => {
      const { groupId } = await authorizeInGroup(repos, req, 'party.manage');
      return toParty(await repos.groups.addParty(groupId, body));
    },
  );

  api.route(
    'patch',
    '/groups/:groupId/parties/:partyId',
    { summary: 'Change a party', body: UpdatePartyRequest },
    async (req, body) => {
      const { groupId } = await authorizeInGroup(repos, req, 'party.manage');
      const partyId = idParam(req, 'partyId', 'Party');
      const party = await repos.groups.updateParty(groupId, partyId, body);
      if (!party) throw notFound('Party');
      return toParty(party);
    },
  );

  api.route(
    'delete',
    '/groups/:groupId/parties/:partyId',
    { summary: 'Remove a party that has no members', status: 204 },
    async (req) => {
      const { groupId } = await authorizeInGroup(repos, req, 'party.manage');
      const partyId = idParam(req, 'partyId', 'Party');
      if (!(await repos.groups.findParty(groupId, partyId))) throw notFound('Party');
      if ((await repos.memberships.countInParty(groupId, partyId)) > 0) {
        throw conflict('The party still has members; move or remove them first.');
      }
      await repos.groups.deleteParty(groupId, partyId);
      return undefined;
    },
  );

  return api;
}
