// zod schemas of the HTTP API's response bodies, for the OpenAPI document. Each is annotated with
// the TypeScript type it describes (shared/api/types.ts and its siblings), so the compiler refuses
// a schema that no longer fits the type the server writes and the client reads. Deep documents
// (memo and statement content, diffs, consent state) are `described`: typed, but documented only
// by their description.
import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES, type AuditExport, type AuditLogPage } from '../audit';
import { CONFIDENTIALITY_LEVELS, type Audience } from '../confidentiality';
import type { ApprovalDelegation } from '../actingChair';
import { CONSENT_ANSWERS, type ConsentState } from '../consent';
import type { MemoContent } from '../memo/content';
import type { DeclassifiableItem, DeclassificationTarget } from '../memo/declassification';
import type { MemoChange } from '../memo/diff';
import type { StatementContent } from '../statements/content';
import {
  CONSENT_REQUEST_KINDS,
  type ConsentView,
  type DeclassificationList,
  type DeclassificationView,
  type PublicationView,
  type PublicFeed,
  type ReleasedStatement,
  type StatementSummary,
  type StatementView,
  type VersionPublication,
} from './consent';
import { LOCALES } from '../locales';
import { DocumentListingSchema } from './routes/documents';
import { REVIEW_OUTCOMES } from '../continuity';
import { ATTENDANCE_STATUSES, MEETING_STATUSES } from '../meetings';
import { DEPUTIES_SPEAK, PERSON_ATTENDANCE_STATUSES } from '../attendance';
import { ROLES } from '../roles';
import { EMAIL_PREFERENCES, OUTBOX_KINDS, type MailOutbox } from './mail';
import {
  TRACKED_ITEM_STATUSES,
  type ApprovalCheck,
  type ApprovedMemoListItem,
  type DraftFinding,
  type MemoVersionView,
  type VersionComparison,
  type MemoHistory,
  type MemoVersionSummary,
  type ReadReceipts,
  type MyFollowUp,
  type TrackedItem,
  type WithheldTrackedItem,
} from './memoVersions';
import {
  INVITATION_CHANGES,
  type CalendarFeed,
  type CreatedInvitation,
  type Group,
  type Invitation,
  type InvitationPreview,
  type Me,
  type Meeting,
  type MeetingInvitationStatus,
  type MeetingSummary,
  type MemoReview,
  type SendInvitationResult,
  type Member,
  type Party,
  type PartyRemoval,
} from './types';

/**
 * A value of type `T` documented by its description alone: its structure has its own module
 * (and validator) and is not repeated here.
 */
export function described<T>(description: string): z.ZodType<T> {
  return z.custom<T>(() => true).meta({ type: 'object', description });
}

const id = z.string();
const isoTime = z.string().meta({ format: 'date-time' });
const role = z.enum(ROLES);
const confidentiality = z.enum(CONFIDENTIALITY_LEVELS);
export const audience: z.ZodType<Audience> = z.enum(['negotiators', 'groups', 'public']);

export const PersonRefSchema = z.object({ id, name: z.string() });

export const MeSchema: z.ZodType<Me> = z.object({
  id,
  email: z.string(),
  name: z.string(),
  locale: z.enum(LOCALES),
  emailPreference: z.enum(EMAIL_PREFERENCES),
  memberships: z.array(
    z.object({ groupId: id, groupName: z.string(), role, partyId: id.nullable() }),
  ),
});

export const PartySchema: z.ZodType<Party> = z.object({
  id,
  groupId: id,
  name: z.string(),
  shortName: z.string(),
  colour: z.string(),
  endedAt: isoTime.nullable(),
  deputyOrder: z.array(id),
});

export const PartyRemovalSchema: z.ZodType<PartyRemoval> = z.object({
  outcome: z.enum(['deleted', 'ended']),
  party: PartySchema,
  restartedRounds: z.number().int(),
});

export const GroupSchema: z.ZodType<Group> = z.object({
  id,
  name: z.string(),
  municipality: z.string(),
  parties: z.array(PartySchema),
  endedParties: z.array(PartySchema),
  myRole: role,
  myPartyId: id.nullable(),
  deputiesSpeak: z.enum(DEPUTIES_SPEAK),
});

