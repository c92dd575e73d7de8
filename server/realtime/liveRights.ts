// Rights follow the member at once on Socket.io (invariant 5): a socket in a meeting room gets the
// room's confidentiality changes (with excerpts), so when the member stops being a negotiator of that group it
// leaves the room at once (told with `meetingLeft`); a role or party change shows in presence; a
// session that ends or expires disconnects. The database is read again every few seconds for
// changes made behind the server's back or events lost between instances.
import { meetingRoom } from '../../shared/realtime/events';
import { can } from '../../shared/permissions';
import type { Role } from '../../shared/roles';
import type { AppContext } from '../context';
import type { MembershipChange } from './bus';
import { broadcastPresence } from './presence';
import type { RealtimeIo, RealtimeSocket } from './types';

/** setTimeout takes at most a signed 32-bit number of milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type Standing = { role: Role; partyId: string | null } | null;

export class RealtimeLiveRights {
  /** This instance's sockets by user: only sockets held here can be acted on here. */
  private readonly byUser = new Map<string, Set<RealtimeSocket>>();

  constructor(
    private readonly io: RealtimeIo,
    private readonly ctx: Pick<AppContext, 'repos' | 'sessions' | 'logger'>,
  ) {}

  /** Follow a connected socket until it disconnects; it is disconnected when its session expires. */
  track(socket: RealtimeSocket): void {
    const { userId, sessionExpiresAt } = socket.data;
    let sockets = this.byUser.get(userId);
    if (!sockets) {
      sockets = new Set();
      this.byUser.set(userId, sockets);
    }
    sockets.add(socket);
    const timer = setTimeout(
      () => socket.disconnect(true),
      Math.min(Math.max(sessionExpiresAt - Date.now(), 0), MAX_TIMER_MS),
    );
    timer.unref();
    socket.once('disconnect', () => {
      clearTimeout(timer);
      sockets.delete(socket);
      if (sockets.size === 0 && this.byUser.get(userId) === sockets) this.byUser.delete(userId);
    });
  }

  /** How many sockets a session holds on this instance. */
  socketsOfSession(userId: string, sessionHash: string): number {
    let count = 0;
    for (const socket of this.byUser.get(userId) ?? [])
      if (socket.data.sessionHash === sessionHash) count += 1;
    return count;
  }

  /** Disconnect the sessions that ended (logout, password change elsewhere). */
  sessionsEnded(userId: string, matches: (sessionHash: string) => boolean): void {
    for (const socket of [...(this.byUser.get(userId) ?? [])])
      if (matches(socket.data.sessionHash)) socket.disconnect(true);
  }

  /** Act on the event's facts at once, then on the stored membership (it wins if events raced). */
  membershipChanged(event: MembershipChange): void {
    const { groupId, userId, role, partyId } = event;
    if (!this.inGroup(userId, groupId)) return;
    this.apply(userId, groupId, role === null ? null : { role, partyId });
    this.recheck(userId, groupId).catch((error: unknown) =>
      this.ctx.logger.error({ err: error }, 'socket.io rights re-check failed'),
    );
  }

  /** Every few seconds: sessions still valid, memberships of joined meetings as stored. */
  async sweep(): Promise<void> {
    const sessions = new Map<string, RealtimeSocket[]>();
    const members = new Map<string, { userId: string; groupId: string }>();
    for (const sockets of this.byUser.values()) {
      for (const socket of sockets) {
        const { sessionHash, userId } = socket.data;
        sessions.set(sessionHash, [...(sessions.get(sessionHash) ?? []), socket]);
        for (const { groupId } of Object.values(socket.data.meetings))
          members.set(`${groupId}\n${userId}`, { userId, groupId });
      }
    }
    await Promise.all([
      ...[...sessions].map(async ([sessionHash, sockets]) => {
        if (await this.ctx.sessions.isValid(sessionHash)) return;
        for (const socket of sockets) socket.disconnect(true);
      }),
      ...[...members.values()].map(({ userId, groupId }) => this.recheck(userId, groupId)),
    ]);
  }

  private inGroup(userId: string, groupId: string): boolean {
    for (const socket of this.byUser.get(userId) ?? [])
      if (Object.values(socket.data.meetings).some((joined) => joined.groupId === groupId))
        return true;
    return false;
  }

  private async recheck(userId: string, groupId: string): Promise<void> {
    const membership = await this.ctx.repos.memberships.find(groupId, userId);
    this.apply(
      userId,
      groupId,
      membership ? { role: membership.role, partyId: membership.partyId } : null,
    );
  }

  private apply(userId: string, groupId: string, standing: Standing): void {
    const changed = new Set<string>();
    for (const socket of this.byUser.get(userId) ?? []) {
      for (const [meetingId, joined] of Object.entries(socket.data.meetings)) {
        if (joined.groupId !== groupId) continue;
        if (!standing || !can(standing, 'group.negotiate')) {
          // Nothing more of this meeting's live memo reaches them, excerpts included.
          delete socket.data.meetings[meetingId];
          Promise.resolve(socket.leave(meetingRoom(meetingId))).catch((error: unknown) =>
            this.ctx.logger.error({ err: error }, 'socket.io leave failed'),
          );
          socket.emit('meetingLeft', meetingId, 'access_changed');
          changed.add(meetingId);
        } else if (joined.role !== standing.role || joined.partyId !== standing.partyId) {
          socket.data.meetings[meetingId] = { ...joined, ...standing };
          changed.add(meetingId);
        }
      }
    }
    for (const meetingId of changed)
      broadcastPresence(this.io, meetingId).catch((error: unknown) =>
        this.ctx.logger.error({ err: error, meetingId }, 'socket.io presence update failed'),
      );
  }
}
