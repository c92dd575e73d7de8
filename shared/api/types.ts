import type { DeputiesSpeak, PersonAttendance } from '../attendance';
import type { Confidentiality } from '../confidentiality';
import type { ReviewOutcome } from '../continuity';
import type { Locale } from '../locales';
import type { AgendaItem, AttendanceStatus, MeetingStatus, RedactedAgendaItem } from '../meetings';
import type { Role } from '../roles';
import type { EmailOutcome, EmailPreference } from './mail';
import type { TrackedItem, WithheldTrackedItem } from './memoVersions';

// Response bodies of the HTTP API, shared so the client reads exactly what the server writes.

export interface MembershipSummary {
  groupId: string;
  groupName: string;
  role: Role;
  partyId: string | null;
}

export interface Me {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  /** How much email the user wants (issue 19). */
  emailPreference: EmailPreference;
  memberships: MembershipSummary[];
}

export interface Party {
  id: string;
  groupId: string;
  name: string;
  shortName: string;
  colour: string;
  /** When the party was ended (kept for history, counted no more); null while active. */
  endedAt: string | null;
  /** The party's deputies in order, 1st first (user ids); deputies not named come after. */
  deputyOrder: string[];
}

/** `DELETE /api/groups/:id/parties/:partyId`: a party with history is ended, not deleted. */
export interface PartyRemoval {
  outcome: 'deleted' | 'ended';
  party: Party;
  /** Open consent rounds that counted the party and started over without it. */
  restartedRounds: number;
}

export interface Group {
  id: string;
  name: string;
  municipality: string;
  /** The active parties: who counts for consent, has a live memo room and may get members. */
  parties: Party[];
  /** Ended parties, kept so that history (answers, audit entries, follow-ups) names them. */
  endedParties: Party[];
  /** The caller's own membership in this group. */
  myRole: Role;
  myPartyId: string | null;
  /** When deputies speak for their party: always, or only while substituting (issue 19). */
  deputiesSpeak: DeputiesSpeak;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  partyId: string | null;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  partyId: string | null;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'expired' | 'revoked';
}

/** Returned once, to the inviter, when an invitation is made. */
export interface CreatedInvitation extends Invitation {
  link: string;
  /** What became of the invitation email, so the inviter knows whether to pass the link on. */
  emailStatus: EmailOutcome;
}

export interface InvitationPreview {
  groupName: string;
  email: string;
  role: Role;
  partyName: string | null;
  /** True when an account already exists for the email; then no name or password is asked. */
  accountExists: boolean;
}

export interface PartyAttendance {
  partyId: string;
  status: AttendanceStatus;
}

export interface Meeting extends MeetingContinuity {
  id: string;
  groupId: string;
  title: string;
  startsAt: string;
  location: string;
  videoLink: string;
  councilMeetingDate: string;
  status: MeetingStatus;
  agenda: (AgendaItem | RedactedAgendaItem)[];
  attendance: PartyAttendance[];
  /** Who attends, person by person, with substitutions (issue 19); empty until recorded. */
  people: PersonAttendance[];
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** The newest invitation sent for the meeting (issue 19); null when none was sent. */
  invitation?: MeetingInvitationStatus | null;
}

/** What of a meeting changed since its invitation was sent. */
export const INVITATION_CHANGES = ['title', 'time', 'place', 'agenda'] as const;
export type InvitationChange = (typeof INVITATION_CHANGES)[number];

/** "Kutsu lähetetty 3.12. klo 14.05 (esityslistan versio 4)", and what moved on since. */
export interface MeetingInvitationStatus {
  /** 0 for the invitation, then one more for each update sent (the .ics SEQUENCE). */
  sequence: number;
  kind: 'invitation' | 'update' | 'cancellation';
  /** The meeting's revision (its agenda's version) that was sent. */
  revision: number;
  sentAt: string;
  sentByName: string;
  /** Empty when the invitation still says what the meeting is. */
  changedSince: InvitationChange[];
}

/** The answer to "Lähetä kokouskutsu": `sent` false when nothing changed since the last one. */
export interface SendInvitationResult {
  sent: boolean;
  invitation: MeetingInvitationStatus;
}

/** The user's private calendar feed: the address is shown only when it is made. */
export interface CalendarFeed {
  /** When the current address was made; null when there is none. */
  createdAt: string | null;
  /** The address itself, only in the answer that made it. */
  url?: string;
}

/** Continuity from the previous approved memo, set when the meeting was created after one. */
export interface MeetingContinuity {
  /** The approved memo version this meeting reviews. */
  review: { meetingId: string; version: number; meetingTitle: string } | null;
  /** Follow-ups and dissents open when the meeting was created, with their status now. */
  carried: (TrackedItem | WithheldTrackedItem)[];
  /** The group's latest meeting dated before this one, approved or not: the one it reviews. */
  previousMeeting: PreviousMeeting | null;
  /** The outcome of reviewing `previousMeeting`'s memo, recorded at this meeting. */
  reviewOutcome: MemoReview | null;
  /** The outcome of reviewing this meeting's memo, recorded at a later meeting. */
  reviewedAt: MemoReview | null;
}

export interface MeetingRef {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
}

export interface PreviousMeeting extends MeetingRef {
  /** Its newest approved version; null while its memo is not approved. */
  approvedVersion: number | null;
}

/** One review of a memo: at which meeting, of which meeting, with what outcome, by whom. */
export interface MemoReview {
  outcome: ReviewOutcome;
  /** The later meeting, where the review took place. */
  at: MeetingRef;
  /** The earlier meeting whose memo was reviewed. */
  of: MeetingRef;
  recordedBy: string;
  recordedAt: string;
}

export interface MeetingSummary {
  id: string;
  title: string;
  startsAt: string;
  status: MeetingStatus;
  location: string;
  agendaItemCount: number;
}

export type { AgendaItem, RedactedAgendaItem, Confidentiality };
