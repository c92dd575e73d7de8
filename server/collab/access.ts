// Who may write which room: the permission table applied to a room and whether it is locked.
import type { CollabRoom } from '../../shared/memo/format';
import type { RejectReason, RoomAccess } from '../../shared/memo/protocol';
import { can, type Actor } from '../../shared/permissions';

export const WRITE_ACCESS: RoomAccess = { mode: 'write', reason: null };

/**
 * A locked room (an approved memo, a released statement) is read-only for everyone. Otherwise
 * negotiators write the memo room and statement rooms, and a party room is written only by that
 * party's representatives and deputies.
 */
export function roomAccess(room: CollabRoom, actor: Actor, locked: boolean): RoomAccess {
  if (locked) return { mode: 'read', reason: 'locked' };
  return mayWrite(room, actor) ? WRITE_ACCESS : { mode: 'read', reason: 'not_allowed' };
}

function mayWrite(room: CollabRoom, actor: Actor): boolean {
  switch (room.kind) {
    case 'memo':
      return can(actor, 'memo.edit');
    case 'party':
      return can(actor, 'stance.set', { partyId: room.partyId });
    case 'statement':
      return can(actor, 'statement.draft');
  }
}

/** The reason sent back with an update dropped because of `access`. */
export function rejectReasonFor(access: RoomAccess): RejectReason {
  return access.reason === 'locked' ? 'locked' : 'read_only';
}

export function sameAccess(a: RoomAccess, b: RoomAccess): boolean {
  return a.mode === b.mode && a.reason === b.reason;
}
