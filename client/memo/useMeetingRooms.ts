import { useCallback, useSyncExternalStore } from 'react';
import { MeetingRooms, type RoomsSnapshot } from './meetingRooms';
import { SharedConnections, useSharedConnection } from './sharedConnections';

const openRooms = new SharedConnections<MeetingRooms>();

/** The meeting's rooms while the component is mounted; null until they are opened. */
export function useMeetingRooms(
  meetingId: string,
  partyIds: readonly string[],
  userId: string,
): MeetingRooms | null {
  const partyKey = partyIds.join(',');
  const open = useCallback(
    () => new MeetingRooms(meetingId, partyKey ? partyKey.split(',') : [], userId),
    [meetingId, partyKey, userId],
  );
  return useSharedConnection(openRooms, `${userId}|${meetingId}|${partyKey}`, open);
}

/** Connection, access and save status of every room, re-rendering on each change. */
export function useRoomsSnapshot(rooms: MeetingRooms): RoomsSnapshot {
  return useSyncExternalStore(rooms.subscribe, rooms.getSnapshot);
}
