import { defineRoutes, json } from '../contract';
import { GroupSchema, PartyRemovalSchema, PartySchema } from '../responses';
import { CreatePartyRequest, UpdateGroupRequest, UpdatePartyRequest } from '../schemas';

export const groupRoutes = defineRoutes('groups', {
  getGroup: {
    method: 'get',
    path: '/groups/:groupId',
    summary: 'A group and its parties',
    response: json(GroupSchema),
  },
  updateGroup: {
    method: 'patch',
    path: '/groups/:groupId',
    summary: 'Rename a group',
    body: UpdateGroupRequest,
    response: json(GroupSchema),
  },
  createParty: {
    method: 'post',
    path: '/groups/:groupId/parties',
    summary: 'Add a party (open consent rounds start over with it)',
    body: CreatePartyRequest,
    response: json(PartySchema),
  },
  updateParty: {
    method: 'patch',
    path: '/groups/:groupId/parties/:partyId',
    summary: 'Change a party',
    body: UpdatePartyRequest,
    response: json(PartySchema),
  },
  deleteParty: {
    method: 'delete',
    path: '/groups/:groupId/parties/:partyId',
    summary:
      'Remove a party that has no members: ended if it has history (kept, counted no more), else deleted',
    status: 200,
    response: json(PartyRemovalSchema),
  },
});
