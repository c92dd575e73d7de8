// A new meeting picks up where the memo before it left off.
import { randomUUID } from 'node:crypto';
import { reviewItemTitle } from '../../shared/continuity';
import type { Locale } from '../../shared/locales';
import type { Repositories } from '../repositories';
import type { MeetingFields } from '../repositories/meetings';

/**
 * `fields` of a meeting being created, continued from the group's latest meeting held before it:
 * a first agenda item to review its memo (titled in `locale`, the creator's language), the
 * approved version it reviews when there is one yet, and every follow-up and dissent still open
 * from memos of meetings before it. Unchanged for the group's first meeting.
 *
 * Meeting date, not approval order: a meeting recorded afterwards for 15.1.2020 must not review
 * (nor carry items from) a memo of December 2026 just because that one was approved last. And
 * the previous meeting is reviewed even before its memo is approved: the meeting page warns of it.
 */
export async function withContinuity(
  repos: Repositories,
  groupId: string,
  locale: Locale,
  fields: MeetingFields,
): Promise<MeetingFields> {
  const previous = await repos.meetings.latestHeldBefore(groupId, fields.startsAt);
  if (!previous) return fields;
  const [version, open] = await Promise.all([
    repos.memoVersions.newestOfMeeting(previous._id),
    // Everything still to be done: open, in progress, or taken to the council's preparation.
    repos.trackedItems.listByGroup(groupId, { unfinished: true }),
  ]);
  return {
    ...fields,
    agenda: [
      {
        id: randomUUID(),
        title: reviewItemTitle(locale, previous.title, previous.startsAt),
        description: '',
        confidentiality: 'groups',
      },
      ...fields.agenda,
    ],
    ...(version && { review: { meetingId: previous._id, version: version.version } }),
    carriedItemIds: open
      .filter((item) => item.meetingStartsAt.getTime() < fields.startsAt.getTime())
      .map((item) => item._id),
  };
}
