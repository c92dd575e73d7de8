import type { DeputiesSpeak, PersonAttendance } from '../../shared/attendance';
import type { EmailPreference, OutboxKind } from '../../shared/api/mail';
import type { AuditAction, AuditDetails, AuditTarget } from '../../shared/audit';
import type { MemoMeetingFacts, TrackedItemStatus } from '../../shared/api/memoVersions';
import type { Confidentiality } from '../../shared/confidentiality';
import type { TabledDocument } from '../../shared/documents';
import type { Locale } from '../../shared/locales';
import type { ReviewOutcome } from '../../shared/continuity';
import type { CaseLink, FrozenCaseLink } from '../../shared/caseLinks';
import type { OwnerRef } from '../../shared/memo/followUpOwner';
import type { AgendaItem, AttendanceStatus, MeetingStatus } from '../../shared/meetings';
import type { Role } from '../../shared/roles';
import type { DelegationScope } from '../../shared/actingChair';
import type { ConsentAnswer } from '../../shared/consent';
import type { DeclassificationTarget } from '../../shared/memo/declassification';
import type { StatementContent } from '../../shared/statements/content';

// Stored document shapes. Ids are UUID strings on both engines (no ObjectId), so an id means the
// same thing in the database, the API and the URL.

export interface UserDoc {
  _id: string;
  email: string;
  name: string;
  passwordHash: string;
  locale: Locale;
  createdAt: Date;
  /** Set by `npm run admin -- disable-user`: the account cannot log in and has no sessions. */
  disabledAt?: Date;
  /** How much email the user wants (issue 19); absent: everything. */
  emailPreference?: EmailPreference;
}

export interface GroupDoc {
  _id: string;
  name: string;
  municipality: string;
  createdAt: Date;
  /** When deputies speak for their party (issue 19); absent: always, as before. */
  deputiesSpeak?: DeputiesSpeak;
}

export interface PartyDoc {
  _id: string;
  groupId: string;
  name: string;
  shortName: string;
  colour: string;
  createdAt: Date;
  /**
   * Set when a party with history (members, stances, consent answers or rounds) is removed: it is
   * ended, not deleted, so history keeps its name; it no longer counts for new consent rounds and
   * gets no new members. Absent or null: the party is active.
   */
  endedAt?: Date | null;
  /** The party's deputies in order (user ids, 1st first; issue 19); absent: none set. */
  deputyOrder?: string[];
}

export interface MembershipDoc {
  _id: string;
  groupId: string;
  userId: string;
  role: Role;
  partyId: string | null;
  createdAt: Date;
}

