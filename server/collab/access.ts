// Who may write which room: the permission table applied to a room and whether it is locked.
import type { CollabRoom } from '../../shared/memo/format';
import type { RejectReason, RoomAccess } from '../../shared/memo/protocol';
import type { Actor } from '../../shared/permissions';
import { roomKind } from './kinds';
import type { WriterContext } from './kinds/types';

export const WRITE_ACCESS: RoomAccess = { mode: 'write', reason: null };

/**
 * A locked room (an approved memo, a released statement) is read-only for everyone. Otherwise
 * the room's kind asks the permission table (kinds/): negotiators write the memo room and
 * statement rooms, and a party room is written only by that party's representatives and deputies.
 */
export function roomAccess(
  room: CollabRoom,
  actor: Actor,
  locked: boolean,
  writer?: WriterContext,
): RoomAccess {
  if (locked) return { mode: 'read', reason: 'locked' };
  return roomKind(room).mayWrite(room, actor, writer)
    ? WRITE_ACCESS
    : { mode: 'read', reason: 'not_allowed' };
}

/** The reason sent back with an update dropped because of `access`. */
export function rejectReasonFor(access: RoomAccess): RejectReason {
  return access.reason === 'locked' ? 'locked' : 'read_only';
}

export function sameAccess(a: RoomAccess, b: RoomAccess): boolean {
  return a.mode === b.mode && a.reason === b.reason;
}
