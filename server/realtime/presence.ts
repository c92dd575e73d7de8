import { meetingRoom, type PresenceEntry } from '../../shared/realtime/events';
import { ROLES } from '../../shared/roles';
import type { RealtimeIo, SocketData } from './types';

/** Group connections by person; stable order: role, party, name. */
export function presenceOf(meetingId: string, sockets: readonly { data: SocketData }[]) {
  const byUser = new Map<string, PresenceEntry>();
  for (const { data } of sockets) {
    const membership = data.meetings[meetingId];
    if (!membership) continue;
    const entry = byUser.get(data.userId);
    if (entry) {
      entry.connections += 1;
      continue;
    }
    byUser.set(data.userId, {
      userId: data.userId,
      name: data.name,
      role: membership.role,
      partyId: membership.partyId,
      connections: 1,
    });
  }
  return [...byUser.values()].sort(
    (a, b) =>
      ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
      (a.partyId ?? '').localeCompare(b.partyId ?? '') ||
      a.name.localeCompare(b.name) ||
      a.userId.localeCompare(b.userId),
  );
}

/**
 * Who is in the meeting room. Computed from the room's sockets on every instance (through the
 * adapter), so no process keeps presence state that another would need. When the other instances
 * cannot be asked (Redis down) the room still works: presence then lists this instance's sockets.
 */
export async function currentPresence(io: RealtimeIo, meetingId: string) {
  const room = meetingRoom(meetingId);
  const sockets = await io
    .in(room)
    .fetchSockets()
    .catch(() => io.local.in(room).fetchSockets());
  return presenceOf(meetingId, sockets);
}

/** Tell everyone in the meeting room, on every instance, who is in it now. */
export async function broadcastPresence(io: RealtimeIo, meetingId: string): Promise<void> {
  const presence = await currentPresence(io, meetingId);
  io.to(meetingRoom(meetingId)).emit('presence', meetingId, presence);
}