export interface InvitationDoc {
  _id: string;
  groupId: string;
  email: string;
  role: Role;
  partyId: string | null;
  /** SHA-256 of the token: the token itself exists only in the link. */
  tokenHash: string;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * A one-time link to set a new password (issue 17), made by `npm run admin -- reset-password` or
 * asked for on the login screen. Only the newest unused, unexpired link of an account works; its
 * use is claimed by a unique-key insert (`claims`, `password-reset:<_id>`), so it works once.
 */
export interface PasswordResetDoc {
  _id: string;
  userId: string;
  /** SHA-256 of the token: the token itself exists only in the link. */
  tokenHash: string;
  /** Who made it: the admin CLI, or the person through "Forgot your password?" (emailed). */
  via: 'cli' | 'email';
  createdAt: Date;
  expiresAt: Date;
  /** Set after the one use that won the claim (what the claim decided, written down). */
  usedAt: Date | null;
}

export interface SessionDoc {
  /** SHA-256 of the cookie value, so a database read does not yield live sessions. */
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface MeetingDoc {
  _id: string;
  groupId: string;
  title: string;
  startsAt: Date;
  location: string;
  videoLink: string;
  councilMeetingDate: string;
  status: MeetingStatus;
  agenda: AgendaItem[];
  attendance: { partyId: string; status: AttendanceStatus }[];
  /**
   * Who attended, person by person, with substitutions (issue 19). A party with anyone here has
   * its `attendance` entry derived from them when they are recorded; absent: none recorded.
   */
  people?: PersonAttendance[];
  /** Bumped on every change; an edit from an older revision is refused as a conflict. */
  revision: number;
  /** The newest approved memo version (0: never approved). */
  memoVersion?: number;
  /** Set while the memo is approved: who approved which version. Cleared by a reopening. */
  approval?: {
    version: number;
    userId: string;
    userName: string;
    at: Date;
    /** The delegation under which a vice-chair approved as acting chair (issue 19). */
    delegationId?: string;
  } | null;
  /** Each reopening of an approved memo, oldest first. */
  reopenings?: MeetingReopening[];
  /** The previous approved memo this meeting reviews, when it was created after one. */
  review?: { meetingId: string; version: number } | null;
  /** Tracked items (open follow-ups and dissents) carried into this meeting when it was created. */
  carriedItemIds?: string[];
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface MeetingReopening {
  afterVersion: number;
  userId: string;
  userName: string;
  reason: string;
  at: Date;
}

/**
 * A document on an agenda item (issue 19). Its bytes are in the document store (GridFS, or
 * DATA_DIR/documents) under `_id`; this is written after they are stored and deleted before them.
 */
export interface DocumentDoc {
  _id: string;
  groupId: string;
  meetingId: string;
  agendaItemId: string;
  fileName: string;
  /** From the accepted types (shared/documents.ts), never the client's Content-Type. */
  mediaType: string;
  size: number;
  sha256: string;
  confidentiality: Confidentiality;
  uploadedBy: string;
  uploadedByName: string;
  uploadedAt: Date;
}

/**
 * One sending of a meeting's invitation (issue 19), `_id` = `<meetingId>#<sequence>`: the unique
 * insert decides which of two racing sends is sequence n. Sequence 0 is the invitation, each later
 * one an update (the .ics SEQUENCE), and a cancellation is the last.
 */
export interface MeetingInvitationDoc {
  _id: string;
  meetingId: string;
  groupId: string;
  sequence: number;
  kind: 'invitation' | 'update' | 'cancellation';
  /** The meeting's revision (and so the agenda's) that was sent. */
  revision: number;
  /** What was announced: a later send with the same facts would tell nobody anything new. */
  snapshot: MeetingInvitationSnapshot;
  sentAt: Date;
  sentBy: string;
  sentByName: string;
  members: number;
}

export interface MeetingInvitationSnapshot {
  title: string;
  startsAt: Date;
  location: string;
  /** SHA-256 of the agenda as stored: "changed since the invitation" without keeping a copy. */
  agendaHash: string;
  cancelled: boolean;
}

/**
 * A user's private calendar feed (issue 19), `_id` = the user id: only the SHA-256 of the feed's
 * token is stored, so the address is shown once; a new one replaces (revokes) the old.
 */
export interface CalendarFeedDoc {
  _id: string;
  tokenHash: string;
  createdAt: Date;
}

/** One immutable revision of a meeting; inserting revision n+1 is how an edit wins a race. */
export interface MeetingRevisionDoc {
  _id: string;
  meetingId: string;
  revision: number;
  state: Omit<MeetingDoc, '_id'>;
  at: Date;
}

/** A one-time claim (e.g. an invitation's use): the unique _id makes only the first insert succeed. */
export interface ClaimDoc {
  _id: string;
  at: Date;
}

/** The one chair seat of a group (`_id` = group id): taking it is how a chair assignment wins a race. */
export interface ChairSeatDoc {
  _id: string;
  holder: string;
  at: Date;
}

/** One counted attempt (e.g. a login) under a throttling key. */
export interface AttemptDoc {
  _id: string;
  key: string;
  at: Date;
  /** Set on what is remembered longer than the window (`RateLimitRepository.remember`). */
  keepUntil?: Date;
}

/**
 * One stored Yjs update of a collab room, in order. `_id` is `<room>#<seq, zero-padded>`, so the
 * unique _id decides which writer gets a sequence number: the log is totally ordered.
 */
export interface CollabUpdateDoc {
  _id: string;
  room: string;
  seq: number;
  /** A Yjs v1 update, base64 (both engines store strings alike); empty for a seal. */
  update: string;
  /**
   * Set on a seal: the entry an approval writes after the last update it froze. A writer that
   * loses the race for this number to a seal must refuse its batch (see RoomLog.append).
   */
  sealedFor?: { meetingId: string; version: number };
  at: Date;
}

/** A compacted room state covering every update up to and including `seq`. */
export interface CollabSnapshotDoc {
  _id: string;
  room: string;
  seq: number;
  /** Y.encodeStateAsUpdate of the room, base64: exactly the entries up to and including `seq`. */
  state: string;
  /**
   * The newest seal at or below `seq`: compaction deletes seal entries, and an instance whose
   * catch-up jumps over them to this snapshot must still learn of the approval (absent on
   * snapshots written before this field existed, read as none).
   */
  seal?: SnapshotSeal | null;
  at: Date;
}

/** A seal entry remembered by a snapshot that replaced it. */
export interface SnapshotSeal {
  seq: number;
  sealedFor: { meetingId: string; version: number };
}

/**
 * Who owns a Yjs client id in a room (`_id` = `<room>#<clientId>`): the user whose connection
 * first stored structs under it. A unique-key insert, so exactly one user ever owns it.
 */
export interface CollabClientDoc {
  _id: string;
  room: string;
  clientId: number;
  userId: string;
  at: Date;
}

/** One recorded change of a confidentiality level in a meeting's memo. */
export interface ConfidentialityChangeDoc {
  _id: string;
  meetingId: string;
  targetId: string;
  targetKind: 'section' | 'notes' | 'agreedPoint' | 'followUp' | 'dissent';
  excerpt: string;
  from: Confidentiality;
  to: Confidentiality;
  userId: string;
  userName: string;
  partyId: string | null;
  at: Date;
}

/**
 * An approved memo version (`_id` = `<meetingId>:<version, zero-padded>`, so only one approval
 * can create it). Never updated or deleted.
 */
export interface MemoVersionDoc {
  _id: string;
  meetingId: string;
  groupId: string;
  version: number;
  approvedBy: string;
  approvedByName: string;
  approvedAt: Date;
  /** Set when a vice-chair approved as acting chair: the delegation it was done under. */
  actingChairDelegationId?: string;
  /** canonicalMemoJson of the full content, exactly the bytes `hash` covers. */
  content: string;
  /** SHA-256 (hex) of `content` as UTF-8. */
  hash: string;
  /** Y.encodeStateAsUpdate of each room at the seal, base64: the memo room and each party room. */
  yjs: { memo: string; parties: { partyId: string; state: string }[] };
  /** Place, attendance and participants at approval; missing on versions approved before. */
  meetingFacts?: MemoMeetingFacts;
  /** The agenda's council case links at approval, each with its item's level; missing before. */
  caseLinks?: FrozenCaseLink[];
  /** The agenda documents on the table at approval (issue 19); missing on versions before. */
  documents?: TabledDocument[];
}

/** A member's first opening of a version (`_id` = `<meetingId>:<version>:<userId>`). */
export interface ReadReceiptDoc {
  _id: string;
  meetingId: string;
  groupId: string;
  version: number;
  userId: string;
  at: Date;
}

/**
 * One entry of a group's audit log (`_id` = `<groupId>:<seq, zero-padded>`, so two writers can
 * never both take number n and the chain cannot fork). Never updated or deleted.
 */
export interface AuditEntryDoc {
  _id: string;
  groupId: string;
  seq: number;
  at: Date;
  actor: { userId: string; name: string } | null;
  action: AuditAction;
  target: AuditTarget;
  details: AuditDetails;
  /** The previous entry's hash (64 zeros for the first entry). */
  prevHash: string;
  /** SHA-256 (hex) of prevHash followed by the canonical JSON of this entry's fields. */
  hash: string;
}

/**
 * A follow-up or dissent of an approved memo, tracked across meetings (`_id` =
 * `<meetingId>:<TrackedSource.key>`, so a block is tracked once however often its meeting is
 * approved, and never by another meeting; items stored before that keep their
 * `<groupId>:<kind>:<sourceId>`). The text fields hold memo text: they reach only an audience
 * `confidentiality` allows.
 */
export interface TrackedItemDoc {
  _id: string;
  groupId: string;
  kind: 'followUp' | 'dissent';
  /** The follow-up block's id, the section dissent's id, or `<agreedPointId>:<partyId>`. */
  sourceId: string;
  /** The meeting whose approved memo holds it, and the newest version it was read from. */
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  version: number;
  /** Where it stands in that memo, for listing in memo order. */
  position: number;
  sectionTitle: string;
  text: string;
  /** The owner's name as the memo wrote it (free text in memos before issue 19). */
  owner: string;
  /** The member or party the memo named as owner, checked against the group; missing before. */
  ownerRef?: OwnerRef | null;
  due: string;
  partyId: string | null;
  /** Effective level, from the approved content. */
  confidentiality: Confidentiality;
  /** Its agenda item's council case with that item's level; missing on items tracked before. */
  caseLink?: FrozenCaseLink | null;
  /**
   * The current status: a copy of the newest `trackedItemChanges` entry (which decides), or of
   * the last `statusHistory` entry of an item changed before issue 19; 'open' when never changed.
   */
  status: TrackedItemStatus;
  /** The newest change's number (`TrackedItemChangeDoc.seq`) the copy above is of; missing: 0. */
  statusSeq?: number;
  /** Status changes made before issue 19, oldest first; later ones are `trackedItemChanges`. */
  statusHistory: { status: TrackedItemStatus; userId: string; userName: string; at: Date }[];
  /** Set when a later approved version of its meeting no longer has it; kept, not deleted. */
  removed: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One status change of a tracked item (issue 19), written once. `_id` is `<itemId>#<seq>`, seq
 * counting from the item's pre-issue-19 history length + 1: two people changing an item at once
 * both try the same id, one insert wins and the other is told (FerretDB has no atomic guarded
 * updates, so a unique key decides).
 */
export interface TrackedItemChangeDoc {
  _id: string;
  itemId: string;
  groupId: string;
  seq: number;
  status: TrackedItemStatus;
  /** "viety valmisteluun": the council case it went to. */
  caseLink: CaseLink | null;
  /** "ei toteuteta": why. */
  reason: string | null;
  userId: string;
  userName: string;
  at: Date;
}

/**
 * Something put to the parties' consent (issues 5, 13): a joint statement (its id is also its
 * collab room's id), a declassification proposal on one approved memo version, or the publication
 * of one version's public rendering. Its status is derived (server/consent/gate.ts): no round yet
 * = a statement draft, a `consentReleases` entry = released, the latest round ended `edited` = a
 * statement being edited, else in consent. Only `title` (while a draft) and `deadline` (when put
 * to consent) change; everything else is written once.
 */
export interface ConsentRequestDoc {
  _id: string;
  groupId: string;
  kind: 'statement' | 'declassification' | 'publication';
  /** Statement title, the declassification's non-confidential label, or "<meeting> v<n>". */
  title: string;
  meetingId: string | null;
  /** Deadline for answers set when put to consent; null for none. */
  deadline: Date | null;
  createdBy: { userId: string; name: string };
  createdAt: Date;
  statement: { agendaItemId: string | null } | null;
  declassification: {
    version: number;
    versionHash: string;
    target: DeclassificationTarget;
    from: Confidentiality;
    to: Confidentiality;
    /** `targetKey(target)`: one open proposal per target and version. */
    targetKey: string;
  } | null;
  /** A publication: the version whose public rendering is published. Absent on other kinds. */
  publication?: { version: number; versionHash: string } | null;
}

/**
 * Round n of a request (`_id` = `<requestId>:<n, zero-padded>`): the unique key is what lets one
 * writer, and only one, start round n. A statement's round holds the exact text consented to.
 */
export interface ConsentRoundDoc {
  _id: string;
  requestId: string;
  round: number;
  /** `text_changed` only in rounds stored before issue 13 (a round per stored edit). */
  cause: 'request' | 'parties_changed' | 'text_changed';
  at: Date;
  by: { userId: string; name: string } | null;
  /**
   * The parties that must consent in this round, fixed when it started (the group's active parties
   * then, in the group's order). Absent in rounds stored before issue 13: read as the parties that
   * existed when the round began (server/consent/gate.ts).
   */
  partyIds?: string[];
  /** Parties whose consent this round withdrew (sorted). */
  withdrawn: string[];
  /** Statements only: the canonical text and its SHA-256; null for declassifications. */
  content: StatementContent | null;
  hash: string | null;
}

/**
 * How round n of a request ended (`_id` = `<requestId>:<n, zero-padded>`, like the round's): a
 * unique insert, so a round ends once, one way. The last consent (release), a negotiator opening
 * the statement for editing and a change of the group's parties race for the same key, and the
 * loser learns the round is over: a round is never both released and withdrawn.
 */
export interface ConsentRoundEndDoc {
  _id: string;
  requestId: string;
  groupId: string;
  round: number;
  cause: 'released' | 'edited' | 'parties_changed';
  at: Date;
  by: { userId: string; name: string } | null;
  /** Parties whose consent this end withdrew (sorted); empty for a release. */
  withdrawn: string[];
  /** For `parties_changed`: the parties added to and removed from the group (sorted). */
  added: string[];
  removed: string[];
}

/** Answer n of a request (`_id` = `<requestId>:<n, zero-padded>`), append-only, in order. */
export interface ConsentAnswerDoc extends ConsentAnswer {
  _id: string;
  seq: number;
  groupId: string;
}

/**
 * A released request (`_id` = requestId, so it is released once). Statements carry the frozen
 * text; declassifications are the overlay on their version. Never updated or deleted.
 */
export interface ConsentReleaseDoc {
  _id: string;
  requestId: string;
  groupId: string;
  kind: 'statement' | 'declassification' | 'publication';
  round: number;
  releasedAt: Date;
  meetingId: string | null;
  statement: { title: string; content: StatementContent; hash: string } | null;
  declassification: {
    version: number;
    target: DeclassificationTarget;
    from: Confidentiality;
    to: Confidentiality;
  } | null;
  /** A publication: the version now public. Absent on other kinds. */
  publication?: { version: number } | null;
}

/**
 * One email in the outbox (issue 14): stored before it is sent, sent by the outbox job
 * (server/mail/outboxSender.ts) and retried until the SMTP server accepts it. It holds what the
 * email carries and nothing more (links and titles, never memo text).
 */
export interface OutboxMessageDoc {
  _id: string;
  /**
   * Unique: what makes storing the same email twice a no-op (`reminder:<claim key>:<user>`,
   * `delivery:<version>:<user>`, `invitation:<id>`; the _id when nothing repeats it).
   */
  key: string;
  groupId: string;
  kind: OutboxKind;
  to: string;
  subject: string;
  /** Emptied once the SMTP server accepted it: an invitation's carries a live sign-up token. */
  text: string;
  status: 'pending' | 'sent' | 'failed';
  createdAt: Date;
  /** Attempts made; attempt n is claimed in `outboxAttempts` under `<_id>#<n>` before it starts. */
  attempts: number;
  /** When a pending message is next tried. */
  nextAttemptAt: Date;
  /** A message the SMTP server still refuses after this is failed (reset by "retry now"). */
  giveUpAt: Date;
  lastAttemptAt: Date | null;
  /** The SMTP server's answer or the connection error, without credentials. */
  lastError: string | null;
  sentAt: Date | null;
  failedAt: Date | null;
  /** A meeting's .ics, sent as the message's calendar part (issue 19); never an agenda item. */
  calendar?: OutboxCalendar;
}

export interface OutboxCalendar {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

/**
 * The claim of one attempt at one outbox message (`_id` = `<messageId>#<n>`; "retry now" claims
 * `<messageId>#retry<n>`): a unique insert, so of any number of passes and instances exactly one
 * makes attempt n. A claim older than the sender's lease without an outcome was cut short.
 */
export interface OutboxAttemptDoc {
  _id: string;
  messageId: string;
  at: Date;
}

/**
 * One schema migration (server/db/migrations.ts), keyed by its version: the insert claims it for
 * one instance, `completedAt` says it is done. The highest completed version is the schema's.
 */
export interface MigrationDoc {
  _id: string;
  version: number;
  name: string;
  startedAt: Date;
  completedAt?: Date;
}

/**
 * The outcome of reviewing the previous meeting's memo, keyed by the later meeting's id: one
 * current outcome per meeting, the last one recorded.
 */
export interface MemoReviewDoc {
  _id: string;
  groupId: string;
  reviewedMeetingId: string;
  outcome: ReviewOutcome;
  recordedBy: string;
  recordedByName: string;
  recordedAt: Date;
}

/**
 * The chair's delegation of approval to a vice-chair (issue 19): insert-only. Ending it early is
 * a separate insert (ApprovalDelegationEndDoc), so two endings at once make one end.
 */
export interface ApprovalDelegationDoc {
  _id: string;
  groupId: string;
  delegateUserId: string;
  delegateName: string;
  scope: DelegationScope;
  createdBy: string;
  createdByName: string;
  /** An administrator delegated because the chair could not be reached. */
  byAdministrator: boolean;
  createdAt: Date;
}

/** The early end of a delegation (`_id` = the delegation's id: it ends once). */
export interface ApprovalDelegationEndDoc {
  _id: string;
  groupId: string;
  endedBy: string;
  endedByName: string;
  endedAt: Date;
}

export const COLLECTIONS = {
  users: 'users',
  groups: 'groups',
  parties: 'parties',
  memberships: 'memberships',
  invitations: 'invitations',
  sessions: 'sessions',
  passwordResets: 'passwordResets',
  meetings: 'meetings',
  meetingRevisions: 'meetingRevisions',
  documents: 'documents',
  meetingInvitations: 'meetingInvitations',
  calendarFeeds: 'calendarFeeds',
  claims: 'claims',
  chairSeats: 'chairSeats',
  attempts: 'attempts',
  collabUpdates: 'collabUpdates',
  collabSnapshots: 'collabSnapshots',
  collabClients: 'collabClients',
  confidentialityChanges: 'confidentialityChanges',
  memoVersions: 'memoVersions',
  readReceipts: 'readReceipts',
  trackedItems: 'trackedItems',
  trackedItemChanges: 'trackedItemChanges',
  memoReviews: 'memoReviews',
  approvalDelegations: 'approvalDelegations',
  approvalDelegationEnds: 'approvalDelegationEnds',
  auditLog: 'auditLog',
  consentRequests: 'consentRequests',
  consentRounds: 'consentRounds',
  consentAnswers: 'consentAnswers',
  consentReleases: 'consentReleases',
  consentRoundEnds: 'consentRoundEnds',
  outbox: 'outbox',
  outboxAttempts: 'outboxAttempts',
  migrations: 'migrations',
} as const;

export type { Confidentiality };
