import type { Database } from '../db/collection';
import { ApprovalDelegationRepository } from './approvalDelegations';
import { AuditLogRepository } from './auditLog';
import { ChairSeatRepository } from './chairSeats';
import { ClaimRepository } from './claims';
import { CollabClientRepository } from './collabClients';
import { CollabLogRepository } from './collabLog';
import { ConfidentialityChangeRepository } from './confidentialityChanges';
import { ConsentRepository } from './consent';
import { GroupRepository } from './groups';
import { InvitationRepository } from './invitations';
import { DocumentRepository } from './documents';
import { CalendarFeedRepository } from './calendarFeeds';
import { MeetingInvitationRepository } from './meetingInvitations';
import { MeetingRepository } from './meetings';
import { MembershipRepository } from './memberships';
import { MemoVersionRepository } from './memoVersions';
import { OutboxRepository } from './outbox';
import { PasswordResetRepository } from './passwordResets';
import { RateLimitRepository } from './rateLimits';
import { ReadReceiptRepository } from './readReceipts';
import { MemoReviewRepository } from './memoReviews';
import { SessionRepository } from './sessions';
import { TrackedItemRepository } from './trackedItems';
import { UserRepository } from './users';

export interface Repositories {
  users: UserRepository;
  groups: GroupRepository;
  memberships: MembershipRepository;
  invitations: InvitationRepository;
  sessions: SessionRepository;
  passwordResets: PasswordResetRepository;
  meetings: MeetingRepository;
  documents: DocumentRepository;
  meetingInvitations: MeetingInvitationRepository;
  calendarFeeds: CalendarFeedRepository;
  rateLimits: RateLimitRepository;
  claims: ClaimRepository;
  chairSeats: ChairSeatRepository;
  collabLog: CollabLogRepository;
  collabClients: CollabClientRepository;
  confidentialityChanges: ConfidentialityChangeRepository;
  memoVersions: MemoVersionRepository;
  readReceipts: ReadReceiptRepository;
  memoReviews: MemoReviewRepository;
  approvalDelegations: ApprovalDelegationRepository;
  trackedItems: TrackedItemRepository;
  auditLog: AuditLogRepository;
  consent: ConsentRepository;
  outbox: OutboxRepository;
}

export function createRepositories(db: Database): Repositories {
  return {
    users: new UserRepository(db),
    groups: new GroupRepository(db),
    memberships: new MembershipRepository(db),
    invitations: new InvitationRepository(db),
    sessions: new SessionRepository(db),
    passwordResets: new PasswordResetRepository(db),
    meetings: new MeetingRepository(db),
    documents: new DocumentRepository(db),
    meetingInvitations: new MeetingInvitationRepository(db),
    calendarFeeds: new CalendarFeedRepository(db),
    rateLimits: new RateLimitRepository(db),
    claims: new ClaimRepository(db),
    chairSeats: new ChairSeatRepository(db),
    collabLog: new CollabLogRepository(db),
    collabClients: new CollabClientRepository(db),
    confidentialityChanges: new ConfidentialityChangeRepository(db),
    memoVersions: new MemoVersionRepository(db),
    readReceipts: new ReadReceiptRepository(db),
    memoReviews: new MemoReviewRepository(db),
    approvalDelegations: new ApprovalDelegationRepository(db),
    trackedItems: new TrackedItemRepository(db),
    auditLog: new AuditLogRepository(db),
    consent: new ConsentRepository(db),
    outbox: new OutboxRepository(db),
  };
}
