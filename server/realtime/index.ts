// Socket.io for the meeting room: presence, status, confidentiality changes and notices.
// The memo itself travels over y-websocket (server/collab); this side never carries memo edits.
import type http from 'node:http';
import { Server } from 'socket.io';
import { meetingRoom, SOCKET_IO_PATH, userRoom } from '../../shared/realtime/events';
import type { AppContext } from '../context';
import { connectError, originGate, sessionGate } from './auth';
import type { MeetingEvent } from './bus';
import { RealtimeLiveRights } from './liveRights';
import { registerMeetingHandlers } from './meetingHandlers';
import { limitPackets } from './packetLimits';
import type { SocketIoRedis } from './redisAdapter';
import type { RealtimeIo } from './types';

export interface RealtimeServer {
  close(): Promise<void>;
  /** Open Socket.io connections on this instance (/metrics). */
  connections(): number;
}

/** Clients send room joins and consent answers (reasons up to 4000 characters): anything
 * near this size is hostile. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Socket.io sockets a session may hold on one instance (a tab holds one or two). */
const MAX_SOCKETS_PER_SESSION = 20;

export function attachRealtime(
  server: http.Server,
  ctx: AppContext,
  /** Several instances: rooms and presence span them all through Redis. */
  redis?: SocketIoRedis,
): RealtimeServer {
  const io: RealtimeIo = new Server(server, {
    ...(redis && { adapter: redis.adapter }),
    path: SOCKET_IO_PATH,
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // server/server.ts routes the other upgrade paths (/collab, 404) itself.
    destroyUpgrade: false,
    allowRequest: originGate(ctx),
  });
  const rights = new RealtimeLiveRights(io, ctx);
  io.use(sessionGate(ctx));
  io.use((socket, next) => {
    const { userId, sessionHash } = socket.data;
    if (rights.socketsOfSession(userId, sessionHash) >= MAX_SOCKETS_PER_SESSION)
      return next(connectError('rate_limited', 'Too many connections for this session.'));
    next();
  });

  io.on('connection', (socket) => {
    ctx.logger.debug({ userId: socket.data.userId }, 'socket.io connected');
    rights.track(socket);
    limitPackets(socket, ctx.logger);
    // Every connection of a user is reachable for notices and session ends, joined or not.
    Promise.resolve(socket.join(userRoom(socket.data.userId))).catch((error: unknown) =>
      ctx.logger.error({ err: error }, 'socket.io join failed'),
    );
    registerMeetingHandlers(io, socket, ctx);
  });

  // Every instance hears every bus event and serves only its own sockets (io.local), so that
  // with several instances each client still gets each event exactly once.
  function onEvent(event: MeetingEvent) {
    switch (event.type) {
      case 'meetingStatus':
        io.local
          .to(meetingRoom(event.meetingId))
          .emit('meetingStatus', event.meetingId, event.status);
        return;
      case 'confidentialityChanged':
        io.local
          .to(meetingRoom(event.change.meetingId))
          .emit('confidentialityChanged', event.change);
        return;
      case 'editRejected':
        io.local.to(userRoom(event.userId)).emit('editRejected', event.notice);
        return;
      case 'memoDelivered':
        for (const userId of event.userIds)
          io.local.to(userRoom(userId)).emit('memoDelivered', event.notice);
        return;
      case 'meetingInvited':
        for (const userId of event.userIds)
          io.local.to(userRoom(userId)).emit('meetingInvited', event.notice);
        return;
      case 'followUpReminder':
        for (const userId of event.userIds)
          io.local.to(userRoom(userId)).emit('followUpReminder', event.notice);
        return;
      case 'consentNotice':
        for (const userId of event.userIds)
          io.local.to(userRoom(userId)).emit('consentNotice', event.notice);
        return;
      case 'consentChanged':
        for (const userId of event.userIds)
          io.local.to(userRoom(userId)).emit('consentChanged', event.requestId);
        return;
      case 'approvalDelegationChanged':
        for (const userId of event.userIds)
          io.local.to(userRoom(userId)).emit('approvalDelegationChanged', event.groupId);
        return;
      case 'consentReleased':
      case 'statementLock':
      case 'speakingChanged':
        // The collab server locks the room; clients hear of the change through consentChanged.
        return;
      case 'sessionEnded':
        rights.sessionsEnded(event.userId, (hash) => hash === event.sessionHash);
        return;
      case 'otherSessionsEnded':
        rights.sessionsEnded(event.userId, (hash) => hash !== event.keptSessionHash);
        return;
      case 'membershipChanged':
        rights.membershipChanged(event);
        return;
    }
  }
  const unsubscribe = ctx.events.subscribe(onEvent);
  const sweep = setInterval(() => {
    rights
      .sweep()
      .catch((error: unknown) => ctx.logger.error({ err: error }, 'socket.io rights sweep failed'));
  }, ctx.config.rightsSweepMs);
  sweep.unref();

  return {
    connections: () => io.engine.clientsCount,

    async close() {
      unsubscribe();
      clearInterval(sweep);
      // Not io.close(): it also closes the HTTP server, which server.ts closes itself once the
      // collab server has stored what is pending. Closing the transports (rather than sending
      // a disconnect) lets clients reconnect on their own when the server is back.
      io.engine.close();
      await io.of('/').adapter.close();
      await redis?.close();
    },
  };
}
