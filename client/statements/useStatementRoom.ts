// The live room of one joint statement (`<statementId>/statement`): the same RoomSync as the
// memo's rooms, so the offline copy, the save status and the server's access messages work alike.
import { useCallback, useSyncExternalStore } from 'react';
import { statementRoomName } from '../../shared/statements/format';
import { RoomSync, type RoomSnapshot } from '../memo/roomSync';
import { SharedConnections, useSharedConnection } from '../memo/sharedConnections';

const openRooms = new SharedConnections<RoomSync>();

/** The statement's room while the component is mounted; null until it is opened. */
export function useStatementRoom(statementId: string, userId: string): RoomSync | null {
  const open = useCallback(
    () => new RoomSync(statementRoomName(statementId), userId),
    [statementId, userId],
  );
  return useSharedConnection(openRooms, `${userId}|${statementId}`, open);
}

/** Connection, access and save status of the room, re-rendering on each change. */
export function useRoomSnapshot(room: RoomSync): RoomSnapshot {
  return useSyncExternalStore(room.subscribe, room.getSnapshot);
}
