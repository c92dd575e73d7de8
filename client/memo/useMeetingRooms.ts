import { useCallback, useSyncExternalStore } from 'react';
import { MeetingRooms, type RoomsSnapshot } from './meetingRooms';

interface OpenRooms {
  rooms: MeetingRooms;
  users: number;
  closing: ReturnType<typeof setTimeout> | null;
}

// Rooms are connections, not React state: opened by the first screen that needs them and
// closed a moment after the last one lets go, so a remount (or StrictMode's double mount)
// keeps the same connections instead of opening them twice.
const openRooms = new Map<string, OpenRooms>();

function acquire(key: string, open: () => MeetingRooms): void {
  const entry = openRooms.get(key);
  if (!entry) {
    openRooms.set(key, { rooms: open(), users: 1, closing: null });
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
    entry.rooms.destroy();
  }, 0);
}

/** The meeting's rooms while the component is mounted; null until they are opened. */
export function useMeetingRooms(
  meetingId: string,
  partyIds: readonly string[],
  userId: string,
): MeetingRooms | null {
  const partyKey = partyIds.join(',');
  const key = `${userId}|${meetingId}|${partyKey}`;
  const subscribe = useCallback(() => {
    acquire(key, () => new MeetingRooms(meetingId, partyKey ? partyKey.split(',') : [], userId));
    return () => release(key);
  }, [key, meetingId, partyKey, userId]);
  return useSyncExternalStore(subscribe, () => openRooms.get(key)?.rooms ?? null);
}

/** Connection, access and save status of every room, re-rendering on each change. */
export function useRoomsSnapshot(rooms: MeetingRooms): RoomsSnapshot {
  return useSyncExternalStore(rooms.subscribe, rooms.getSnapshot);
}
