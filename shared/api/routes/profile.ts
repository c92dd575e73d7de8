import { defineRoutes, empty, json } from '../contract';
import { MeSchema } from '../responses';
import { ChangePasswordRequest, UpdateProfileRequest } from '../schemas';

export const profileRoutes = defineRoutes('profile', {
  getMe: {
    method: 'get',
    path: '/me',
    summary: 'The logged-in user and their groups',
    response: json(MeSchema),
  },
  updateMe: {
    method: 'patch',
    path: '/me',
    summary: 'Change own name or language',
    body: UpdateProfileRequest,
    response: json(MeSchema),
  },
  changePassword: {
    method: 'post',
    path: '/me/password',
    summary: 'Change own password; other sessions end',
    body: ChangePasswordRequest,
    status: 204,
    response: empty,
  },
});
