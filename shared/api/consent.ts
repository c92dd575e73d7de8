// Response bodies of the unanimity gate's routes (issue 5): joint statements, declassification
// proposals, their consent state, the public listing and the notices parties receive.
import type { Confidentiality } from '../confidentiality';
import type { ConsentAnswer, ConsentState } from '../consent';
import type {
  DeclassifiableItem,
  DeclassificationProblem,
  DeclassificationTarget,
} from '../memo/declassification';
import type { StatementContent } from '../statement/content';
import type { PersonRef } from './memoVersions';

export const CONSENT_REQUEST_KINDS = ['statement', 'declassification'] as const;
export type ConsentRequestKind = (typeof CONSENT_REQUEST_KINDS)[number];

/**
 * `draft`: a statement not yet put to consent (declassifications never are drafts).
 * `in_consent`: waiting for every party. `released`: every party consented; frozen.
 */
export type ConsentRequestStatus = 'draft' | 'in_consent' | 'released';

/** Why a round began. */
export type ConsentRoundCause = 'request' | 'text_changed';

export interface ConsentRoundInfo {
  round: number;
  cause: ConsentRoundCause;
  at: string;
  /** Who put it to consent; null for a text change (the room saw the change, not a person). */
  by: PersonRef | null;
  /** The parties whose consent this round's start withdrew (sorted). */
  withdrawn: string[];
  /** SHA-256 of the statement's canonical text in this round; null for declassifications. */
  hash: string | null;
}

/** A party as the gate lists it. */
export interface ConsentParty {
  id: string;
  name: string;
  shortName: string;
  colour: string;
}

/** The gate of one request as negotiators see it (readers never get this). */
export interface ConsentView {
  requestId: string;
  kind: ConsentRequestKind;
  groupId: string;
  status: ConsentRequestStatus;
  /** The current round; null while a statement is a draft. */
  round: number | null;
  /** Deadline for answers set when put to consent (ISO), or null. */
  deadline: string | null;
  parties: ConsentParty[];
  /** The current round's state; null while a draft. */
  state: ConsentState | null;
  /** Every answer ever given, oldest first (reasons included: negotiators only). */
  history: ConsentAnswer[];
  rounds: ConsentRoundInfo[];
  /** The party the caller may answer for (their own, if a representative or deputy), else null. */
  answersFor: string | null;
  releasedAt: string | null;
}

/** A statement as listed. `title` is negotiator-only until release. */
export interface StatementSummary {
  id: string;
  groupId: string;
  meetingId: string | null;
  agendaItemId: string | null;
  title: string;
  status: ConsentRequestStatus;
  round: number | null;
  outcome: ConsentState['outcome'] | null;
  createdBy: PersonRef;
  createdAt: string;
  releasedAt: string | null;
}

/** A released statement: frozen text, what every party consented to. Safe for the public. */
export interface ReleasedStatement {
  id: string;
  groupId: string;
  groupName: string;
  title: string;
  content: StatementContent;
  /** SHA-256 (hex) of the canonical content JSON, as consented. */
  hash: string;
  round: number;
  releasedAt: string;
  meetingId: string | null;
}

/** `GET /api/statements/:id` for negotiators. */
export interface StatementView extends StatementSummary {
  /** The text of the current round (in consent), the released text, or the stored draft. */
  content: StatementContent;
  /** Its SHA-256 (hex). */
  hash: string;
  consent: ConsentView;
  released: ReleasedStatement | null;
}

/** A memo version's public rendering on the public page (public-level content only). */
export interface PublicMemoItem {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
  version: number;
  approvedAt: string;
  hash: string;
  /** Whether the public rendering includes declassified content. */
  declassified: boolean;
}

/** `GET /api/public/groups/:groupId/feed` — no login. Only released and public things. */
export interface PublicFeed {
  group: { id: string; name: string };
  generatedAt: string;
  statements: ReleasedStatement[];
  memos: PublicMemoItem[];
}

/** A declassification proposal, for negotiators. */
export interface DeclassificationView {
  id: string;
  groupId: string;
  meetingId: string;
  version: number;
  /** The version's stored hash: an overlay never changes it. */
  versionHash: string;
  target: DeclassificationTarget;
  /** A short non-confidential description: kind and section title or position. */
  label: string;
  from: Confidentiality;
  to: Confidentiality;
  proposedBy: PersonRef;
  proposedAt: string;
  consent: ConsentView;
}

/** `GET /api/meetings/:id/versions/:n/declassifications`. */
export interface DeclassificationList {
  meetingId: string;
  version: number;
  versionHash: string;
  /** What may be proposed now (after released overlays), in memo order. */
  targets: DeclassifiableItem[];
  proposals: DeclassificationView[];
}

/** A refused proposal's details, in the 409 error's message context. */
export type { DeclassificationProblem };

/** What a consent notice is about. */
export type ConsentNoticeKind =
  | 'requested' // awaits your party's answer
  | 'withdrawn' // the text changed; your party's consent was withdrawn
  | 'reminder' // the deadline approaches
  | 'blocked' // a party objected
  | 'released'; // every party consented

/** In-app notice (Socket.io `consentNotice`) sent to negotiators. Never the statement text. */
export interface ConsentNotice {
  kind: ConsentNoticeKind;
  requestId: string;
  requestKind: ConsentRequestKind;
  groupId: string;
  /** Statement title or declassification label (negotiators only receive notices). */
  title: string;
  round: number | null;
  deadline: string | null;
  /** The client route to open. */
  path: string;
}
