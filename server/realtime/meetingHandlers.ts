import { meetingAsMember } from '../auth/meetingMembership';
import { z } from 'zod';
import { meetingRoom, userRoom, type JoinMeetingResult } from '../../shared/realtime/events';
import { can } from '../../shared/permissions';
import type { AppContext } from '../context';
import { AppError, forbidden, notFound, toAppError, unauthenticated } from '../errors';
import { broadcastPresence, currentPresence } from './presence';
import type { RealtimeIo, RealtimeSocket } from './types';

const meetingIdSchema = z.uuid();
/** Each join reads the database: a client gets only a few at a time. */
const MAX_JOINS_IN_FLIGHT = 4;

/**
 * joinMeeting / leaveMeeting for one socket. Socket.io hands over whatever the client sent, so
 * every argument is `unknown` until checked, and no handler lets an error escape.
 */
export function registerMeetingHandlers(
  io: RealtimeIo,
  socket: RealtimeSocket,
  ctx: AppContext,
): void {
  let joinsInFlight = 0;

  async function join(meetingId: string): Promise<JoinMeetingResult | null> {
    // The session may have expired or ended since the handshake; the membership may be gone.
    const auth = await ctx.sessions.authenticate(socket.request.headers.cookie);
    if (!auth || auth.sessionHash !== socket.data.sessionHash) {
      socket.disconnect(true);
      throw unauthenticated();
    }
    socket.data.name = auth.user.name;
    const { meeting, membership } = await meetingAsMember(ctx.repos, meetingId, auth.user._id);
    // Readers never get the live memo or anything derived from it.
    if (!can(membership, 'group.negotiate'))
      throw forbidden('Only negotiators take part in the live memo.');

    const confidentialityHistory = await ctx.repos.confidentialityChanges.listForMeeting(meetingId);
    if (socket.disconnected) return null;
    socket.data.meetings[meetingId] = {
      role: membership.role,
      partyId: membership.partyId,
      groupId: meeting.groupId,
    };
    await socket.join([meetingRoom(meetingId), userRoom(auth.user._id)]);
    const presence = await currentPresence(io, meetingId);
    io.to(meetingRoom(meetingId)).emit('presence', meetingId, presence);
    return {
      ok: true,
      room: { meetingId, status: meeting.status, presence, confidentialityHistory },
    };
  }

  socket.on('joinMeeting', (meetingId: unknown, ack: unknown) => {
    const reply = (result: JoinMeetingResult) => {
      if (typeof ack === 'function') (ack as (result: JoinMeetingResult) => void)(result);
    };
    if (typeof meetingId !== 'string' || !meetingIdSchema.safeParse(meetingId).success) {
      return reply({ ok: false, error: notFound('Meeting').toBody().error });
    }
    if (joinsInFlight >= MAX_JOINS_IN_FLIGHT) {
      return reply({
        ok: false,
        error: { code: 'rate_limited', message: 'Too many joins at once; try again.' },
      });
    }
    joinsInFlight += 1;
    join(meetingId)
      .then(
        (result) => result && reply(result),
        (error: unknown) => {
          if (!(error instanceof AppError)) {
            ctx.logger.error({ err: error, meetingId }, 'socket.io joinMeeting failed');
          }
          const { code, message } = toAppError(error);
          reply({ ok: false, error: { code, message } });
        },
      )
      .finally(() => {
        joinsInFlight -= 1;
      });
  });

  socket.on('leaveMeeting', (meetingId: unknown) => {
    if (typeof meetingId !== 'string' || !Object.hasOwn(socket.data.meetings, meetingId)) return;
    delete socket.data.meetings[meetingId];
    Promise.resolve(socket.leave(meetingRoom(meetingId)))
      .then(() => broadcastPresence(io, meetingId))
      .catch((error: unknown) =>
        ctx.logger.error({ err: error, meetingId }, 'socket.io leaveMeeting failed'),
      );
  });

  // Broadcast once the socket has left its rooms, so the presence it sends no longer counts it.
  socket.on('disconnect', () => {
    for (const meetingId of Object.keys(socket.data.meetings)) {
      broadcastPresence(io, meetingId).catch((error: unknown) =>
        ctx.logger.error({ err: error, meetingId }, 'socket.io presence update failed'),
      );
    }
  });
}
