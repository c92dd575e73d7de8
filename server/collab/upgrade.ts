// Who may open a collab socket, decided before the WebSocket handshake: nobody without a
// session, nothing from foreign pages, nothing for readers. Refusals are plain HTTP answers.
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MembershipDoc } from '../db/schema';
import { parseRoomName, type CollabRoom } from '../../shared/memo/format';
import { can } from '../../shared/permissions';
import type { RoomAccess } from '../../shared/memo/protocol';
import { COLLAB_PATH } from '../../shared/memo/protocol';
import type { AppContext } from '../context';
import { forbidden, notFound, unauthenticated, type AppError } from '../errors';
import { isOwnOrigin } from '../http/origin';
import { roomAccess } from './access';
import { NEUTRAL_COLOUR } from './awareness';
import type { ConnectionIdentity } from './connection';
import { roomKind } from './kinds';
import type { RoomSubject } from './roomSubject';

export interface AdmittedConnection {
  room: CollabRoom;
  /** The meeting or statement the room belongs to, as read for this upgrade. */
  subject: RoomSubject;
  membership: MembershipDoc;
  identity: ConnectionIdentity;
  access: RoomAccess;
}

/** The room in the upgrade URL: the path after `/collab/`, query string ignored. */
export function roomFromUrl(url: string | undefined): CollabRoom | null {
  const path = (url ?? '').split('?')[0] ?? '';
  const prefix = `${COLLAB_PATH}/`;
  return path.startsWith(prefix) ? parseRoomName(path.slice(prefix.length)) : null;
}

/**
 * Check one upgrade request. Throws an AppError for a refusal: 403 for a foreign Origin, 401
 * without a valid session, 404 for a room that does not exist (an unknown meeting, party or
 * statement) or belongs to another group, 403 for members who are not negotiators.
 */
export async function admit(ctx: AppContext, req: IncomingMessage): Promise<AdmittedConnection> {
  if (!isOwnOrigin(req, [ctx.publicUrl()])) throw forbidden('Cross-site WebSocket refused.');
  const auth = await ctx.sessions.authenticate(req.headers.cookie);
  if (!auth) throw unauthenticated();
  const room = roomFromUrl(req.url);
  if (!room) throw notFound('Room');
  const kind = roomKind(room);
  const subject = await kind.readSubject(ctx.repos, room);
  if (!subject) throw notFound(kind.subjectName);
  const groupId = subject.groupId;
  const [missing, membership] = await Promise.all([
    kind.missingPart?.(ctx.repos.groups, room, groupId) ?? null,
    ctx.repos.memberships.find(groupId, auth.user._id),
  ]);
  if (missing) throw notFound(missing);
  // Another group's room answers like one that does not exist: ids reveal nothing.
  if (!membership) throw notFound(kind.subjectName);
  // Readers never receive the live document; they read the approved memo (or the released
  // statement) later.
  if (!can(membership, 'group.negotiate')) throw forbidden('Only negotiators edit the live text.');
  const ownParty = membership.partyId
    ? await ctx.repos.groups.findParty(groupId, membership.partyId)
    : null;
  return {
    room,
    subject,
    membership,
    identity: {
      id: auth.user._id,
      name: auth.user.name,
      partyId: membership.partyId,
      role: membership.role,
      colour: ownParty?.colour ?? NEUTRAL_COLOUR,
      sessionHash: auth.sessionHash,
      sessionExpiresAt: auth.expiresAt,
    },
    access: roomAccess(room, membership, subject.locked, { userId: auth.user._id, subject }),
  };
}

/** Answer a refused upgrade with a status line, `Connection: close` and the API's error body. */
export function refuseUpgrade(socket: Duplex, error: AppError): void {
  const body = JSON.stringify(error.toBody());
  const status = error.status;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      (error.retryAfterSeconds ? `Retry-After: ${error.retryAfterSeconds}\r\n` : '') +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
