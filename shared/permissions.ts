import type { Role } from './roles';

/** Everything a member of a group may try to do; the server checks each one on every path. */
export const ACTIONS = [
  'group.view',
  'group.edit',
  'party.manage',
  'member.view',
  'member.invite',
  'member.manage',
  'meeting.view',
  'meeting.create',
  'meeting.edit',
  'meeting.changeStatus',
  'memo.edit',
  'memo.approve',
  'memo.readApproved',
  'receipts.view',
  'content.readConfidential',
  'stance.set',
  'consent.answer',
  'statement.draft',
  'statement.readReleased',
  'declassification.propose',
  'publication.propose',
  'audit.view',
  'mail.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The acting member: their role in the group and, for party roles, their party. */
export interface Actor {
  role: Role;
  partyId?: string | null;
}

/** Facts about the target that some rules depend on. */
export interface PermissionContext {
  /** The party whose stance, dissent or consent answer is being written. */
  partyId?: string | null;
}

type Rule = readonly Role[] | ((actor: Actor, context: PermissionContext) => boolean);

const EVERYONE: readonly Role[] = [
  'chair',
  'vice_chair',
  'secretary',
  'representative',
  'deputy',
  'reader',
  'admin',
];
const NEGOTIATORS: readonly Role[] = [
  'chair',
  'vice_chair',
  'secretary',
  'representative',
  'deputy',
];
const MEETING_ORGANISERS: readonly Role[] = ['chair', 'vice_chair', 'secretary'];
const GROUP_MANAGERS: readonly Role[] = ['chair', 'admin'];

/** A party speaks only through its own representatives and deputies. */
function speaksForParty(actor: Actor, context: PermissionContext): boolean {
  return (
    (actor.role === 'representative' || actor.role === 'deputy') &&
    !!actor.partyId &&
    actor.partyId === context.partyId
  );
}

/** The permission table. The client reads it only to decide what to offer. */
export const PERMISSIONS: Record<Action, Rule> = {
  'group.view': EVERYONE,
  'group.edit': GROUP_MANAGERS,
  'party.manage': GROUP_MANAGERS,
  'member.view': [...NEGOTIATORS, 'admin'],
  'member.invite': GROUP_MANAGERS,
  'member.manage': GROUP_MANAGERS,
  'meeting.view': EVERYONE,
  'meeting.create': MEETING_ORGANISERS,
  'meeting.edit': MEETING_ORGANISERS,
  'meeting.changeStatus': MEETING_ORGANISERS,
  'memo.edit': NEGOTIATORS,
  // Only the chair: the vice-chair stands in for meeting duties but never approves.
  'memo.approve': ['chair'],
  'memo.readApproved': EVERYONE,
  // Who has read what is the chair's to follow up, not something members watch each other by.
  'receipts.view': ['chair'],
  'content.readConfidential': NEGOTIATORS,
  // A party speaks only through its own representatives and deputies.
  'stance.set': speaksForParty,
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
  // The group's outbox: what is waiting or failed, to whom, and "retry now".
  'mail.manage': GROUP_MANAGERS,
};

/** Whether `actor` may perform `action` in `context`. */
export function can(actor: Actor, action: Action, context: PermissionContext = {}): boolean {
  const rule = PERMISSIONS[action];
  return typeof rule === 'function' ? rule(actor, context) : rule.includes(actor.role);
}

/** Which roles an actor may hand out by invitation or role change. */
export function assignableRoles(actor: Actor): readonly Role[] {
  if (actor.role === 'admin') return EVERYONE;
  if (actor.role === 'chair') return EVERYONE.filter((role) => role !== 'admin');
  return [];
}
