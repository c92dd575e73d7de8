import { useEffect, useState } from 'react';
import type { ErrorCode } from '../../shared/errors';
import type { MeetingStatus } from '../../shared/meetings';
import type { ConfidentialityChange } from '../../shared/confidentiality';
import type { EditRejected, JoinMeetingResult, PresenceEntry } from '../../shared/realtime/events';
import { createMeetingSocket } from './socket';

/** How many rejected-edit notices the room keeps; the newest is last. */
export const MAX_REJECTIONS = 5;
const JOIN_TIMEOUT_MS = 10_000;
const RETRY_MS = 5_000;

export interface MeetingRoomError {
  code: ErrorCode | 'network';
  message: string;
}

/**
 * The live meeting room as this client sees it.
 *
 * - `connection`: `connecting` until the server has let us into the room, `online` while we
 *   are in it, `offline` while disconnected or refused (then `error` says why).
 * - `error`: why the room is not available: `unauthenticated` (log in again), `forbidden`
 *   (readers never get the live memo), `not_found`, `network`, ...; null when all is well.
 *   It is cleared once the room is joined again.
 * - `status`, `presence`, `history`: the meeting's status, who is online (identity and role
 *   from the server) and the confidentiality changes, oldest first. Null / empty until the
 *   first successful join; kept while offline so the screen can show the last known state.
 *   (The memo's summary is computed from the local documents: useMemoSummary.ts.)
 * - `rejections`: the latest {@link MAX_REJECTIONS} edits of ours the server dropped, newest
 *   last.
 */
export interface MeetingRoomState {
  connection: 'connecting' | 'online' | 'offline';
  error: MeetingRoomError | null;
  status: MeetingStatus | null;
  presence: PresenceEntry[];
  history: ConfidentialityChange[];
  rejections: EditRejected[];
}

const INITIAL: MeetingRoomState = {
  connection: 'connecting',
  error: null,
  status: null,
  presence: [],
  history: [],
  rejections: [],
};

/** Codes after which rejoining cannot help until something else changes (login, membership). */
const FINAL_CODES: readonly string[] = ['unauthenticated', 'forbidden', 'not_found'];

function readError(error: Error & { data?: unknown }): MeetingRoomError {
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return typeof code === 'string'
    ? { code: code as ErrorCode, message: error.message }
    : { code: 'network', message: error.message };
}

/**
 * Join the live room of one meeting over Socket.io, and rejoin on every reconnect (the server
 * re-checks the session and membership each time). Leaves and disconnects on unmount.
 */
export function useMeetingRoom(meetingId: string): MeetingRoomState {
  // Keyed by meeting, so the state of a previous meeting never shows under a new one.
  const [state, setState] = useState<{ meetingId: string; room: MeetingRoomState } | null>(null);

  useEffect(() => {
    const socket = createMeetingSocket();
    // Acks can still arrive after cleanup; they must not overwrite the next meeting's state.
    let active = true;
    const update = (change: (room: MeetingRoomState) => Partial<MeetingRoomState>) => {
      if (!active) return;
      setState((current) => {
        const room = current?.meetingId === meetingId ? current.room : INITIAL;
        return { meetingId, room: { ...room, ...change(room) } };
      });
    };

    // Socket.io retries lost connections by itself, but not a refusal by the server's
    // middleware nor a failed join; for passing trouble (database down, busy) we start over.
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const retrySoon = () => {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.disconnect().connect(), RETRY_MS);
    };
    // Set once rejoining cannot help (see FINAL_CODES): the network's return must not rejoin.
    let stopped = false;
    const stop = () => {
      stopped = true;
      socket.disconnect();
    };

    // A dead network can leave a socket looking open for half a minute, with the people shown as
    // present long gone; the browser knows sooner. Back online, rejoin at once, not after
    // Socket.io's back-off, so that the room's status and its saving come back together.
    const goOffline = () => {
      clearTimeout(retryTimer);
      socket.disconnect();
      update(() => ({ connection: 'offline' }));
    };
    const goOnline = () => {
      if (!stopped && !socket.connected) socket.connect();
    };
    window.addEventListener('offline', goOffline);
    window.addEventListener('online', goOnline);

    const onJoined = (result: JoinMeetingResult) => {
      if (!result.ok) {
        update(() => ({ connection: 'offline', error: result.error }));
        if (FINAL_CODES.includes(result.error.code)) stop();
        else retrySoon();
        return;
      }
      const { room } = result;
      update(() => ({
        connection: 'online',
        error: null,
        status: room.status,
        presence: room.presence,
        history: room.confidentialityHistory,
      }));
    };

    socket.on('connect', () => {
      update(() => ({ connection: 'connecting' }));
      socket.timeout(JOIN_TIMEOUT_MS).emit('joinMeeting', meetingId, (timeout, result) => {
        if (timeout) {
          update(() => ({
            error: { code: 'unavailable', message: 'The server did not answer in time.' },
          }));
          retrySoon();
          return;
        }
        onJoined(result);
      });
    });
    socket.on('connect_error', (error) => {
      const reason = readError(error);
      update(() => ({ connection: 'offline', error: reason }));
      if (FINAL_CODES.includes(reason.code)) stopped = true;
      else if (!socket.active) retrySoon();
    });
    socket.on('disconnect', (reason) => {
      update(() => ({ connection: 'offline' }));
      // The server ended the connection (a session ended, or it is restarting): try once more,
      // and the server's answer (a connect or an `unauthenticated` refusal) says which.
      if (reason === 'io server disconnect') socket.connect();
    });

    socket.on('presence', (id, presence) => {
      if (id === meetingId) update(() => ({ presence }));
    });
    socket.on('meetingStatus', (id, status) => {
      if (id === meetingId) update(() => ({ status }));
    });
    socket.on('confidentialityChanged', (change) => {
      if (change.meetingId !== meetingId) return;
      update((room) => ({
        history: room.history.some((known) => known.id === change.id)
          ? room.history
          : [...room.history, change],
      }));
    });
    // Our role no longer lets us follow the live memo: the server took us out of the room.
    socket.on('meetingLeft', (id) => {
      if (id !== meetingId) return;
      update(() => ({
        connection: 'offline',
        error: { code: 'forbidden', message: 'Your role no longer gives access to this memo.' },
      }));
      stop();
    });
    socket.on('editRejected', (notice) => {
      if (notice.meetingId !== meetingId) return;
      update((room) => ({ rejections: [...room.rejections, notice].slice(-MAX_REJECTIONS) }));
    });

    if (navigator.onLine) socket.connect();
    else update(() => ({ connection: 'offline' }));
    return () => {
      active = false;
      clearTimeout(retryTimer);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      socket.removeAllListeners();
      if (socket.connected) socket.emit('leaveMeeting', meetingId);
      socket.disconnect();
    };
  }, [meetingId]);

  return state?.meetingId === meetingId ? state.room : INITIAL;
}
