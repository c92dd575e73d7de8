// Reminders of follow-ups' due dates (issue 19): a few days before (`soon`) and once late
// (`overdue`), each once per item, due date and kind. "Once" is a claim under the reminder's key,
// as with consent reminders (server/consent/reminders.ts): the emails are stored in the outbox
// under keys made from it before the claim is taken, so two instances, or a pass cut short, never
// send one twice. The owners hear of it: the member named, or those who speak for the party
// named; only those who may read the follow-up, and its text only where it is not confidential.
import { wantsEmail } from '../../shared/api/mail';
import { audienceForRole, isVisibleTo } from '../../shared/confidentiality';
import {
  addDays,
  finnishIsoDay,
  FOLLOW_UP_REMINDER_LEAD_DAYS,
} from '../../shared/memo/followUpOwner';
import type { FollowUpReminder } from '../../shared/realtime/events';
import type { AppContext } from '../context';
import { startReminderPasses, type ReminderJob } from '../consent/reminders';
import type { TrackedItemDoc } from '../db/schema';
import { followUpReminderMail } from '../mail/templates';
import { ownedBy } from './myFollowUps';

/** Where a reminder leads: the person's own follow-ups. */
export const MY_FOLLOW_UPS_PATH = '/my-follow-ups';

/** The claim key of one reminder: a changed due date is reminded of again. */
export const followUpReminderKey = (item: TrackedItemDoc, kind: FollowUpReminder['kind']) =>
  `followUpReminder:${item._id}:${item.due}:${kind}`;

/** The owners of `item` who may read it. */
async function ownersOf(ctx: Pick<AppContext, 'repos'>, item: TrackedItemDoc) {
  const members = await ctx.repos.memberships.listByGroup(item.groupId);
  return members.filter(
    (member) =>
      ownedBy(item.ownerRef, member) &&
      isVisibleTo(item.confidentiality, audienceForRole(member.role)),
  );
}

/** One pass: every reminder due at `now`; returns how many reached someone. */
export async function sendFollowUpReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const { repos } = ctx;
  const today = finnishIsoDay(now);
  const items = await repos.trackedItems.unfinishedDueBy(
    addDays(today, FOLLOW_UP_REMINDER_LEAD_DAYS),
  );
  let given = 0;
  for (const item of items) {
    if (!item.ownerRef) continue;
    const kind: FollowUpReminder['kind'] = item.due < today ? 'overdue' : 'soon';
    const key = followUpReminderKey(item, kind);
    if (await repos.claims.isClaimed(key)) continue;
    const owners = await ownersOf(ctx, item);
    const userIds = [...new Set(owners.map((owner) => owner.userId))];
    const [users, group] = await Promise.all([
      repos.users.findByIds(userIds),
      repos.groups.findById(item.groupId),
    ]);
    const link = `${ctx.publicUrl()}${MY_FOLLOW_UPS_PATH}`;
    await ctx.outbox.enqueue(
      users
        .filter((user) => !user.disabledAt && wantsEmail(user.emailPreference, 'followUpReminder'))
        .map((user) => ({
          groupId: item.groupId,
          kind: 'followUpReminder' as const,
          key: `${key}:${user._id}`,
          to: user.email,
          ...followUpReminderMail({
            locale: user.locale,
            kind,
            groupName: group?.name ?? '',
            due: item.due,
            text: item.confidentiality === 'confidential' ? null : item.text,
            link,
          }),
        })),
    );
    if (!(await repos.claims.claim(key))) continue;
    // Claimed even when nobody may hear of it: a later pass has nothing to reconsider.
    if (userIds.length === 0) continue;
    const notice: FollowUpReminder = {
      groupId: item.groupId,
      itemId: item._id,
      kind,
      due: item.due,
    };
    ctx.events.publish({ type: 'followUpReminder', userIds, notice });
    given += 1;
  }
  return given;
}

/** Run `sendFollowUpReminders` on the consent reminders' interval; never two passes at once. */
export function startFollowUpReminders(ctx: AppContext): ReminderJob {
  return startReminderPasses(
    ctx,
    (context) => sendFollowUpReminders(context),
    'follow-up reminders failed',
  );
}
