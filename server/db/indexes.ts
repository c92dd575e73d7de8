import type { IndexSpec } from './collection';
import { COLLECTIONS } from './schema';

/** Every index the application relies on; created at startup on both engines. */
export const INDEXES: readonly IndexSpec[] = [
  { collection: COLLECTIONS.users, fields: ['email'], unique: true },
  { collection: COLLECTIONS.memberships, fields: ['groupId', 'userId'], unique: true },
  { collection: COLLECTIONS.memberships, fields: ['userId'] },
  { collection: COLLECTIONS.parties, fields: ['groupId', 'shortName'], unique: true },
  { collection: COLLECTIONS.invitations, fields: ['tokenHash'], unique: true },
  { collection: COLLECTIONS.invitations, fields: ['groupId'] },
  { collection: COLLECTIONS.sessions, fields: ['userId'] },
  { collection: COLLECTIONS.passwordResets, fields: ['tokenHash'], unique: true },
  // Which link of an account is its newest (only that one works).
  { collection: COLLECTIONS.passwordResets, fields: ['userId', 'createdAt'] },
  { collection: COLLECTIONS.meetings, fields: ['groupId', 'startsAt'] },
  // A meeting's invitations, the newest first (issue 19).
  { collection: COLLECTIONS.meetingInvitations, fields: ['meetingId', 'sequence'] },
  // A calendar feed is found by its token's hash.
  { collection: COLLECTIONS.calendarFeeds, fields: ['tokenHash'], unique: true },
  { collection: COLLECTIONS.meetingRevisions, fields: ['meetingId', 'revision'], unique: true },
  { collection: COLLECTIONS.attempts, fields: ['key', 'at'] },
  { collection: COLLECTIONS.collabUpdates, fields: ['room', 'seq'], unique: true },
  { collection: COLLECTIONS.collabSnapshots, fields: ['room', 'seq'], unique: true },
  { collection: COLLECTIONS.collabClients, fields: ['room'] },
  { collection: COLLECTIONS.confidentialityChanges, fields: ['meetingId', 'at'] },
  { collection: COLLECTIONS.memoVersions, fields: ['meetingId', 'version'], unique: true },
  { collection: COLLECTIONS.memoVersions, fields: ['groupId', 'approvedAt'] },
  { collection: COLLECTIONS.readReceipts, fields: ['meetingId', 'version'] },
  { collection: COLLECTIONS.readReceipts, fields: ['groupId', 'userId'] },
  { collection: COLLECTIONS.trackedItems, fields: ['groupId', 'status'] },
  { collection: COLLECTIONS.trackedItems, fields: ['meetingId'] },
  { collection: COLLECTIONS.trackedItemChanges, fields: ['itemId'] },
  { collection: COLLECTIONS.documents, fields: ['meetingId'] },
  { collection: COLLECTIONS.memoReviews, fields: ['reviewedMeetingId'] },
  { collection: COLLECTIONS.approvalDelegations, fields: ['groupId', 'createdAt'] },
  { collection: COLLECTIONS.approvalDelegationEnds, fields: ['groupId'] },
  { collection: COLLECTIONS.auditLog, fields: ['groupId', 'seq'], unique: true },
  { collection: COLLECTIONS.consentRequests, fields: ['groupId', 'kind', 'createdAt'] },
  { collection: COLLECTIONS.consentRequests, fields: ['meetingId'] },
  // The reminder job's look-ups: deadlines coming up, of requests and of parties asking for time.
  { collection: COLLECTIONS.consentRequests, fields: ['deadline'] },
  { collection: COLLECTIONS.consentAnswers, fields: ['answer', 'deadline'] },
  { collection: COLLECTIONS.consentRounds, fields: ['requestId', 'round'], unique: true },
  { collection: COLLECTIONS.consentAnswers, fields: ['requestId', 'seq'], unique: true },
  { collection: COLLECTIONS.consentRoundEnds, fields: ['requestId', 'round'], unique: true },
  // Whether a party has answered, before it may be deleted (rather than ended).
  { collection: COLLECTIONS.consentAnswers, fields: ['partyId'] },
  { collection: COLLECTIONS.consentReleases, fields: ['groupId', 'kind', 'releasedAt'] },
  { collection: COLLECTIONS.consentReleases, fields: ['meetingId'] },
  // The outbox: one message per key, the sender's look-up of due mail, the administrators' counts.
  { collection: COLLECTIONS.outbox, fields: ['key'], unique: true },
  { collection: COLLECTIONS.outbox, fields: ['status', 'nextAttemptAt'] },
  { collection: COLLECTIONS.outbox, fields: ['groupId', 'status'] },
];
