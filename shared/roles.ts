// The roles and facts about them that are not rights: who may do what is shared/permissions.ts.

/** Every role a person can hold in one negotiation group. */
export const ROLES = [
  'chair',
  'vice_chair',
  'secretary',
  'representative',
  'deputy',
  'reader',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/** The group's negotiators: the people who attend, draft the memo and see confidential content. */
export const NEGOTIATOR_ROLES = [
  'chair',
  'vice_chair',
  'secretary',
  'representative',
  'deputy',
] as const satisfies readonly Role[];

/** Roles that speak for, or read on behalf of, one party. */
export const PARTY_ROLES = [
  'representative',
  'deputy',
  'reader',
] as const satisfies readonly Role[];

/**
 * The group's officers (issue 19): each may also belong to a party (optional), and then speaks
 * for it like its representatives.
 */
export const OFFICER_ROLES = [
  'chair',
  'vice_chair',
  'secretary',
] as const satisfies readonly Role[];

/** True when a person in this role may belong to a party: party roles must, officers may. */
export function roleMayHaveParty(role: Role): boolean {
  return roleRequiresParty(role) || (OFFICER_ROLES as readonly Role[]).includes(role);
}

/** True when a person in this role must belong to a party. */
export function roleRequiresParty(role: Role): boolean {
  return (PARTY_ROLES as readonly Role[]).includes(role);
}

/**
 * True for the chair's role: a group has at most one, so giving it takes the group's chair seat
 * (a unique-key insert) and taking it away frees the seat.
 */
export function isChairSeat(role: Role): boolean {
  return role === 'chair';
}

/**
 * Who stands in for whom at a meeting (issue 19): a deputy, for an absent representative of the
 * same party ("varavaltuutetut… heidän poissa ollessaan", in the deputies' order).
 */
export function standsInFor(substitute: Role, absent: Role): boolean {
  return substitute === 'deputy' && absent === 'representative';
}

/** True for a deputy (varajäsen), whose order in the party and whose substitutions count. */
export function isDeputy(role: Role): boolean {
  return role === 'deputy';
}
