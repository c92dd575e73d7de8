// Socket.io event maps for the meeting room, typed on both ends.
import type { Confidentiality } from '../confidentiality';
import type { ErrorCode } from '../errors';
import type { MeetingStatus } from '../meetings';
import type { MemoSummary } from '../memo/summary';
import type { RejectReason } from '../memo/protocol';
import type { Role } from '../roles';

/** One person online in a meeting room; identity comes from the server-side session. */
export interface PresenceEntry {
  userId: string;
  name: string;
  role: Role;
  partyId: string | null;
  /** How many tabs or devices they have open. */
  connections: number;
}

/** A change of a block's or section's confidentiality level, as recorded by the server. */
export interface ConfidentialityChange {
  id: string;
  meetingId: string;
  /** The section, block or dissent whose level changed. */
  targetId: string;
  targetKind: 'section' | 'notes' | 'agreedPoint' | 'followUp' | 'dissent';
  excerpt: string;
  from: Confidentiality;
  to: Confidentiality;
  /** True when the change opens the content to a wider audience. */
  lowered: boolean;
  userId: string;
  userName: string;
  partyId: string | null;
  at: string;
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
  summary: MemoSummary;
  confidentialityHistory: ConfidentialityChange[];
}

/** Sent to every member of a group when the chair approves a memo version; never memo text. */
export interface MemoDelivered {
  groupId: string;
  meetingId: string;
  version: number;
  meetingTitle: string;
}

export type JoinMeetingResult =
  | { ok: true; room: MeetingRoomSnapshot }
  | { ok: false; error: { code: ErrorCode; message: string } };

export interface ServerToClientEvents {
  presence: (meetingId: string, presence: PresenceEntry[]) => void;
  meetingStatus: (meetingId: string, status: MeetingStatus) => void;
  memoSummary: (meetingId: string, summary: MemoSummary) => void;
  confidentialityChanged: (change: ConfidentialityChange) => void;
  editRejected: (notice: EditRejected) => void;
  memoDelivered: (notice: MemoDelivered) => void;
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
