import { defineRoutes, empty, json } from '../contract';
import { MeSchema } from '../responses';
import { LoginRequest, RequestPasswordResetRequest, ResetPasswordRequest } from '../schemas';

export const authRoutes = defineRoutes('auth', {
  login: {
    method: 'post',
    path: '/auth/login',
    summary: 'Log in with email and password',
    body: LoginRequest,
    status: 200,
    public: true,
    response: json(MeSchema),
  },
  logout: {
    method: 'post',
    path: '/auth/logout',
    summary: 'End the current session',
    status: 204,
    public: true,
    response: empty,
  },
  requestPasswordReset: {
    method: 'post',
    path: '/auth/password-reset/request',
    summary:
      'Email a one-time link to set a new password; answers 204 whether or not the account exists',
    body: RequestPasswordResetRequest,
    status: 204,
    public: true,
    response: empty,
  },
  resetPassword: {
    method: 'post',
    path: '/auth/password-reset/complete',
    summary: "Set a new password with a reset link's token; every session ends, a new one starts",
    body: ResetPasswordRequest,
    status: 200,
    public: true,
    response: json(MeSchema),
  },
});
