// The live memo's WebSocket endpoint: y-websocket's protocol on /collab/<room>, with the server
// as the one peer that authenticates, validates, stores and only then relays.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { isMeetingLocked } from '../../shared/meetings';
import { roomName } from '../../shared/memo/format';
import { MAX_COLLAB_MESSAGE_BYTES } from '../../shared/memo/protocol';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import type { MeetingEvent } from '../realtime/bus';
import { CLOSE_INTERNAL_ERROR, Connection } from './connection';
import { CollabLiveRights } from './liveRights';
import { keepRoomsInStep } from './instanceSync';
import { CollabQuotas, type QuotaAdmission } from './quotas';
import { RoomRegistry } from './roomRegistry';
import { admit, refuseUpgrade, type AdmittedConnection } from './upgrade';

export interface CollabServer {
  /** Answer an HTTP upgrade on /collab/<room>: authenticate, authorise, then speak y-websocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Store what is pending, compact, and close every connection. */
  close(): Promise<void>;
  /** What /metrics reports of the rooms this instance holds. */
  stats(): { rooms: number; connections: number; unsavedUpdates: number };
}

const HEARTBEAT_MS = 10_000;

export function createCollabServer(ctx: AppContext): CollabServer {
  const { logger } = ctx;
  const idleMs = ctx.config.collabIdleMs;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_COLLAB_MESSAGE_BYTES,
    // Inflating every frame is CPU a garbage sender would get for free; Yjs updates are compact.
    perMessageDeflate: false,
  });
  const rights = new CollabLiveRights({ repos: ctx.repos, sessions: ctx.sessions, logger });
  const quotas = new CollabQuotas(ctx.config.collabQuotas);
  const registry = new RoomRegistry(
    {
      repos: ctx.repos,
      events: ctx.events,
      pubsub: ctx.pubsub,
      audit: ctx.audit,
      logger,
      metrics: ctx.metrics,
      compactEvery: ctx.config.collabCompactEvery,
      quotas: ctx.config.collabQuotas,
      confirmRights: (connections) => rights.confirm(connections),
    },
    idleMs,
  );
  const inStep = keepRoomsInStep(ctx.pubsub, () => registry.all());
  let closing = false;

  // A throw inside a timer would take the process down: these log instead.
  const every = (ms: number, what: string, task: () => void) => {
    const timer = setInterval(() => {
      try {
        task();
      } catch (error) {
        logger.error({ err: error }, `collab ${what} failed`);
      }
    }, ms);
    timer.unref();
    return timer;
  };
  const sweeper = every(Math.min(Math.max(idleMs / 2, 100), 10_000), 'idle sweep', () =>
    registry.sweep(),
  );
  const heartbeat = every(HEARTBEAT_MS, 'heartbeat', () => {
    for (const room of registry.all()) {
      room.heartbeat();
      // A message from another instance that Redis dropped without a disconnect: the room
      // would only notice at the next one, so it looks at the store now and then as well.
      if (ctx.pubsub.shared) room.readOtherInstances();
    }
    quotas.sweep();
  });
  const rightsSweep = every(ctx.config.rightsSweepMs, 'rights sweep', () => {
    rights
      .sweep()
      .catch((error: unknown) => logger.error({ err: error }, 'collab rights sweep failed'));
  });

  // Events can come from another instance (the bus is the pub/sub seam), so they carry ids only.
  const unsubscribe = ctx.events.subscribe((event: MeetingEvent) => {
    switch (event.type) {
      case 'meetingStatus':
        for (const room of registry.roomsOfMeeting(event.meetingId))
          room.setLocked(isMeetingLocked(event.status));
        return;
      case 'consentReleased':
        // Every party consented to these words: nobody changes them any more.
        registry.roomOfStatement(event.requestId)?.setLocked(true);
        return;
      case 'statementLock':
        // Put to consent (locked) or taken back for editing (open again).
        registry.roomOfStatement(event.statementId)?.setLocked(event.locked);
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
      case 'speakingChanged': {
        // Attendance or the rule on deputies changed: party rooms decide their writers anew.
        const rooms = (
          event.meetingId === null
            ? registry.all().filter((room) => room.subject.groupId === event.groupId)
            : registry.roomsOfMeeting(event.meetingId)
        ).filter((room) => room.kind.followsAttendance);
        for (const room of rooms)
          room
            .rereadSubject()
            .catch((error: unknown) =>
              logger.error({ err: error, room: room.name }, 'collab subject re-read failed'),
            );
        return;
      }
      case 'memoDelivered':
      case 'meetingInvited':
      case 'followUpReminder':
      case 'confidentialityChanged':
      case 'editRejected':
      case 'consentNotice':
      case 'consentChanged':
      case 'approvalDelegationChanged':
        // Nothing for a live room: approving (and delegating it) never goes through collab.
        return;
    }
  });

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    // A client that hangs up mid-check must not take the process down with an unhandled error.
    socket.on('error', (error) => logger.debug({ err: error }, 'collab upgrade socket error'));
    if (closing) return refuseUpgrade(socket, new AppError('unavailable', 'Shutting down.'));
    let admitted: AdmittedConnection;
    try {
      admitted = await admit(ctx, req);
    } catch (error) {
      if (error instanceof AppError) return refuseUpgrade(socket, error);
      logger.error({ err: error }, 'collab upgrade check failed');
      return refuseUpgrade(socket, new AppError('unavailable', 'Try again shortly.'));
    }
    if (closing) return refuseUpgrade(socket, new AppError('unavailable', 'Shutting down.'));
    if (socket.destroyed) return;
    let quota: QuotaAdmission;
    try {
      quota = quotas.admit(admitted.identity.sessionHash, roomName(admitted.room));
    } catch (error) {
      return refuseUpgrade(socket, error as AppError);
    }
    // A handshake that ws refuses never reaches the callback: the slot is freed with the socket.
    socket.once('close', quota.release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection({
        ws,
        transport: socket,
        identity: admitted.identity,
        actor: { role: admitted.membership.role, partyId: admitted.membership.partyId },
        groupId: admitted.subject.groupId,
        access: admitted.access,
        budgets: quota.budgets,
        logger,
        onGone: (gone) => {
          rights.untrack(gone);
          quota.release();
        },
      });
      rights.track(connection);
      registry
        .acquire(admitted.room, admitted.subject)
        .then((room) => room.join(connection))
        .catch((error: unknown) => {
          logger.error({ err: error }, 'collab room could not be opened');
          connection.close(CLOSE_INTERNAL_ERROR, 'room unavailable');
        });
    });
  }

  return {
    handleUpgrade(req, socket, head) {
      upgrade(req, socket, head).catch((error: unknown) => {
        logger.error({ err: error }, 'collab upgrade failed');
        socket.destroy();
      });
    },

    stats() {
      const rooms = registry.all();
      return {
        rooms: rooms.length,
        connections: rooms.reduce((sum, room) => sum + room.connections.size, 0),
        unsavedUpdates: rooms.reduce((sum, room) => sum + room.unsavedUpdates, 0),
      };
    },

    async close() {
      closing = true;
      unsubscribe();
      inStep.stop();
      clearInterval(sweeper);
      clearInterval(heartbeat);
      clearInterval(rightsSweep);
      await registry.closeAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
