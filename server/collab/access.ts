// Who may write which room: the permission table applied to a room and the meeting's status.
import type { MeetingStatus } from '../../shared/meetings';
import type { MemoRoom } from '../../shared/memo/format';
import type { RejectReason, RoomAccess } from '../../shared/memo/protocol';
import { can, type Actor } from '../../shared/permissions';

export const WRITE_ACCESS: RoomAccess = { mode: 'write', reason: null };

/**
 * An approved memo is locked for everyone. Otherwise negotiators write the memo room, and a
 * party room is written only by that party's representatives and deputies.
 */
export function roomAccess(room: MemoRoom, actor: Actor, status: MeetingStatus): RoomAccess {
  if (status === 'approved') return { mode: 'read', reason: 'locked' };
  const allowed =
    room.kind === 'memo'
      ? can(actor, 'memo.edit')
      : can(actor, 'stance.set', { partyId: room.partyId });
  return allowed ? WRITE_ACCESS : { mode: 'read', reason: 'not_allowed' };
}

/** The reason sent back with an update dropped because of `access`. */
export function rejectReasonFor(access: RoomAccess): RejectReason {
  return access.reason === 'locked' ? 'locked' : 'read_only';
}

export function sameAccess(a: RoomAccess, b: RoomAccess): boolean {
  return a.mode === b.mode && a.reason === b.reason;
}
