// The one rights gate: every decision about who may do what, on every channel (HTTP routes, the
// collab upgrade and each stored batch, Socket.io joins, consent answers, notices, and the
// client's "may I offer this"), is `can(actor, action, subject)`. Nothing outside this module and
// ./roles.ts compares roles (lint-enforced: see eslint.config.js).
import { NEGOTIATOR_ROLES, OFFICER_ROLES, ROLES, type Role } from './roles';

/** Everything a member of a group may try to do; the server checks each one on every path. */
export const ACTIONS = [
  'group.view',
  'group.edit',
  'group.negotiate',
  'group.administer',
  'party.manage',
  'party.speakFor',
  'member.view',
  'member.invite',
  'member.manage',
  'member.giveRole',
  'member.changeRole',
  'member.remove',
  'meeting.view',
  'meeting.create',
  'meeting.edit',
  'meeting.changeStatus',
  'meeting.recordAttendance',
  'document.upload',
  'document.delete',
  'meeting.invite',
  'memo.edit',
  'memo.approve',
  'approval.delegate',
  'approval.viewDelegations',
  'memo.recordReview',
  'followUp.setStatus',
  'memo.readApproved',
  'memo.receiveDelivery',
  'receipts.view',
  'content.readConfidential',
  'stance.set',
  'consent.view',
  'consent.answer',
  'statement.draft',
  'statement.readReleased',
  'declassification.propose',
  'publication.propose',
  'audit.view',
  'group.export',
  'mail.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The acting member: their role in the group and, for party roles, their party. */
export interface Actor {
  role: Role;
  partyId?: string | null;
  /**
   * For a deputy: whether they speak for their party here, by the group's setting and the
   * meeting's attendance (server/attendance/speaking.ts). Absent: yes, as before issue 19.
   */
  deputySpeaks?: boolean;
}

/** What an action is done to, as far as some rules depend on it. */
export interface Subject {
  /** The party whose stance, dissent or consent answer is being written, or spoken for. */
  partyId?: string | null;
  /** The member being changed or removed. */
  member?: Actor;
  /** The role being given (by invitation or role change). */
  role?: Role;
  /**
   * A delegation of approval to the actor is in force for the meeting at hand (issue 19). The
   * server reads it from the stored delegations at the moment of approval; never from a request.
   */
  actingChair?: boolean;
  /**
   * Whose follow-up or dissent it is (issue 19): `self` when its owner is the acting member, else
   * the owning party's id (a party-owned follow-up, a party's dissent). Null: no known owner.
   */
  owner?: { self: boolean; partyId: string | null } | null;
}

type Rule = readonly Role[] | ((actor: Actor, subject: Subject) => boolean);

const EVERYONE: readonly Role[] = ROLES;
const NEGOTIATORS: readonly Role[] = NEGOTIATOR_ROLES;
const MEETING_ORGANISERS: readonly Role[] = ['chair', 'vice_chair', 'secretary'];
const GROUP_MANAGERS: readonly Role[] = ['chair', 'admin'];
const ADMINISTRATORS: readonly Role[] = ['admin'];

/**
 * A party speaks only through its own representatives and deputies (a deputy only while
 * `deputySpeaks` allows: the group's setting, issue 19), and officers in it.
 */
function speaksForParty(actor: Actor, subject: Subject): boolean {
  return (
    ((actor.role === 'representative' ||
      (actor.role === 'deputy' && actor.deputySpeaks !== false)) &&
      !!actor.partyId &&
      actor.partyId === subject.partyId) ||
    officerSpeaksForParty(actor, subject)
  );
}

/**
 * Issue 19: a chair, vice-chair or secretary who belongs to a party speaks for it like its
 * representatives; an officer without a party speaks for none.
 */
function officerSpeaksForParty(actor: Actor, subject: Subject): boolean {
  return (
    (OFFICER_ROLES as readonly Role[]).includes(actor.role) &&
    !!actor.partyId &&
    actor.partyId === subject.partyId
  );
}

/**
 * Who moves a follow-up or dissent along: those who run the meetings, and its owner — the member
 * named, or the people who speak for the party named (or whose dissent it is). An item with no
 * known owner (a free-text owner from an older memo) stays with every negotiator, as before.
 */
function movesTrackedItem(actor: Actor, { owner }: Subject): boolean {
  if (MEETING_ORGANISERS.includes(actor.role)) return true;
  if (!owner) return NEGOTIATORS.includes(actor.role);
  return owner.self || speaksForParty(actor, { partyId: owner.partyId });
}

/** The chair and administrators are above a chair's powers: only an administrator touches them. */
function managesMember(actor: Actor, member: Actor | undefined): boolean {
  if (!member || !GROUP_MANAGERS.includes(actor.role)) return false;
  return actor.role === 'admin' || (member.role !== 'chair' && member.role !== 'admin');
}

/** The permission table. The client reads it only to decide what to offer. */
export const PERMISSIONS: Record<Action, Rule> = {
  'group.view': EVERYONE,
  'group.edit': GROUP_MANAGERS,
  // "Is a negotiator": takes part in the negotiation itself. Follows the live memo, party and
  // statement rooms (collab and Socket.io), sees consent requests, statement drafts and the
  // chair's reasons for reopening, and hears of consent rounds. Readers see none of it.
  'group.negotiate': NEGOTIATORS,
  // An administrator of the group; the group always keeps one.
  'group.administer': ADMINISTRATORS,
  'party.manage': GROUP_MANAGERS,
  // "Speaks for party P" (subject.partyId): that party's own representatives and deputies, and
  // an officer (chair, vice-chair, secretary) who belongs to it.
  'party.speakFor': speaksForParty,
  'member.view': [...NEGOTIATORS, 'admin'],
  'member.invite': GROUP_MANAGERS,
  // The member administration as a whole; what may be done to whom is the three rules below.
  'member.manage': GROUP_MANAGERS,
  // subject.role: the role may be handed out by invitation or role change (see assignableRoles).
  'member.giveRole': (actor, subject) =>
    subject.role !== undefined && assignableRoles(actor).includes(subject.role),
  // subject.member to subject.role. A chair cannot give away the last say over the group by
  // accident: only an administrator changes the chair's role, or an administrator's.
  'member.changeRole': (actor, { member, role }) =>
    managesMember(actor, member) ||
    (GROUP_MANAGERS.includes(actor.role) && member?.role === 'chair' && role === 'chair'),
  // subject.member: only an administrator removes the chair or an administrator.
  'member.remove': (actor, { member }) => managesMember(actor, member),
  'meeting.view': EVERYONE,
  'meeting.create': MEETING_ORGANISERS,
  'meeting.edit': MEETING_ORGANISERS,
  'meeting.changeStatus': MEETING_ORGANISERS,
  // Who is there and which deputy stands in for whom (issue 19): whoever runs the meeting.
  'meeting.recordAttendance': MEETING_ORGANISERS,
  // Preparation material on an agenda item: anyone at the table brings it; readers only read.
  'document.upload': NEGOTIATORS,
  // Taking a document off the table is the organisers' (never after the memo is approved).
  'document.delete': MEETING_ORGANISERS,
  // "Lähetä kokouskutsu": the invitation, its updates and a cancellation go out from whoever
  // convenes the meeting (issue 19).
  'meeting.invite': MEETING_ORGANISERS,
  'memo.edit': NEGOTIATORS,
  // The chair, or a vice-chair the chair (or an administrator) delegated the approval to, while
  // the delegation is in force for the meeting at hand (subject.actingChair; issue 19). Reopening
  // follows the same rule.
  'memo.approve': (actor, { actingChair }) =>
    actor.role === 'chair' || (actor.role === 'vice_chair' && actingChair === true),
  // Delegating the approval to a vice-chair, and ending a delegation early: the chair, or an
  // administrator when the chair cannot be reached (the audit says who).
  'approval.delegate': GROUP_MANAGERS,
  // Who is acting chair and when: the negotiators (the vice-chair learns of it) and administrators.
  'approval.viewDelegations': [...NEGOTIATORS, 'admin'],
  // The group reviews the previous memo at its next meeting; who runs the meeting records it.
  'memo.recordReview': MEETING_ORGANISERS,
  // subject.owner: a follow-up's status (avoin … ei toteuteta), or a dissent's open / done.
  'followUp.setStatus': movesTrackedItem,
  'memo.readApproved': EVERYONE,
  // The party groups are sent (and told of) each approved version; negotiators were there.
  // Whose read receipts the chair follows.
  'memo.receiveDelivery': ['reader'],
  // Who has read what is the chair's to follow up, not something members watch each other by.
  'receipts.view': ['chair'],
  'content.readConfidential': NEGOTIATORS,
  // A party speaks only through its own people (representatives, deputies, officers in it).
  'stance.set': speaksForParty,
  // A consent request's state, answers and objection reasons: readers may not learn it exists.
  'consent.view': NEGOTIATORS,
  // Consent to a joint statement or declassification, by the same rule: the chair cannot consent
  // on a party's behalf, or unanimity would mean nothing.
  'consent.answer': speaksForParty,
  // Drafting, editing and putting a joint statement to consent; the consent itself is per party.
  'statement.draft': NEGOTIATORS,
  'statement.readReleased': EVERYONE,
  // Anyone who saw the closed content may ask to open it; every party must then consent.
  'declassification.propose': NEGOTIATORS,
  // Approval publishes nothing: any negotiator may ask to publish a version's public parts, and
  // every party must consent (the group's rule: nothing public without common agreement).
  'publication.propose': NEGOTIATORS,
  'audit.view': GROUP_MANAGERS,
  // The whole group in one zip (JSON and every approved version's PDF), to keep or take
  // elsewhere. Which edition (negotiators' or readers') follows the member's own audience.
  'group.export': GROUP_MANAGERS,
  // The group's outbox: what is waiting or failed, to whom, and "retry now".
  'mail.manage': GROUP_MANAGERS,
};

/** Whether `actor` may perform `action` on `subject`. */
export function can(actor: Actor, action: Action, subject: Subject = {}): boolean {
  const rule = PERMISSIONS[action];
  return typeof rule === 'function' ? rule(actor, subject) : rule.includes(actor.role);
}

/** The party `actor` speaks for (answers consent and writes stances for), if any. */
export function partySpokenFor(actor: Actor): string | null {
  const partyId = actor.partyId ?? null;
  return partyId && can(actor, 'party.speakFor', { partyId }) ? partyId : null;
}

/** Which roles an actor may hand out by invitation or role change. */
export function assignableRoles(actor: Actor): readonly Role[] {
  if (actor.role === 'admin') return EVERYONE;
  if (actor.role === 'chair') return EVERYONE.filter((role) => role !== 'admin');
  return [];
}
