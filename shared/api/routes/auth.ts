import { defineRoutes, empty, json } from '../contract';
import { MeSchema } from '../responses';
import { LoginRequest } from '../schemas';

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
});
