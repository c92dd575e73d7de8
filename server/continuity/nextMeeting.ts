// A new meeting picks up where the memo before it left off.
import { randomUUID } from 'node:crypto';
import { reviewItemTitle } from '../../shared/continuity';
import type { Locale } from '../../shared/locales';
import type { MeetingDoc, MemoVersionDoc } from '../db/schema';
import type { Repositories } from '../repositories';
import type { MeetingFields } from '../repositories/meetings';

/**
 * `fields` of a meeting being created, continued from the approved memo of the group's latest
 * meeting dated before it: a first agenda item to review it (titled in `locale`, the creator's
 * language), the version it reviews, and every follow-up and dissent still open from memos of
 * meetings before it. Unchanged when no earlier meeting has an approved memo.
 *
 * Meeting date, not approval order: a meeting recorded afterwards for 15.1.2020 must not review
 * (nor carry items from) a memo of December 2026 just because that one was approved last.
 */
export async function withContinuity(
  repos: Repositories,
  groupId: string,
  locale: Locale,
  fields: MeetingFields,
): Promise<MeetingFields> {
  const found = await previousMemo(repos, groupId, fields.startsAt);
  if (!found) return fields;
  const { meeting: previous, version } = found;
  // Everything still to be done: open, in progress, or taken to the council's preparation.
  const open = await repos.trackedItems.listByGroup(groupId, { unfinished: true });
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
    review: { meetingId: previous._id, version: version.version },
    carriedItemIds: open
      .filter((item) => item.meetingStartsAt.getTime() < fields.startsAt.getTime())
      .map((item) => item._id),
  };
}

/** The newest approved version of the latest meeting dated before `startsAt`, if any. */
async function previousMemo(
  repos: Repositories,
  groupId: string,
  startsAt: Date,
): Promise<{ meeting: MeetingDoc; version: MemoVersionDoc } | null> {
  // Latest first; usually the first earlier meeting has an approved memo.
  const meetings = await repos.meetings.listByGroup(groupId);
  for (const listed of meetings) {
    if (listed.startsAt.getTime() >= startsAt.getTime()) continue;
    const version = await repos.memoVersions.newestOfMeeting(listed._id);
    if (!version) continue;
    const meeting = await repos.meetings.findById(listed._id);
    if (meeting) return { meeting, version };
  }
  return null;
}
