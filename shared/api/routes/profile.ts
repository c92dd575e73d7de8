import { defineRoutes, empty, json } from '../contract';
import { CalendarFeedSchema, MeSchema } from '../responses';
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
  getCalendarFeed: {
    method: 'get',
    path: '/me/calendar-feed',
    summary: 'Whether the user has a private calendar feed address, and since when',
    response: json(CalendarFeedSchema),
  },
  renewCalendarFeed: {
    method: 'post',
    path: '/me/calendar-feed',
    summary: 'Make a new private calendar feed address (shown once); the old one stops working',
    status: 200,
    response: json(CalendarFeedSchema),
  },
});
