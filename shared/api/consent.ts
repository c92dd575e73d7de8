// Response bodies of the unanimity gate's routes (issues 5 and 13): joint statements,
// declassification proposals, publications of approved memos, their consent state, the public
// listing and the notices parties receive.
import type { Confidentiality } from '../confidentiality';
import type { ConsentAnswer, ConsentState } from '../consent';
import type {
  DeclassifiableItem,
  DeclassificationProblem,
  DeclassificationTarget,
} from '../memo/declassification';
import type { StatementContent } from '../statements/content';
import type { PersonRef } from './memoVersions';

export const CONSENT_REQUEST_KINDS = ['statement', 'declassification', 'publication'] as const;
export type ConsentRequestKind = (typeof CONSENT_REQUEST_KINDS)[number];

/**
 * `draft`: a statement not yet put to consent (other kinds never are drafts).
 * `in_consent`: waiting for every party of the round; the text is locked.
 * `editing`: a statement taken back from consent to change its text ("Muokkaa tekstiä"): the
 * consents given were withdrawn, and it awaits being put to consent again.
 * `released`: every party consented; frozen.
 */
export type ConsentRequestStatus = 'draft' | 'in_consent' | 'editing' | 'released';

/**
 * Why a round began: put to consent (`request`, also again after an edit), the group's parties
 * changed while the previous round was open (`parties_changed`, same words), or, in rounds stored
 * before issue 13, a stored edit (`text_changed`).
 */
export type ConsentRoundCause = 'request' | 'parties_changed' | 'text_changed';

/**
 * How a round ended: every party consented (`released`), a negotiator took the statement back
 * to edit it (`edited`), or the group's parties changed (`parties_changed`).
 */
export type ConsentRoundEndCause = 'released' | 'edited' | 'parties_changed';

export interface ConsentRoundEndInfo {
  cause: ConsentRoundEndCause;
  at: string;
  /** Who ended it (the negotiator who edits, the last to consent, who changed the parties). */
  by: PersonRef | null;
  /** The parties whose consent the end withdrew (sorted); empty for a release. */
  withdrawn: string[];
  /** For `parties_changed`: the parties added to and removed from the group (sorted). */
  added: string[];
  removed: string[];
}

export interface ConsentRoundInfo {
  round: number;
  cause: ConsentRoundCause;
  at: string;
  /** Who put it to consent; null when the server started it (parties changed, text changed). */
  by: PersonRef | null;
  /** The parties whose consent must be given in this round, fixed when it started. */
  partyIds: string[];
  /** The parties whose consent this round's start withdrew (sorted). */
  withdrawn: string[];
  /** SHA-256 of the statement's canonical text in this round; null for other kinds. */
  hash: string | null;
  /** How the round ended; null while it is the open round. */
  end: ConsentRoundEndInfo | null;
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
  /** The current round (the last one started); null while a statement is a draft. */
  round: number | null;
  /** Deadline for answers set when put to consent (ISO), or null. */
  deadline: string | null;
  /**
   * Every party the gate names: the current round's, the group's now and those of earlier rounds
   * (an ended party keeps its name in the history), in the group's order.
   */
  parties: ConsentParty[];
  /** The open round's state (its parties only); null for a draft or a statement being edited. */
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

/**
 * A memo version's public rendering on the public page (public-level content only). Listed only
 * once every party consented to publishing it; approval alone publishes nothing.
 */
export interface PublicMemoItem {
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: string;
  version: number;
  approvedAt: string;
  /** When the last party consented to publishing it. */
  publishedAt: string;
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

/**
 * The proposal to publish the public parts of one approved memo version, for negotiators. Its
 * title (the request's) is "<meeting title> v<n>", which every member sees already.
 */
export interface PublicationView {
  id: string;
  groupId: string;
  meetingId: string;
  version: number;
  /** The version's stored hash: what is published is that version's public rendering. */
  versionHash: string;
  proposedBy: PersonRef;
  proposedAt: string;
  consent: ConsentView;
}

/** `GET /api/meetings/:id/versions/:n/publication`: whether and how the version is public. */
export interface VersionPublication {
  meetingId: string;
  version: number;
  /** The version's public rendering shows something (else there is nothing to publish). */
  hasPublicContent: boolean;
  /** The proposal, if one was made; its consent's `status` is `released` once published. */
  publication: PublicationView | null;
  /** Where the public reads it once published (a server page, not a client route); else null. */
  publicPath: string | null;
}

/** A refused proposal's details, in the 409 error's message context. */
export type { DeclassificationProblem };

/** What a consent notice is about. */
export type ConsentNoticeKind =
  | 'requested' // awaits your party's answer
  | 'withdrawn' // the statement was taken back to edit its text; your party's consent was withdrawn
  | 'restarted' // the group's parties changed: a new round began, every party answers again
  | 'reminder' // the deadline approaches
  | 'blocked' // a party objected
  | 'released'; // every party consented

/** In-app notice (Socket.io `consentNotice`) sent to negotiators. Never the statement text. */
export interface ConsentNotice {
  kind: ConsentNoticeKind;
  requestId: string;
  requestKind: ConsentRequestKind;
  groupId: string;
  /** Statement title, declassification label or version (negotiators only receive notices). */
  title: string;
  round: number | null;
  deadline: string | null;
  /** The client route to open. */
  path: string;
}