export const MemberSchema: z.ZodType<Member> = z.object({
  userId: id,
  name: z.string(),
  email: z.string(),
  role,
  partyId: id.nullable(),
  joinedAt: isoTime,
});

const invitationFields = {
  id,
  email: z.string(),
  role,
  partyId: id.nullable(),
  invitedBy: z.string(),
  createdAt: isoTime,
  expiresAt: isoTime,
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
};
export const InvitationSchema: z.ZodType<Invitation> = z.object(invitationFields);
export const CreatedInvitationSchema: z.ZodType<CreatedInvitation> = z.object({
  ...invitationFields,
  link: z.string(),
  emailStatus: z.enum(['sent', 'queued', 'failed', 'off']),
});

export const InvitationPreviewSchema: z.ZodType<InvitationPreview> = z.object({
  groupName: z.string(),
  email: z.string(),
  role,
  partyName: z.string().nullable(),
  accountExists: z.boolean(),
});

const CaseLinkSchema = z.object({
  body: z.string(),
  meetingDate: z.string(),
  section: z.string(),
  diaryNumber: z.string(),
  url: z.string(),
});

export const TrackedItemSchema: z.ZodType<TrackedItem> = z.object({
  id,
  kind: z.enum(['followUp', 'dissent']),
  groupId: id,
  meetingId: id,
  meetingTitle: z.string(),
  version: z.number().int(),
  sectionTitle: z.string(),
  text: z.string(),
  owner: z.string(),
  ownerRef: z.object({ kind: z.enum(['member', 'party']), id }).nullable(),
  due: z.string(),
  partyId: id.nullable(),
  confidentiality,
  caseLink: CaseLinkSchema.nullable(),
  status: z.enum(TRACKED_ITEM_STATUSES),
  statusChangedAt: isoTime.nullable(),
  statusChangedBy: PersonRefSchema.nullable(),
  statusCaseLink: CaseLinkSchema.nullable(),
  statusReason: z.string().nullable(),
  history: z.array(
    z.object({
      status: z.enum(TRACKED_ITEM_STATUSES),
      at: isoTime,
      by: PersonRefSchema,
      caseLink: CaseLinkSchema.nullable(),
      reason: z.string().nullable(),
    }),
  ),
});

export const MyFollowUpSchema: z.ZodType<MyFollowUp> = z.intersection(
  TrackedItemSchema,
  z.object({ groupName: z.string(), overdue: z.boolean() }),
);
const WithheldTrackedItemSchema: z.ZodType<WithheldTrackedItem> = z.object({
  id,
  withheld: z.literal(true),
});

const MeetingRefSchema = z.object({
  meetingId: id,
  meetingTitle: z.string(),
  meetingStartsAt: isoTime,
});

export const MemoReviewSchema: z.ZodType<MemoReview> = z.object({
  outcome: z.enum(REVIEW_OUTCOMES),
  at: MeetingRefSchema,
  of: MeetingRefSchema,
  recordedBy: z.string(),
  recordedAt: isoTime,
});

export const CalendarFeedSchema: z.ZodType<CalendarFeed> = z.object({
  createdAt: isoTime.nullable(),
  url: z.string().optional(),
});

export const MeetingInvitationStatusSchema: z.ZodType<MeetingInvitationStatus> = z.object({
  sequence: z.number().int(),
  kind: z.enum(['invitation', 'update', 'cancellation']),
  revision: z.number().int(),
  sentAt: isoTime,
  sentByName: z.string(),
  changedSince: z.array(z.enum(INVITATION_CHANGES)),
});

export const SendInvitationResultSchema: z.ZodType<SendInvitationResult> = z.object({
  sent: z.boolean(),
  invitation: MeetingInvitationStatusSchema,
});

