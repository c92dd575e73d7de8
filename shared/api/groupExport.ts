// The group export's format (`GET /api/groups/:groupId/export.zip`): the JSON files inside the
// zip. Field names are part of the format (documented in docs/group-export.md): add fields, never
// rename or remove them without raising GROUP_EXPORT_FORMAT_VERSION.
import type { PersonAttendance } from '../attendance';
import type { CaseLink } from '../caseLinks';
import type { AuditExport } from '../audit';
import type { Audience, Confidentiality } from '../confidentiality';
import type { ConsentAnswer } from '../consent';
import type { ReviewOutcome } from '../continuity';
import type { AgendaItem, AttendanceStatus, MeetingStatus, RedactedAgendaItem } from '../meetings';
import type { MemoContent } from '../memo/content';
import type { DeclassificationTarget } from '../memo/declassification';
import type { Role } from '../roles';
import type { StatementContent } from '../statements/content';
import type { TrackedItem, TrackedItemStatus } from './memoVersions';

export const GROUP_EXPORT_FORMAT = 'neuvottelu-group-export';
export const GROUP_EXPORT_FORMAT_VERSION = 1;

/** A person named in the export: their id and their name at the time it was recorded. */
export interface ExportPerson {
  id: string;
  name: string;
}

/** `group.json`: everything about the group but the versions' content (see `ExportedVersion`). */
export interface GroupExport {
  format: typeof GROUP_EXPORT_FORMAT;
  formatVersion: typeof GROUP_EXPORT_FORMAT_VERSION;
  exportedAt: string;
  exportedBy: ExportPerson;
  /**
   * Whose edition this is: `negotiators` (confidential content included and marked with its
   * level) or `groups` (the readers' edition: confidential content withheld everywhere, and
   * nothing of the negotiation itself: no drafts, consent rounds, answers or reopening reasons).
   */
  audience: Audience;
  group: { id: string; name: string; municipality: string; createdAt: string };
  /** Every party the group ever had, ended ones with `endedAt`. */
  parties: ExportedParty[];
  members: ExportedMember[];
  /** Oldest first. */
  meetings: ExportedMeeting[];
  /** Follow-ups and dissents tracked across meetings, as far as the audience may read them. */
  trackedItems: ExportedTrackedItem[];
  /**
   * Joint statements, declassifications and publications put to the parties' consent. The
   * readers' edition lists only those every party consented to, without rounds or answers.
   */
  consentRequests: ExportedConsentRequest[];
}

export interface ExportedParty {
  id: string;
  name: string;
  shortName: string;
  colour: string;
  createdAt: string;
  endedAt: string | null;
}

export interface ExportedMember {
  userId: string;
  name: string;
  /** Only when the requester sees emails in the member administration; else absent. */
  email?: string;
  role: Role;
  partyId: string | null;
  joinedAt: string;
}

export interface ExportedMeeting {
  id: string;
  title: string;
  startsAt: string;
  location: string;
  videoLink: string;
  councilMeetingDate: string;
  status: MeetingStatus;
  /** Items above the audience's level are `{ id, redacted: true }`. */
  agenda: (AgendaItem | RedactedAgendaItem)[];
  attendance: { partyId: string; status: AttendanceStatus }[];
  /** Who attended, person by person (user ids of `members`), with substitutions (issue 19). */
  people: PersonAttendance[];
  /** The previous approved memo this meeting reviewed. */
  review: { meetingId: string; version: number } | null;
  /**
   * What this meeting found when it reviewed the previous meeting's memo (issue 19): "reviewed"
   * or "reviewedWithCorrections" (that memo was then reopened for corrections); null until
   * recorded.
   */
  reviewOutcome: {
    reviewedMeetingId: string;
    outcome: ReviewOutcome;
    recordedBy: ExportPerson;
    recordedAt: string;
  } | null;
  /** Each reopening of an approved memo; `reason` only in the negotiators' edition. */
  reopenings: { afterVersion: number; by: ExportPerson; at: string; reason?: string }[];
  createdAt: string;
  updatedAt: string;
  /** The meeting's approved versions, oldest first. */
  versions: ExportedVersionSummary[];
}

