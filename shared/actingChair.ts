// The acting chair (issue 19): "varapuheenjohtaja toimii puheenjohtajan sijaisena". The chair (or,
// when the chair cannot be reached, an administrator) delegates the approval of memos to a
// vice-chair for one meeting or for a period of days; the chair keeps the right to approve.
import { finnishDay } from './continuity';

/** What a delegation covers: one meeting, or every meeting of the group on the days from–to. */
export type DelegationScope =
  | { kind: 'meeting'; meetingId: string }
  /** Calendar days in Finnish time, `YYYY-MM-DD`, both included. */
  | { kind: 'period'; from: string; to: string };

/** The longest period one delegation may cover, in days (a council term is four years). */
export const MAX_DELEGATION_DAYS = 366;

/** A delegation as the API returns it. */
export interface ApprovalDelegation {
  id: string;
  groupId: string;
  /** The vice-chair who approves in the chair's place. */
  delegate: { id: string; name: string };
  scope: DelegationScope;
  createdAt: string;
  createdBy: { id: string; name: string };
  /** An administrator delegated (the chair could not be reached), not the chair. */
  byAdministrator: boolean;
  /** Set when the chair or an administrator ended it early. */
  ended: { at: string; by: { id: string; name: string } } | null;
  /** In force now, for the meetings its scope covers (computed by the server when answering). */
  inForce: boolean;
}

/** A moment's calendar day in Finnish time as `YYYY-MM-DD`. */
export function helsinkiDay(moment: Date): string {
  const { day, month, year } = finnishDay(moment);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days from `from` to `to` (`YYYY-MM-DD`), both included; 0 when `to` is before `from`. */
export function periodDays(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return days < 0 ? 0 : days + 1;
}

/**
 * True when a delegation with `scope`, not ended, lets its vice-chair approve the memo of
 * `meetingId` at `now`: the meeting it names, or any meeting while today (Finnish time) is in
 * the period.
 */
export function delegationCovers(
  scope: DelegationScope,
  meetingId: string,
  now: Date = new Date(),
): boolean {
  if (scope.kind === 'meeting') return scope.meetingId === meetingId;
  const today = helsinkiDay(now);
  return scope.from <= today && today <= scope.to;
}

/** Whether the delegation can still come into force (or is in force): not ended, not over. */
export function delegationCurrent(
  delegation: Pick<ApprovalDelegation, 'scope' | 'ended'>,
  now: Date = new Date(),
): boolean {
  if (delegation.ended) return false;
  return delegation.scope.kind === 'meeting' || helsinkiDay(now) <= delegation.scope.to;
}

/** Whether `userId` holds, among `delegations`, one in force now for the meeting `meetingId`. */
export function actsForChair(
  delegations: readonly Pick<ApprovalDelegation, 'delegate' | 'scope' | 'inForce'>[],
  userId: string,
  meetingId: string,
): boolean {
  return delegations.some(
    (delegation) =>
      delegation.inForce &&
      delegation.delegate.id === userId &&
      (delegation.scope.kind === 'period' || delegation.scope.meetingId === meetingId),
  );
}
