import type { ConsentNotice } from '../../shared/api/consent';
import type { FollowUpReminder, MeetingInvited, MemoDelivered } from '../../shared/realtime/events';
import { createMeetingSocket } from './socket';

const RETRY_MS = 15_000;
/** Refusals after which reconnecting cannot help until the person logs in again. */
const FINAL_CODES: readonly string[] = ['unauthenticated', 'forbidden'];

export interface UserNoticeHandlers {
  memoDelivered: (notice: MemoDelivered) => void;
  /** An invitation to a meeting, its update or its cancellation went out. */
  meetingInvited: (notice: MeetingInvited) => void;
  /** A follow-up this person or their party owns is due soon or late. */
  followUpReminder: (notice: FollowUpReminder) => void;
  /** A statement or declassification awaits this person's party, changed or was released. */
  consentNotice: (notice: ConsentNotice) => void;
  /** A request's consent state changed: screens showing it refetch it. */
  consentChanged: (requestId: string) => void;
  /** A group's delegations of approval changed (issue 19): who may approve is read again. */
  approvalDelegationChanged: (groupId: string) => void;
  /** Connected again after a loss: whatever changed meanwhile was not told. */
  reconnected: () => void;
}

/**
 * Listen, while logged in, to the notices the server sends to this person's own Socket.io room
 * (the server puts every authenticated connection there). Joins no meeting room. Returns the
 * function that disconnects.
 */
export function listenToUserNotices(handlers: UserNoticeHandlers): () => void {
  const socket = createMeetingSocket();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const retrySoon = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket.connect(), RETRY_MS);
  };

  socket.on('memoDelivered', (notice) => handlers.memoDelivered(notice));
  socket.on('meetingInvited', (notice) => handlers.meetingInvited(notice));
  socket.on('followUpReminder', (notice) => handlers.followUpReminder(notice));
  socket.on('consentNotice', (notice) => handlers.consentNotice(notice));
  socket.on('consentChanged', (requestId) => {
    if (typeof requestId === 'string') handlers.consentChanged(requestId);
  });
  socket.on('approvalDelegationChanged', (groupId) => {
    if (typeof groupId === 'string') handlers.approvalDelegationChanged(groupId);
  });
  let connectedBefore = false;
  socket.on('connect', () => {
    if (connectedBefore) handlers.reconnected();
    connectedBefore = true;
  });
  socket.on('connect_error', (error: Error & { data?: unknown }) => {
    const code = (error.data as { code?: unknown } | undefined)?.code;
    // Socket.io retries lost connections itself, but not a refusal by the server's middleware;
    // passing trouble (database down) is retried here, a missing session is not.
    if (!socket.active && !(typeof code === 'string' && FINAL_CODES.includes(code))) retrySoon();
  });
  socket.on('disconnect', (reason) => {
    // The server ended it (the session ended, or it restarts): ask once more, and the answer
    // (a connection, or an `unauthenticated` refusal) decides.
    if (reason === 'io server disconnect') socket.connect();
  });

  socket.connect();
  return () => {
    clearTimeout(retryTimer);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
