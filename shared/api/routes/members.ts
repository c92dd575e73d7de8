import { z } from 'zod';
import { defineRoutes, empty, json } from '../contract';
import { MemberSchema } from '../responses';
import { UpdateMemberRequest } from '../schemas';

export const memberRoutes = defineRoutes('members', {
  listMembers: {
    method: 'get',
    path: '/groups/:groupId/members',
    summary: 'Members and roles',
    response: json(z.array(MemberSchema)),
  },
  updateMember: {
    method: 'patch',
    path: '/groups/:groupId/members/:userId',
    summary: 'Change a member’s role or party',
    body: UpdateMemberRequest,
    response: json(MemberSchema),
  },
  removeMember: {
    method: 'delete',
    path: '/groups/:groupId/members/:userId',
    summary: 'Remove a member from the group',
    status: 204,
    response: empty,
  },
});
