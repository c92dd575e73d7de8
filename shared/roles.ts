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

/** True for the five roles that take part in negotiations. */
export function isNegotiator(role: Role): boolean {
  return (NEGOTIATOR_ROLES as readonly Role[]).includes(role);
}

/** True when a person in this role must belong to a party. */
export function roleRequiresParty(role: Role): boolean {
  return (PARTY_ROLES as readonly Role[]).includes(role);
}
