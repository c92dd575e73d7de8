// Socket.io event maps for the meeting room, typed on both ends.
import type { ConfidentialityChange } from '../confidentiality';
import type { ErrorCode } from '../errors';
import type { MeetingStatus } from '../meetings';
import type { RejectReason } from '../memo/protocol';
import type { Role } from '../roles';
import type { ConsentNotice } from '../api/consent';

/** One person online in a meeting room; identity comes from the server-side session. */
export interface PresenceEntry {
  userId: string;
  name: string;
  role: Role;
  partyId: string | null;
  /** How many tabs or devices they have open. */
  connections: number;
}

/** Sent to the one client whose edit the collab server dropped. */
export interface EditRejected {
  meetingId: string;
  room: string;
  reason: RejectReason;
}

export interface MeetingRoomSnapshot {
  meetingId: string;
  status: MeetingStatus;
  presence: PresenceEntry[];
  confidentialityHistory: ConfidentialityChange[];
}

/** Sent to every member of a group when the chair approves a memo version; never memo text. */
export interface MemoDelivered {
  groupId: string;
  meetingId: string;
  version: number;
  meetingTitle: string;
  /**
   * True when the version was not newly approved but a declassification of it was released: the
   * receiver (a reader) may now read more of it. Absent for an approval.
   */
  declassified?: boolean;
}

/**
 * Sent to every member when a meeting's invitation, its update or its cancellation goes out
 * (issue 19): the meeting's title and time, never an agenda item.
 */
export interface MeetingInvited {
  groupId: string;
  meetingId: string;
  meetingTitle: string;
  startsAt: string;
  kind: 'invitation' | 'update' | 'cancellation';
}

/**
 * A follow-up this person owns (or their party does) is due soon or late (issue 19). No text: the
 * notice says only when, and links to "Omat jatkotoimet", where what they may read is shown.
 */
export interface FollowUpReminder {
  groupId: string;
  itemId: string;
  kind: 'soon' | 'overdue';
  /** `YYYY-MM-DD`. */
  due: string;
}

export type JoinMeetingResult =
  | { ok: true; room: MeetingRoomSnapshot }
  | { ok: false; error: { code: ErrorCode; message: string } };

export interface ServerToClientEvents {
  presence: (meetingId: string, presence: PresenceEntry[]) => void;
  meetingStatus: (meetingId: string, status: MeetingStatus) => void;
  confidentialityChanged: (change: ConfidentialityChange) => void;
  editRejected: (notice: EditRejected) => void;
  memoDelivered: (notice: MemoDelivered) => void;
  meetingInvited: (notice: MeetingInvited) => void;
  followUpReminder: (notice: FollowUpReminder) => void;
  /** A consent request awaits this user's party, changed, or was released (issue 5). */
  consentNotice: (notice: ConsentNotice) => void;
  /** A request's consent state changed: refetch it if shown. */
  consentChanged: (requestId: string) => void;
  /** A delegation of the approval to a vice-chair was made or ended: refetch who may approve. */
  approvalDelegationChanged: (groupId: string) => void;
  /**
   * The server took this socket out of a meeting room: the member's role changed (or they left
   * the group) and they may no longer follow the live memo.
   */
  meetingLeft: (meetingId: string, reason: 'access_changed') => void;
}

export interface ClientToServerEvents {
  joinMeeting: (meetingId: string, ack: (result: JoinMeetingResult) => void) => void;
  leaveMeeting: (meetingId: string) => void;
}

/** Where Socket.io listens, on the same server as the API. */
export const SOCKET_IO_PATH = '/socket.io';

/** Socket.io room names; one per meeting, one per user (for notices meant for one person). */
export const meetingRoom = (meetingId: string): string => `meeting:${meetingId}`;
export const userRoom = (userId: string): string => `user:${userId}`;
