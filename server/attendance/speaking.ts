// Who speaks for a party at a given moment (issue 19): a deputy speaks always, or, when the
// group chose "vain sijaistaessaan", only while recorded as substituting in the meeting at hand.
// Every channel that lets someone speak for a party (the party room's writes, consent answers)
// turns the membership into an actor here before asking the permission table.
import { DEFAULT_DEPUTIES_SPEAK, deputySpeaks, type DeputiesSpeak } from '../../shared/attendance';
import type { Actor } from '../../shared/permissions';
import { isDeputy } from '../../shared/roles';
import type { GroupDoc, MeetingDoc } from '../db/schema';
import type { Repositories } from '../repositories';

/** The group's setting, with the default for groups that never chose. */
export function deputiesSpeakIn(group: Pick<GroupDoc, 'deputiesSpeak'> | null): DeputiesSpeak {
  return group?.deputiesSpeak ?? DEFAULT_DEPUTIES_SPEAK;
}

/**
 * `actor` (user `userId`) as the permission table should judge them: a deputy carries whether
 * they speak here. `meeting` is the meeting the question belongs to; null for one that belongs
 * to none (a joint statement's consent), where a deputy speaks only if the setting is `always`.
 */
export function speakingActor<A extends Actor>(
  actor: A,
  userId: string,
  setting: DeputiesSpeak,
  meeting: Pick<MeetingDoc, 'people'> | null,
): A & Pick<Actor, 'deputySpeaks'> {
  if (!isDeputy(actor.role)) return actor;
  return { ...actor, deputySpeaks: deputySpeaks(setting, userId, meeting?.people ?? []) };
}

/** The same, reading the group's setting and (only when it matters) the meeting. */
export async function readSpeakingActor<A extends Actor & { groupId: string }>(
  repos: Pick<Repositories, 'groups' | 'meetings'>,
  actor: A,
  userId: string,
  meetingId: string | null,
): Promise<A & Pick<Actor, 'deputySpeaks'>> {
  if (!isDeputy(actor.role)) return actor;
  const setting = deputiesSpeakIn(await repos.groups.findById(actor.groupId));
  if (setting === 'always') return speakingActor(actor, userId, setting, null);
  const meeting = meetingId ? await repos.meetings.findById(meetingId) : null;
  // A meeting of another group (a forged id) counts as none.
  const own = meeting && meeting.groupId === actor.groupId ? meeting : null;
  return speakingActor(actor, userId, setting, own);
}
