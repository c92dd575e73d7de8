// The one rights gate: every decision about who may do what, on every channel (HTTP routes, the
// collab upgrade and each stored batch, Socket.io joins, consent answers, notices, and the
// client's "may I offer this"), is `can(actor, action, subject)`. Nothing outside this module and
// ./roles.ts compares roles (lint-enforced: see eslint.config.js).
import { NEGOTIATOR_ROLES, ROLES, type Role } from './roles';

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
  'document.upload',
  'document.delete',
  'meeting.invite',
  'memo.edit',
  'memo.approve',
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

/** A party speaks only through its own representatives and deputies. */
function speaksForParty(actor: Actor, subject: Subject): boolean {
  return (
    (actor.role === 'representative' || actor.role === 'deputy') &&
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
  // "Speaks for party P" (subject.partyId): that party's own representatives and deputies.
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
  // Preparation material on an agenda item: anyone at the table brings it; readers only read.
  'document.upload': NEGOTIATORS,
  // Taking a document off the table is the organisers' (never after the memo is approved).
  'document.delete': MEETING_ORGANISERS,
  // "Lähetä kokouskutsu": the invitation, its updates and a cancellation go out from whoever
  // convenes the meeting (issue 19).
  'meeting.invite': MEETING_ORGANISERS,
  'memo.edit': NEGOTIATORS,
  // Only the chair: the vice-chair stands in for meeting duties but never approves.
  'memo.approve': ['chair'],
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
  // A party speaks only through its own representatives and deputies.
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
