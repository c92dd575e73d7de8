import type {
  CreatedInvitation,
  Invitation,
  InvitationPreview,
  Me,
  Member,
} from '../shared/api/types';
import type { MailOutbox } from '../shared/api/mail';
import type {
  AcceptInvitationRequest,
  ChangeMeetingStatusRequest,
  ChangePasswordRequest,
  CreateInvitationRequest,
  CreateMeetingRequest,
  CreatePartyRequest,
  LoginRequest,
  SetAttendanceRequest,
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
import { groupRoutes } from '../shared/api/routes/groups';
import { meetingRoutes } from '../shared/api/routes/meetings';
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
/** @deprecated Use `call` with a route of shared/api/routes. */
export async function request<T>(
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

export const segment = encodeURIComponent;
export const groupPath = (groupId: string) => `/api/groups/${segment(groupId)}`;

/** Every endpoint of the HTTP API the client uses, typed with the shared DTOs. */
export const api = {
  login: (body: LoginRequest) => request<Me>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout'),
  me: (signal?: AbortSignal) => request<Me>('GET', '/api/me', undefined, signal),
  updateMe: (body: UpdateProfileRequest) => request<Me>('PATCH', '/api/me', body),
  changePassword: (body: ChangePasswordRequest) => request<void>('POST', '/api/me/password', body),

  previewInvitation: (token: string, signal?: AbortSignal) =>
    request<InvitationPreview>('POST', '/api/invitations/preview', { token }, signal),
  acceptInvitation: (body: AcceptInvitationRequest) =>
    request<Me>('POST', '/api/invitations/accept', body),

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
    request<Member[]>('GET', `${groupPath(groupId)}/members`, undefined, signal),
  updateMember: (groupId: string, userId: string, body: UpdateMemberRequest) =>
    request<Member>('PATCH', `${groupPath(groupId)}/members/${segment(userId)}`, body),
  removeMember: (groupId: string, userId: string) =>
    request<void>('DELETE', `${groupPath(groupId)}/members/${segment(userId)}`),

  invitations: (groupId: string, signal?: AbortSignal) =>
    request<Invitation[]>('GET', `${groupPath(groupId)}/invitations`, undefined, signal),
  createInvitation: (groupId: string, body: CreateInvitationRequest) =>
    request<CreatedInvitation>('POST', `${groupPath(groupId)}/invitations`, body),
  revokeInvitation: (groupId: string, invitationId: string) =>
    request<void>('DELETE', `${groupPath(groupId)}/invitations/${segment(invitationId)}`),

  mail: (groupId: string, signal?: AbortSignal) =>
    request<MailOutbox>('GET', `${groupPath(groupId)}/mail`, undefined, signal),
  retryMail: (groupId: string, messageId: string) =>
    request<MailOutbox>('POST', `${groupPath(groupId)}/mail/${segment(messageId)}/retry`),

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
};

/** True when `error` is an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: (ErrorCode | 'network')[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}
