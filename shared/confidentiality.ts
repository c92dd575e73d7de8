import { can } from './permissions';
import type { Role } from './roles';

/** Confidentiality levels, from most open to most closed. */
export const CONFIDENTIALITY_LEVELS = ['public', 'groups', 'confidential'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

/** The default: shared with the party groups, not published. */
export const DEFAULT_CONFIDENTIALITY: Confidentiality = 'groups';

/** Who is looking: the negotiators, the party groups (readers), or anyone (public rendering). */
export type Audience = 'negotiators' | 'groups' | 'public';

const MOST_CLOSED_VISIBLE: Record<Audience, number> = { public: 0, groups: 1, negotiators: 2 };

/** The audience a member of the group belongs to. */
export function audienceForRole(role: Role): Audience {
  return can({ role }, 'content.readConfidential') ? 'negotiators' : 'groups';
}

/** Whether content at `level` may reach `audience`. */
export function isVisibleTo(level: Confidentiality, audience: Audience): boolean {
  return CONFIDENTIALITY_LEVELS.indexOf(level) <= MOST_CLOSED_VISIBLE[audience];
}

/** True when moving from `from` to `to` opens content to a wider audience. */
export function isLowering(from: Confidentiality, to: Confidentiality): boolean {
  return CONFIDENTIALITY_LEVELS.indexOf(to) < CONFIDENTIALITY_LEVELS.indexOf(from);
}

/** A change of a block's or section's confidentiality level, as recorded by the server. */
export interface ConfidentialityChange {
  id: string;
  meetingId: string;
  /** The section, block or dissent whose level changed. */
  targetId: string;
  targetKind: 'section' | 'notes' | 'agreedPoint' | 'followUp' | 'dissent';
  excerpt: string;
  from: Confidentiality;
  to: Confidentiality;
  /** True when the change opens the content to a wider audience. */
  lowered: boolean;
  userId: string;
  userName: string;
  partyId: string | null;
  at: string;
}
