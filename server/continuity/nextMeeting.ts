// A new meeting picks up where the last approved memo left off.
import { randomUUID } from 'node:crypto';
import { reviewItemTitle } from '../../shared/continuity';
import type { Locale } from '../../shared/locales';
import type { Repositories } from '../repositories';
import type { MeetingFields } from '../repositories/meetings';

/**
 * `fields` of a meeting being created, continued from the group's most recently approved memo:
 * a first agenda item to review it (titled in `locale`, the creator's language), the version it
 * reviews, and every follow-up and dissent still open. Unchanged when nothing was approved yet.
 */
export async function withContinuity(
  repos: Repositories,
  groupId: string,
  locale: Locale,
  fields: MeetingFields,
): Promise<MeetingFields> {
  const newest = await repos.memoVersions.newestInGroup(groupId);
  const previous = newest && (await repos.meetings.findById(newest.meetingId));
  if (!newest || !previous) return fields;
  const version = newest.version;
  const open = await repos.trackedItems.listByGroup(groupId, { status: 'open' });
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
    review: { meetingId: previous._id, version },
    carriedItemIds: open.map((item) => item._id),
  };
}
