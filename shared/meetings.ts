import type { CaseLink } from './caseLinks';
import { isVisibleTo, type Audience, type Confidentiality } from './confidentiality';

/**
 * A meeting's lifecycle; `approved` is reached only through the chair's approval of the memo.
 * `cancelled` ("peruttu", issue 19) is off the path: a meeting that will not be held.
 */
export const MEETING_STATUSES = [
  'planned',
  'in_progress',
  'drafting',
  'approved',
  'cancelled',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** The stages a held meeting goes through, in order (the stage indicator's steps). */
export const MEETING_STAGES = ['planned', 'in_progress', 'drafting', 'approved'] as const;

/** Status changes an organiser may make by hand. Cancelling is last: it is never "moving on". */
export const MANUAL_STATUS_TRANSITIONS: Record<MeetingStatus, readonly MeetingStatus[]> = {
  planned: ['in_progress', 'cancelled'],
  in_progress: ['planned', 'drafting', 'cancelled'],
  drafting: ['in_progress'],
  approved: [],
  cancelled: [],
};

/**
 * Whether nothing of the meeting changes any more: its memo is approved, or it was cancelled.
 * The live memo refuses every write then, on every channel.
 */
export function isMeetingLocked(status: MeetingStatus): boolean {
  return status === 'approved' || status === 'cancelled';
}

/** Whether an organiser may move a meeting from `from` to `to`. */
export function canTransition(from: MeetingStatus, to: MeetingStatus): boolean {
  return MANUAL_STATUS_TRANSITIONS[from].includes(to);
}

export const ATTENDANCE_STATUSES = ['unknown', 'present', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export interface AgendaItem {
  id: string;
  title: string;
  description: string;
  confidentiality: Confidentiality;
  /** The council's own item, when the agenda item is one; withheld with the item. */
  caseLink?: CaseLink;
}

/** What a reader sees in place of an agenda item they may not read: nothing but its place. */
export interface RedactedAgendaItem {
  id: string;
  redacted: true;
}

/** Replace each agenda item the audience may not see with a marker that reveals nothing of it. */
export function redactAgenda(
  agenda: readonly AgendaItem[],
  audience: Audience,
): (AgendaItem | RedactedAgendaItem)[] {
  return agenda.map((item) =>
    isVisibleTo(item.confidentiality, audience) ? item : { id: item.id, redacted: true },
  );
}
