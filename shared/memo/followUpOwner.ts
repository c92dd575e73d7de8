// Who prepares a follow-up (issue 19): a member of the group or one of its parties, named in the
// memo by a reference, or — in memos written before owners were picked — free text.

/** A follow-up's owner reference as stored in the memo's `ownerRef` attribute. */
export interface OwnerRef {
  kind: 'member' | 'party';
  /** The member's user id or the party's id (UUIDs on both engines). */
  id: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OWNER_REF_PATTERN = new RegExp(`^(member|party):(${UUID})$`);

/** `member:<userId>` or `party:<partyId>`. */
export function formatOwnerRef(ref: OwnerRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** The reference in `value`, or null for anything that is not exactly one. */
export function parseOwnerRef(value: unknown): OwnerRef | null {
  if (typeof value !== 'string') return null;
  const match = OWNER_REF_PATTERN.exec(value);
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1] as OwnerRef['kind'], id: match[2] };
}

/**
 * Whose tracked item it is, as `followUp.setStatus` asks (shared/permissions.ts): a dissent is its
 * party's; a follow-up its owner member's (`self` for them) or owner party's; an owner written as
 * text is nobody's in particular (null).
 */
export function trackedItemOwner(
  item: { kind: 'followUp' | 'dissent'; partyId: string | null; ownerRef?: OwnerRef | null },
  userId: string,
): { self: boolean; partyId: string | null } | null {
  if (item.kind === 'dissent') return { self: false, partyId: item.partyId };
  const ref = item.ownerRef;
  if (!ref) return null;
  return ref.kind === 'member'
    ? { self: ref.id === userId, partyId: null }
    : { self: false, partyId: ref.id };
}

const isoDayParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The moment's day in Finland as `YYYY-MM-DD`: due dates are Finnish calendar days. */
export function finnishIsoDay(moment: Date): string {
  const parts = Object.fromEntries(
    isoDayParts.formatToParts(moment).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** How many days before its due date a follow-up's owners are reminded (once). */
export const FOLLOW_UP_REMINDER_LEAD_DAYS = 3;

/** `day` (`YYYY-MM-DD`) moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  const moved = new Date(0);
  moved.setUTCFullYear(year, month - 1, date + days);
  return moved.toISOString().slice(0, 10);
}

/** Whether a follow-up due `due` (`YYYY-MM-DD` or '') is late on `today` (same form). */
export function isOverdue(due: string, today: string): boolean {
  return due !== '' && due < today;
}
