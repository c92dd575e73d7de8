// The live room of one joint statement (`<statementId>/statement`): the same RoomSync as the
// memo's rooms, so the offline copy, the save status and the server's access messages work alike.
import { useCallback, useSyncExternalStore } from 'react';
import { statementRoomName } from '../../shared/statement/format';
import { RoomSync, type RoomSnapshot } from '../memo/roomSync';

interface OpenRoom {
  room: RoomSync;
  users: number;
  closing: ReturnType<typeof setTimeout> | null;
}

// A connection, not React state: a remount (or StrictMode's double mount) keeps the same one,
// and it closes a moment after the last screen lets go.
const openRooms = new Map<string, OpenRoom>();

function acquire(key: string, open: () => RoomSync): void {
  const entry = openRooms.get(key);
  if (!entry) {
    openRooms.set(key, { room: open(), users: 1, closing: null });
    return;
  }
  entry.users += 1;
  if (entry.closing !== null) clearTimeout(entry.closing);
  entry.closing = null;
}

function release(key: string): void {
  const entry = openRooms.get(key);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  entry.closing = setTimeout(() => {
    openRooms.delete(key);
    entry.room.destroy();
  }, 0);
}

/** The statement's room while the component is mounted; null until it is opened. */
export function useStatementRoom(statementId: string, userId: string): RoomSync | null {
  const key = `${userId}|${statementId}`;
  const subscribe = useCallback(() => {
    acquire(key, () => new RoomSync(statementRoomName(statementId), userId));
    return () => release(key);
  }, [key, statementId, userId]);
  return useSyncExternalStore(subscribe, () => openRooms.get(key)?.room ?? null);
}

/** Connection, access and save status of the room, re-rendering on each change. */
export function useRoomSnapshot(room: RoomSync): RoomSnapshot {
  return useSyncExternalStore(room.subscribe, room.getSnapshot);
}
