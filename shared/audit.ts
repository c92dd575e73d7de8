// The group's audit log: what is recorded, and the shape a chair or admin reads.

/** Every kind of audited event. Entries never hold memo text: targets are ids and labels. */
export const AUDIT_ACTIONS = [
  'session.login',
  // A password set with a reset link (issue 17): every session of the account ended.
  'session.passwordReset',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'member.roleChange',
  'member.remove',
  // A party with history is ended (kept, counted no more); one without is deleted.
  'party.end',
  'party.delete',
  // By the chair, or by a vice-chair acting for the chair (details: actingChair, delegationId).
  'memo.approve',
  'memo.reopen',
  // The outcome of reviewing the previous meeting's memo, recorded at the later meeting.
  'memo.review',
  'memo.deliver',
  'memo.export',
  // The group export (a zip of the group's data and every approved version's PDF); details say
  // which edition.
  'group.export',
  'confidentiality.lower',
  'stance.change',
  'followUp.status',
  'statement.create',
  // Put to consent (a statement, also again after an edit) or proposed (a declassification, a
  // publication).
  'consent.request',
  'consent.answer',
  // A negotiator took a statement back from consent to edit it (before issue 13: a stored text
  // change); the consents given were withdrawn.
  'consent.withdraw',
  // The group's parties changed while a round was open: it was voided and a new round began.
  'consent.restart',
  'consent.release',
  // Someone tried to answer for a party that is not theirs (REST, Socket.io or the collab socket).
  'consent.refused',
  // An administrator sent a failed email to the outbox again.
  'mail.retry',
  // The meeting's invitation (or an update of it) was sent to every member (issue 19).
  'meeting.invite',
  // A document put on an agenda item, or taken off it (issue 19). Details hold the level and the
  // SHA-256, never the file's name: the name of a confidential file is confidential too.
  'document.upload',
  'document.delete',
  // Who attended a meeting, person by person, and which deputy stood in for whom (issue 19).
  'meeting.attendance',
  // A party's deputy order, or the group's rule on when deputies speak for their party.
  'party.deputyOrder',
  'group.deputiesSpeak',
  // The chair (or an administrator: details.byAdministrator) delegated the approval to a
  // vice-chair, or ended such a delegation early (issue 19).
  'approval.delegate',
  'approval.endDelegation',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  'group',
  'user',
  'membership',
  'invitation',
  'meeting',
  'memoVersion',
  'agreedPoint',
  'memoBlock',
  'trackedItem',
  'statement',
  'declassification',
  'publication',
  'party',
  'email',
  'document',
  'approvalDelegation',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export interface AuditTarget {
  type: AuditTargetType;
  id: string;
  /** A human label that is never confidential (a meeting title, a person's name, a version). */
  label?: string;
}

/** Small facts about the event (e.g. `{ from: 'confidential', to: 'groups' }`); never memo text. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** One entry as the API returns it. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: { userId: string; name: string } | null;
  action: AuditAction;
  target: AuditTarget;
  details: AuditDetails;
  /** SHA-256 (hex) of the previous entry's hash and this entry's canonical fields. */
  prevHash: string;
  hash: string;
}

/** The outcome of walking a group's chain from its first entry, recomputing every hash. */
export interface AuditVerification {
  valid: boolean;
  /** How many entries were walked. */
  entries: number;
  /** The first entry whose hash, link or sequence number does not fit; null when intact. */
  firstBrokenSeq: number | null;
}

/** `GET /api/groups/:groupId/audit`: one page, newest first, and the whole chain's check. */
export interface AuditLogPage {
  entries: AuditEntry[];
  verification: AuditVerification;
  /** Pass as `?before=` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** `GET /api/groups/:groupId/audit/export` (JSON): the full chain, oldest first. */
export interface AuditExport {
  groupId: string;
  exportedAt: string;
  verification: AuditVerification;
  entries: AuditEntry[];
}
