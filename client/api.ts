import type {
  AcceptInvitationRequest,
  ChangeMeetingStatusRequest,
  ChangePasswordRequest,
  CreateInvitationRequest,
  CreateMeetingRequest,
  CreatePartyRequest,
  LoginRequest,
  RequestPasswordResetRequest,
  ResetPasswordRequest,
  SetAttendanceRequest,
  SetPeopleAttendanceRequest,
  UpdateGroupRequest,
  UpdateMeetingRequest,
  UpdateMemberRequest,
  UpdatePartyRequest,
  UpdateProfileRequest,
} from '../shared/api/schemas';
import {
  urlOf,
  type BodyOf,
  type PathParams,
  type QueryOf,
  type ResponseOf,
  type RouteSpec,
} from '../shared/api/contract';
import { authRoutes } from '../shared/api/routes/auth';
import { groupRoutes } from '../shared/api/routes/groups';
import { invitationRoutes } from '../shared/api/routes/invitations';
import { mailRoutes } from '../shared/api/routes/mail';
import { meetingRoutes } from '../shared/api/routes/meetings';
import { memberRoutes } from '../shared/api/routes/members';
import { profileRoutes } from '../shared/api/routes/profile';
import type { z } from 'zod';
import { CSRF_HEADER, ERROR_CODES, type ErrorBody, type ErrorCode } from '../shared/errors';

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Any failed API call: the server's error code, or `network` when no response arrived. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server answers 401, so the session can send the person to /login. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Params<S extends RouteSpec> = keyof PathParams<S['path']> extends never
  ? { params?: never }
  : { params: PathParams<S['path']> };
type Payload<S extends RouteSpec> = S['body'] extends z.ZodType
  ? { body: BodyOf<S> }
  : { body?: never };
type Query<S extends RouteSpec> = S['query'] extends z.ZodType
  ? { query?: QueryOf<S> }
  : { query?: never };
/** What a call of route `S` needs: its path parameters, its body and any query. */
export type CallArgs<S extends RouteSpec> = Params<S> & Payload<S> & Query<S>;

/** Call a JSON route of the shared contract: its URL, body and answer are typed from `route`. */
export function call<S extends RouteSpec>(
  route: S,
  args: CallArgs<S>,
  signal?: AbortSignal,
): Promise<ResponseOf<S>> {
  return request<ResponseOf<S>>(
    route.method.toUpperCase() as Method,
    urlOf(route, args.params, args.query),
    args.body,
    signal,
  );
}

/** The link to a route the browser opens itself (a file or page), e.g. for `<a href>`. */
export function linkTo<S extends RouteSpec>(route: S, args: Omit<CallArgs<S>, 'body'>): string {
  return urlOf(route, args.params, args.query);
}

/** One API call: JSON in and out, CSRF header on writes, typed errors. */
async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers[CSRF_HEADER] = '1';
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', error instanceof Error ? error.message : 'Network error');
  }
  if (response.status === 401) unauthenticatedListeners.forEach((listener) => listener());
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as Partial<ErrorBody> | null;
  const error = body?.error;
  if (error && (ERROR_CODES as readonly string[]).includes(error.code)) {
    return new ApiError(response.status, error.code, error.message, error.details ?? []);
  }
  // A proxy or crash page instead of our JSON: classify by status alone.
  const code: ErrorCode =
    response.status === 429
      ? 'rate_limited'
      : response.status >= 500
        ? 'unavailable'
        : 'bad_request';
  return new ApiError(response.status, code, response.statusText);
}

