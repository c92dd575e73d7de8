// An approved memo locks its meeting, and a cancelled meeting was never held: neither changes
// again on any HTTP route (the collab server locks their rooms itself, server/collab).
import { isMeetingLocked } from '../../shared/meetings';
import type { MeetingDoc } from '../db/schema';
import { conflict } from '../errors';

/** Throws a 409 naming why when `meeting` is locked; `what` is what the request tried to change. */
export function refuseIfMeetingLocked(meeting: Pick<MeetingDoc, 'status'>, what: string): void {
  if (!isMeetingLocked(meeting.status)) return;
  throw conflict(
    meeting.status === 'cancelled'
      ? `The meeting was cancelled; ${what} can no longer change.`
      : `The memo is approved; ${what} can no longer change.`,
  );
}