export const MeetingSchema: z.ZodType<Meeting> = z.object({
  id,
  groupId: id,
  title: z.string(),
  startsAt: isoTime,
  location: z.string(),
  videoLink: z.string(),
  councilMeetingDate: z.string(),
  status: z.enum(MEETING_STATUSES),
  agenda: z.array(
    z.union([
      z.object({
        id,
        title: z.string(),
        description: z.string(),
        confidentiality,
        caseLink: CaseLinkSchema.optional(),
      }),
      z.object({ id, redacted: z.literal(true) }),
    ]),
  ),
  attendance: z.array(z.object({ partyId: id, status: z.enum(ATTENDANCE_STATUSES) })),
  people: z.array(
    z.object({
      userId: id,
      status: z.enum(PERSON_ATTENDANCE_STATUSES),
      substituteUserId: id.nullable(),
    }),
  ),
  revision: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
  review: z
    .object({ meetingId: id, version: z.number().int(), meetingTitle: z.string() })
    .nullable(),
  carried: z.array(z.union([TrackedItemSchema, WithheldTrackedItemSchema])),
  previousMeeting: MeetingRefSchema.extend({
    approvedVersion: z.number().int().nullable(),
  }).nullable(),
  reviewOutcome: MemoReviewSchema.nullable(),
  reviewedAt: MemoReviewSchema.nullable(),
  invitation: MeetingInvitationStatusSchema.nullable().optional(),
});

export const MeetingSummarySchema: z.ZodType<MeetingSummary> = z.object({
  id,
  title: z.string(),
  startsAt: isoTime,
  status: z.enum(MEETING_STATUSES),
  location: z.string(),
  agendaItemCount: z.number().int(),
});

export const MailOutboxSchema: z.ZodType<MailOutbox> = z.object({
  configured: z.boolean(),
  pending: z.number().int(),
  oldestPendingAt: isoTime.nullable(),
  failed: z.number().int(),
  failures: z.array(
    z.object({
      id,
      kind: z.enum(OUTBOX_KINDS),
      to: z.string(),
      lastError: z.string().nullable(),
      attempts: z.number().int(),
      createdAt: isoTime,
      lastAttemptAt: isoTime.nullable(),
      failedAt: isoTime.nullable(),
    }),
  ),
});

const auditVerification = z.object({
  valid: z.boolean(),
  entries: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
});
const auditEntry = z.object({
  seq: z.number().int(),
  at: isoTime,
  actor: z.object({ userId: id, name: z.string() }).nullable(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.object({ type: z.enum(AUDIT_TARGET_TYPES), id, label: z.string().optional() }),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  prevHash: z.string(),
  hash: z.string(),
});
export const AuditLogPageSchema: z.ZodType<AuditLogPage> = z.object({
  entries: z.array(auditEntry),
  verification: auditVerification,
  nextBefore: z.number().int().nullable(),
});
export const AuditExportSchema: z.ZodType<AuditExport> = z.object({
  groupId: id,
  exportedAt: isoTime,
  verification: auditVerification,
  entries: z.array(auditEntry),
});

export const MemoVersionSummarySchema: z.ZodType<MemoVersionSummary> = z.object({
  meetingId: id,
  version: z.number().int(),
  approvedAt: isoTime,
  approvedBy: PersonRefSchema,
  actingChair: z.boolean(),
  hash: z.string(),
});

export const MemoHistorySchema: z.ZodType<MemoHistory> = z.object({
  meetingId: id,
  status: z.enum(['open', 'approved']),
  versions: z.array(MemoVersionSummarySchema),
  reopenings: z.array(
    z.object({
      afterVersion: z.number().int(),
      at: isoTime,
      by: PersonRefSchema,
      reason: z.string(),
    }),
  ),
});

export const ReadReceiptsSchema: z.ZodType<ReadReceipts> = z.object({
  meetingId: id,
  versions: z.array(z.number().int()),
  rows: z.array(
    z.object({
      userId: id,
      name: z.string(),
      role,
      partyId: id.nullable(),
      opened: z.record(z.string(), isoTime),
    }),
  ),
});

export const ApprovedMemoListItemSchema: z.ZodType<ApprovedMemoListItem> = z.object({
  meetingId: id,
  meetingTitle: z.string(),
  meetingStartsAt: isoTime,
  latest: MemoVersionSummarySchema,
  read: z.boolean(),
});

export const MemoVersionViewSchema: z.ZodType<MemoVersionView> = z.object({
  meetingId: id,
  version: z.number().int(),
  approvedAt: isoTime,
  approvedBy: PersonRefSchema,
  actingChair: z.boolean(),
  hash: z.string(),
  groupId: id,
  groupName: z.string(),
  meetingTitle: z.string(),
  meetingStartsAt: isoTime,
  meetingFacts: z.object({
    location: z.string(),
    attendance: z.array(z.object({ partyId: id, status: z.enum(ATTENDANCE_STATUSES) })),
    participants: z.array(
      z.object({
        name: z.string(),
        role: z.enum(ROLES).exclude(['reader', 'admin']),
        partyId: id.nullable(),
        attended: z
          .union([
            z.object({ status: z.enum(['present', 'absent']) }),
            z.object({ status: z.literal('substituted'), by: z.string() }),
            z.object({ status: z.literal('substituting'), for: z.string() }),
          ])
          .optional(),
      }),
    ),
  }),
  documents: z.array(DocumentListingSchema).optional(),
  audience,
  content: described<MemoContent>(
    'The memo document (docs/memo-format.md), redacted for `audience`.',
  ),
  caseLinks: z.array(z.object({ agendaItemId: id, link: CaseLinkSchema })),
  latestVersion: z.number().int(),
});

export const ApprovalDelegationSchema: z.ZodType<ApprovalDelegation> = z.object({
  id,
  groupId: id,
  delegate: PersonRefSchema,
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('meeting'), meetingId: id }),
    z.object({ kind: z.literal('period'), from: z.string(), to: z.string() }),
  ]),
  createdAt: isoTime,
  createdBy: PersonRefSchema,
  byAdministrator: z.boolean(),
  ended: z.object({ at: isoTime, by: PersonRefSchema }).nullable(),
  inForce: z.boolean(),
});

