import { z } from 'zod';
import { defineRoutes, empty, json } from '../contract';
import {
  CreatedInvitationSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  MeSchema,
} from '../responses';
import {
  AcceptInvitationRequest,
  CreateInvitationRequest,
  InvitationPreviewRequest,
} from '../schemas';

export const invitationRoutes = defineRoutes('invitations', {
  listInvitations: {
    method: 'get',
    path: '/groups/:groupId/invitations',
    summary: 'Invitations of a group',
    response: json(z.array(InvitationSchema)),
  },
  createInvitation: {
    method: 'post',
    path: '/groups/:groupId/invitations',
    summary: 'Invite a person by email to a role',
    body: CreateInvitationRequest,
    response: json(CreatedInvitationSchema),
  },
  revokeInvitation: {
    method: 'delete',
    path: '/groups/:groupId/invitations/:invitationId',
    summary: 'Revoke a pending invitation',
    status: 204,
    response: empty,
  },
  previewInvitation: {
    method: 'post',
    path: '/invitations/preview',
    summary: 'What an invitation link offers',
    body: InvitationPreviewRequest,
    status: 200,
    public: true,
    response: json(InvitationPreviewSchema),
  },
  acceptInvitation: {
    method: 'post',
    path: '/invitations/accept',
    summary: 'Accept an invitation and log in',
    body: AcceptInvitationRequest,
    status: 200,
    public: true,
    response: json(MeSchema),
  },
});