export interface ExportedVersionSummary {
  version: number;
  approvedAt: string;
  approvedBy: ExportPerson;
  /** SHA-256 (hex) of the version's full content as stored at approval (never recomputed). */
  sha256: string;
  /** Paths inside the zip: the version's JSON (`ExportedVersion`) and its PDF. */
  files: { json: string; pdf: string };
}

/** `versions/<meeting>-v<n>.json`: one approved version with its content for this edition. */
export interface ExportedVersion {
  meetingId: string;
  meetingTitle: string;
  version: number;
  approvedAt: string;
  approvedBy: ExportPerson;
  sha256: string;
  audience: Audience;
  /**
   * The content as the audience may read it, declassifications applied (`docs/memo-format.md`):
   * sections, agreed points with every party's stance, follow-ups, dissents; withheld items are
   * markers.
   */
  content: MemoContent;
  /**
   * Negotiators' edition only: the exact canonical JSON stored at approval, whose UTF-8 bytes
   * `sha256` covers, so the checksum can be verified outside the product.
   */
  storedContent?: string;
  /** Declassifications every party consented to, in the order they apply. */
  declassifications: ExportedDeclassification[];
}

export interface ExportedDeclassification {
  requestId: string;
  releasedAt: string;
  target: DeclassificationTarget;
  from: Confidentiality;
  to: Confidentiality;
}

/** A tracked item as the API shows it, with its whole status history instead of the last change. */
export type ExportedTrackedItem = Pick<
  TrackedItem,
  | 'id'
  | 'kind'
  | 'meetingId'
  | 'version'
  | 'sectionTitle'
  | 'text'
  | 'owner'
  | 'due'
  | 'partyId'
  | 'confidentiality'
  | 'status'
> & {
  /** Every change; since issue 19 with the case a follow-up went to or why it is not done. */
  statusHistory: {
    status: TrackedItemStatus;
    by: ExportPerson;
    at: string;
    caseLink?: CaseLink | null;
    reason?: string | null;
  }[];
};

export interface ExportedConsentRequest {
  id: string;
  kind: 'statement' | 'declassification' | 'publication';
  title: string;
  meetingId: string | null;
  createdBy: ExportPerson;
  createdAt: string;
  deadline: string | null;
  /** Declassifications: the version, target and levels; publications: the version. */
  declassification: {
    version: number;
    versionSha256: string;
    target: DeclassificationTarget;
    from: Confidentiality;
    to: Confidentiality;
  } | null;
  publication: { version: number; versionSha256: string } | null;
  /** Negotiators' edition only: every round with the parties it asked and how it ended. */
  rounds?: ExportedConsentRound[];
  /** Negotiators' edition only: every answer in stored order. */
  answers?: Omit<ConsentAnswer, 'requestId'>[];
  /** Set once every party of a round consented. A statement carries its frozen text. */
  release: {
    round: number;
    releasedAt: string;
    statement: { title: string; content: StatementContent; sha256: string } | null;
  } | null;
}

export interface ExportedConsentRound {
  round: number;
  cause: 'request' | 'parties_changed' | 'text_changed';
  at: string;
  by: ExportPerson | null;
  partyIds: string[] | null;
  withdrawn: string[];
  /** Statements: the exact text put to consent in this round and its SHA-256. */
  content: StatementContent | null;
  sha256: string | null;
  end: {
    cause: 'released' | 'edited' | 'parties_changed';
    at: string;
    by: ExportPerson | null;
    withdrawn: string[];
  } | null;
}

/** `audit.json` is the audit log's own export, `AuditExport`, unchanged. */
export type ExportedAuditLog = AuditExport;