export const ApprovalCheckSchema: z.ZodType<ApprovalCheck> = z.object({
  meetingId: id,
  nextVersion: z.number().int(),
  draftHash: z.string(),
  warnings: z.array(described<DraftFinding>('A finding about the draft, by `kind`.')),
  blockers: z.array(described<DraftFinding>('A finding that stops the approval, by `kind`.')),
  actingChair: z.boolean(),
});

export const VersionComparisonSchema: z.ZodType<VersionComparison> = z.object({
  meetingId: id,
  from: z.number().int(),
  to: z.number().int(),
  audience,
  changes: z.array(described<MemoChange>('One changed section or block (shared/memo/diff.ts).')),
});

const consentStatus = z.enum(['draft', 'in_consent', 'editing', 'released']);
const consentRoundEnd = z.object({
  cause: z.enum(['released', 'edited', 'parties_changed']),
  at: isoTime,
  by: PersonRefSchema.nullable(),
  withdrawn: z.array(id),
  added: z.array(id),
  removed: z.array(id),
});
export const ConsentViewSchema: z.ZodType<ConsentView> = z.object({
  requestId: id,
  kind: z.enum(CONSENT_REQUEST_KINDS),
  groupId: id,
  status: consentStatus,
  round: z.number().int().nullable(),
  deadline: isoTime.nullable(),
  parties: z.array(z.object({ id, name: z.string(), shortName: z.string(), colour: z.string() })),
  state: described<ConsentState>(
    "The open round's outcome, each party's answer and the objections (shared/consent.ts).",
  ).nullable(),
  history: z.array(
    z.object({
      requestId: id,
      round: z.number().int(),
      partyId: id,
      answer: z.enum(CONSENT_ANSWERS),
      reason: z.string(),
      deadline: isoTime.nullable(),
      userId: id,
      userName: z.string(),
      at: isoTime,
    }),
  ),
  rounds: z.array(
    z.object({
      round: z.number().int(),
      cause: z.enum(['request', 'parties_changed', 'text_changed']),
      at: isoTime,
      by: PersonRefSchema.nullable(),
      partyIds: z.array(id),
      withdrawn: z.array(id),
      hash: z.string().nullable(),
      end: consentRoundEnd.nullable(),
    }),
  ),
  answersFor: id.nullable(),
  releasedAt: isoTime.nullable(),
});

const statementContent = described<StatementContent>(
  'The statement document (shared/statements/content.ts).',
);

const statementSummaryFields = {
  id,
  groupId: id,
  meetingId: id.nullable(),
  agendaItemId: id.nullable(),
  title: z.string(),
  status: consentStatus,
  round: z.number().int().nullable(),
  outcome: z.enum(['released', 'blocked', 'pending']).nullable(),
  createdBy: PersonRefSchema,
  createdAt: isoTime,
  releasedAt: isoTime.nullable(),
};
export const StatementSummarySchema: z.ZodType<StatementSummary> = z.object(statementSummaryFields);