/** Every endpoint of the HTTP API the client uses; URLs and answers typed from the contract. */
export const api = {
  login: (body: LoginRequest) => call(authRoutes.login, { body }),
  logout: () => call(authRoutes.logout, {}),
  requestPasswordReset: (body: RequestPasswordResetRequest) =>
    call(authRoutes.requestPasswordReset, { body }),
  resetPassword: (body: ResetPasswordRequest) => call(authRoutes.resetPassword, { body }),
  me: (signal?: AbortSignal) => call(profileRoutes.getMe, {}, signal),
  updateMe: (body: UpdateProfileRequest) => call(profileRoutes.updateMe, { body }),
  changePassword: (body: ChangePasswordRequest) => call(profileRoutes.changePassword, { body }),
  calendarFeed: (signal?: AbortSignal) => call(profileRoutes.getCalendarFeed, {}, signal),
  renewCalendarFeed: () => call(profileRoutes.renewCalendarFeed, {}),

  previewInvitation: (token: string, signal?: AbortSignal) =>
    call(invitationRoutes.previewInvitation, { body: { token } }, signal),
  acceptInvitation: (body: AcceptInvitationRequest) =>
    call(invitationRoutes.acceptInvitation, { body }),

  group: (groupId: string, signal?: AbortSignal) =>
    call(groupRoutes.getGroup, { params: { groupId } }, signal),
  updateGroup: (groupId: string, body: UpdateGroupRequest) =>
    call(groupRoutes.updateGroup, { params: { groupId }, body }),

  createParty: (groupId: string, body: CreatePartyRequest) =>
    call(groupRoutes.createParty, { params: { groupId }, body }),
  updateParty: (groupId: string, partyId: string, body: UpdatePartyRequest) =>
    call(groupRoutes.updateParty, { params: { groupId, partyId }, body }),
  /** Deleted when it has no history; otherwise ended (kept for history, counted no more). */
  deleteParty: (groupId: string, partyId: string) =>
    call(groupRoutes.deleteParty, { params: { groupId, partyId } }),

  members: (groupId: string, signal?: AbortSignal) =>
    call(memberRoutes.listMembers, { params: { groupId } }, signal),
  updateMember: (groupId: string, userId: string, body: UpdateMemberRequest) =>
    call(memberRoutes.updateMember, { params: { groupId, userId }, body }),
  removeMember: (groupId: string, userId: string) =>
    call(memberRoutes.removeMember, { params: { groupId, userId } }),

  invitations: (groupId: string, signal?: AbortSignal) =>
    call(invitationRoutes.listInvitations, { params: { groupId } }, signal),
  createInvitation: (groupId: string, body: CreateInvitationRequest) =>
    call(invitationRoutes.createInvitation, { params: { groupId }, body }),
  revokeInvitation: (groupId: string, invitationId: string) =>
    call(invitationRoutes.revokeInvitation, { params: { groupId, invitationId } }),

  mail: (groupId: string, signal?: AbortSignal) =>
    call(mailRoutes.getMailOutbox, { params: { groupId } }, signal),
  retryMail: (groupId: string, messageId: string) =>
    call(mailRoutes.retryMail, { params: { groupId, messageId } }),

  meetings: (groupId: string, signal?: AbortSignal) =>
    call(meetingRoutes.listMeetings, { params: { groupId } }, signal),
  createMeeting: (groupId: string, body: CreateMeetingRequest) =>
    call(meetingRoutes.createMeeting, { params: { groupId }, body }),
  meeting: (meetingId: string, signal?: AbortSignal) =>
    call(meetingRoutes.getMeeting, { params: { meetingId } }, signal),
  updateMeeting: (meetingId: string, body: UpdateMeetingRequest) =>
    call(meetingRoutes.updateMeeting, { params: { meetingId }, body }),
  changeMeetingStatus: (meetingId: string, body: ChangeMeetingStatusRequest) =>
    call(meetingRoutes.changeMeetingStatus, { params: { meetingId }, body }),
  setAttendance: (meetingId: string, body: SetAttendanceRequest) =>
    call(meetingRoutes.setAttendance, { params: { meetingId }, body }),
  setPeopleAttendance: (meetingId: string, body: SetPeopleAttendanceRequest) =>
    call(meetingRoutes.setPeopleAttendance, { params: { meetingId }, body }),
  sendInvitation: (meetingId: string) =>
    call(meetingRoutes.sendInvitation, { params: { meetingId } }),
};

/** True when `error` is an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: (ErrorCode | 'network')[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}
