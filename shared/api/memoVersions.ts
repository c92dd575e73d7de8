// Response bodies of the approval, version, delivery and continuity routes (issue 4).
import type { OwnerRef } from '../memo/followUpOwner';
import type { CaseLink } from '../caseLinks';
import type { Audience, Confidentiality, ConfidentialityChange } from '../confidentiality';
import type { DocumentListing } from '../documents';
import type { MemoContent } from '../memo/content';
import type { MemoChange } from '../memo/diff';
import type { AttendanceStatus } from '../meetings';
import type { Role } from '../roles';

export interface PersonRef {
  id: string;
  name: string;
}

/** One approved version as listed: no content. */
export interface MemoVersionSummary {
  meetingId: string;
  version: number;
  approvedAt: string;
  approvedBy: PersonRef;
  /** A vice-chair approved it as acting chair, under a delegation from the chair (issue 19). */
  actingChair: boolean;
  /** SHA-256 (hex) of the canonical full content: identifies the version on every rendering. */
  hash: string;
}

/** A person who took part, as at approval: negotiators only (readers take no part). */
export interface MemoParticipant {
  name: string;
  role: Exclude<Role, 'reader' | 'admin'>;
  partyId: string | null;
  /**
   * Whether they attended, when recorded person by person (issue 19): `substituting` for a
   * deputy standing in for `for`, `substituted` for a representative `by` a deputy. Absent on
   * versions approved before, and for anyone not recorded.
   */
  attended?: ParticipantAttendance;
}

export type ParticipantAttendance =
  | { status: 'present' | 'absent' }
  | { status: 'substituted'; by: string }
  | { status: 'substituting'; for: string };

/**
 * Where the meeting was held and who took part, frozen at approval beside the content (not part
 * of what the hash covers). Not confidential: every audience receives it.
 */
export interface MemoMeetingFacts {
  location: string;
  attendance: { partyId: string; status: AttendanceStatus }[];
  participants: MemoParticipant[];
}

/** One approved version, its content redacted by the server for `audience`. */
export interface MemoVersionView extends MemoVersionSummary {
  groupId: string;
  groupName: string;
  meetingTitle: string;
  meetingStartsAt: string;
  meetingFacts: MemoMeetingFacts;
  /** The documents on the table at approval, redacted for `audience`; absent before issue 19. */
  documents?: DocumentListing[];
  audience: Audience;
  content: MemoContent;
  /** The council case links of the items this audience receives, as frozen at approval. */
  caseLinks: { agendaItemId: string; link: CaseLink }[];
  /** The newest approved version of this meeting. */
  latestVersion: number;
}

/** A meeting's approval history: versions and reopenings, oldest first. */
export interface MemoHistory {
  meetingId: string;
  status: 'open' | 'approved';
  versions: MemoVersionSummary[];
  reopenings: { afterVersion: number; at: string; by: PersonRef; reason: string }[];
}

/** What the chair is shown before approving. Only `blockers` stop the approval. */
export type DraftFinding =
  | { kind: 'dissentWithoutReason'; sectionId: string; sectionTitle: string; partyId: string }
  | {
      kind: 'stanceNotStated';
      sectionId: string;
      sectionTitle: string;
      agreedPointId: string;
      /** The point's first words, for finding it. */
      excerpt: string;
      partyIds: string[];
    }
  | { kind: 'emptySection'; sectionId: string; sectionTitle: string }
  | { kind: 'confidentialityLowered'; change: ConfidentialityChange }
  | { kind: 'dissentWithoutParty'; sectionId: string; sectionTitle: string };

export interface ApprovalCheck {
  meetingId: string;
  /** The version an approval now would create. */
  nextVersion: number;
  /** SHA-256 of the draft as it stands; sent back with the approval to approve exactly this. */
  draftHash: string;
  warnings: DraftFinding[];
  blockers: DraftFinding[];
  /** The caller would approve as acting chair, under a delegation in force (issue 19). */
  actingChair: boolean;
}

export interface VersionComparison {
  meetingId: string;
  from: number;
  to: number;
  audience: Audience;
  changes: MemoChange[];
}

/** A reader's (or any member's) first opening of a version. */
export interface ReadReceiptRow {
  userId: string;
  name: string;
  role: Role;
  partyId: string | null;
  /** Version number → first opened (ISO time); a missing version was not opened. */
  opened: Record<string, string>;
}

export interface ReadReceipts {
  meetingId: string;
  versions: number[];
  rows: ReadReceiptRow[];
}

/** An approved memo in a group's list, newest first. */
export interface ApprovedMemoListItem {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
  latest: MemoVersionSummary;
  /** False until the caller has opened the latest version. */
  read: boolean;
}

/**
 * A tracked item's status (issue 19): avoin, työn alla, viety valmisteluun (with the council case
 * it went to), valmis, ei toteuteta (with the reason). A dissent is only open or done.
 */
export const TRACKED_ITEM_STATUSES = [
  'open',
  'inProgress',
  'inPreparation',
  'done',
  'notDone',
] as const;
export type TrackedItemStatus = (typeof TRACKED_ITEM_STATUSES)[number];
export const DISSENT_STATUSES: readonly TrackedItemStatus[] = ['open', 'done'];
/** Statuses that leave nothing to do: the item is no longer carried into later meetings. */
export const FINISHED_STATUSES: readonly TrackedItemStatus[] = ['done', 'notDone'];

/** One status change as the item's history shows it, oldest first. */
export interface TrackedStatusChange {
  status: TrackedItemStatus;
  at: string;
  by: PersonRef;
  /** The council case a follow-up went to ("viety valmisteluun"), else null. */
  caseLink: CaseLink | null;
  /** Why it will not be done ("ei toteuteta"), else null. */
  reason: string | null;
}

/** A follow-up or a dissent from an approved memo, tracked across meetings. */
export interface TrackedItem {
  id: string;
  kind: 'followUp' | 'dissent';
  groupId: string;
  /** The meeting whose approved memo it came from. */
  meetingId: string;
  meetingTitle: string;
  version: number;
  sectionTitle: string;
  text: string;
  /** The owner's name as the memo wrote it. */
  owner: string;
  /** The member or party who owns it, when the memo picked one from the group. */
  ownerRef: OwnerRef | null;
  /** `YYYY-MM-DD` or empty. */
  due: string;
  partyId: string | null;
  confidentiality: Confidentiality;
  /** The council case its agenda item cites, where the caller may see that item; else null. */
  caseLink: CaseLink | null;
  status: TrackedItemStatus;
  statusChangedAt: string | null;
  statusChangedBy: PersonRef | null;
  /** The current status's case link ("viety valmisteluun") or reason ("ei toteuteta"). */
  statusCaseLink: CaseLink | null;
  statusReason: string | null;
  /** Every status change, oldest first (the current status is the last one's). */
  history: TrackedStatusChange[];
}

/** A follow-up in "Omat jatkotoimet": the item, its group, and whether it is late. */
export interface MyFollowUp extends TrackedItem {
  groupName: string;
  /** Past its due date (in Finland) and not finished. */
  overdue: boolean;
}

/** What a reader may see of a tracked item above their level: only that it exists. */
export interface WithheldTrackedItem {
  id: string;
  withheld: true;
}