export const ReleasedStatementSchema: z.ZodType<ReleasedStatement> = z.object({
  id,
  groupId: id,
  groupName: z.string(),
  title: z.string(),
  content: statementContent,
  hash: z.string(),
  round: z.number().int(),
  releasedAt: isoTime,
  meetingId: id.nullable(),
});

export const StatementViewSchema: z.ZodType<StatementView> = z.object({
  ...statementSummaryFields,
  content: statementContent,
  hash: z.string(),
  consent: ConsentViewSchema,
  released: ReleasedStatementSchema.nullable(),
});

export const PublicFeedSchema: z.ZodType<PublicFeed> = z.object({
  group: z.object({ id, name: z.string() }),
  generatedAt: isoTime,
  statements: z.array(ReleasedStatementSchema),
  memos: z.array(
    z.object({
      meetingId: id,
      meetingTitle: z.string(),
      meetingStartsAt: isoTime,
      version: z.number().int(),
      approvedAt: isoTime,
      publishedAt: isoTime,
      hash: z.string(),
      declassified: z.boolean(),
    }),
  ),
});

const declassificationTarget = described<DeclassificationTarget>(
  'What is lowered: a section, a block or a notes block, by `kind` (shared/memo/declassification.ts).',
);

export const DeclassificationViewSchema: z.ZodType<DeclassificationView> = z.object({
  id,
  groupId: id,
  meetingId: id,
  version: z.number().int(),
  versionHash: z.string(),
  target: declassificationTarget,
  label: z.string(),
  from: confidentiality,
  to: confidentiality,
  proposedBy: PersonRefSchema,
  proposedAt: isoTime,
  consent: ConsentViewSchema,
});

export const DeclassificationListSchema: z.ZodType<DeclassificationList> = z.object({
  meetingId: id,
  version: z.number().int(),
  versionHash: z.string(),
  targets: z.array(
    described<DeclassifiableItem>(
      'An item that may be proposed: its target, level, lower levels and any problem.',
    ),
  ),
  proposals: z.array(DeclassificationViewSchema),
});

export const PublicationViewSchema: z.ZodType<PublicationView> = z.object({
  id,
  groupId: id,
  meetingId: id,
  version: z.number().int(),
  versionHash: z.string(),
  proposedBy: PersonRefSchema,
  proposedAt: isoTime,
  consent: ConsentViewSchema,
});

export const VersionPublicationSchema: z.ZodType<VersionPublication> = z.object({
  meetingId: id,
  version: z.number().int(),
  hasPublicContent: z.boolean(),
  publication: PublicationViewSchema.nullable(),
  publicPath: z.string().nullable(),
});

/** The named response schemas: `components.schemas` of the OpenAPI document, referred to by name. */
export const NAMED_RESPONSE_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  PersonRef: PersonRefSchema,
  Me: MeSchema,
  Party: PartySchema,
  PartyRemoval: PartyRemovalSchema,
  Group: GroupSchema,
  Member: MemberSchema,
  Invitation: InvitationSchema,
  CreatedInvitation: CreatedInvitationSchema,
  InvitationPreview: InvitationPreviewSchema,
  TrackedItem: TrackedItemSchema,
  Meeting: MeetingSchema,
  MeetingSummary: MeetingSummarySchema,
  MailOutbox: MailOutboxSchema,
  AuditLogPage: AuditLogPageSchema,
  AuditExport: AuditExportSchema,
  MemoVersionSummary: MemoVersionSummarySchema,
  MemoHistory: MemoHistorySchema,
  ReadReceipts: ReadReceiptsSchema,
  ApprovedMemoListItem: ApprovedMemoListItemSchema,
  MemoVersionView: MemoVersionViewSchema,
  ApprovalCheck: ApprovalCheckSchema,
  ApprovalDelegation: ApprovalDelegationSchema,
  VersionComparison: VersionComparisonSchema,
  ConsentView: ConsentViewSchema,
  StatementSummary: StatementSummarySchema,
  ReleasedStatement: ReleasedStatementSchema,
  StatementView: StatementViewSchema,
  PublicFeed: PublicFeedSchema,
  DeclassificationView: DeclassificationViewSchema,
  DeclassificationList: DeclassificationListSchema,
  PublicationView: PublicationViewSchema,
  VersionPublication: VersionPublicationSchema,
};
