// The group's audit log: what is recorded, and the shape a chair or admin reads.

/** Every kind of audited event. Entries never hold memo text: targets are ids and labels. */
export const AUDIT_ACTIONS = [
  'session.login',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'member.roleChange',
  'member.remove',
  'memo.approve',
  'memo.reopen',
  'memo.deliver',
  'memo.export',
  'confidentiality.lower',
  'stance.change',
  'followUp.status',
  'statement.create',
  // Put to consent (a statement) or proposed (a declassification).
  'consent.request',
  'consent.answer',
  // A text change withdrew the consents given to the previous words.
  'consent.withdraw',
  'consent.release',
  // Someone tried to answer for a party that is not theirs (REST, Socket.io or the collab socket).
  'consent.refused',
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
