// Who hears about a consent request, and how: an in-app notice over the bus (Socket.io carries it
// to the users' rooms) and an email with a link only. Awaiting an answer, a withdrawn consent and
// a reminder go to the party's own representatives and deputies; an objection, a round restarted
// because the group's parties changed, and the release go to every negotiator. Readers hear
// nothing: a statement does not exist for them before release.
import type { ConsentNotice, ConsentNoticeKind } from '../../shared/api/consent';
import { isNegotiator } from '../../shared/roles';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, MembershipDoc } from '../db/schema';
import { versionPath } from '../delivery/deliverVersion';
import { consentNoticeMail } from '../mail/templates';

/** The client route where a request is answered. */
export function consentPath(request: ConsentRequestDoc): string {
  const version = request.declassification?.version ?? request.publication?.version;
  if (request.kind !== 'statement' && request.meetingId && version !== undefined)
    return versionPath({ _id: request.meetingId, groupId: request.groupId }, version);
  return `/groups/${request.groupId}/statements/${request._id}`;
}

/** The members who speak for one of `partyIds`. */
function speakersFor(members: readonly MembershipDoc[], partyIds: readonly string[]) {
  const parties = new Set(partyIds);
  return members.filter(
    (member) =>
      (member.role === 'representative' || member.role === 'deputy') &&
      member.partyId !== null &&
      parties.has(member.partyId),
  );
}

function negotiatorsOf(members: readonly MembershipDoc[]) {
  return members.filter((member) => isNegotiator(member.role));
}

export interface NoticeInput {
  kind: ConsentNoticeKind;
  round: number | null;
  /** For `requested`, `withdrawn`, `reminder`: the parties told. Ignored for the others. */
  partyIds?: readonly string[];
  /** The deadline the notice is about (the request's, or the one a party asked for). */
  deadline?: Date | null;
}

/**
 * Send one notice in-app and by email. Returns once the in-app notice is out; the emails follow
 * in the background (SMTP may be slow, and the answer or party change that caused the notice
 * should not wait for it).
 */
export async function notifyConsent(
  ctx: AppContext,
  request: ConsentRequestDoc,
  input: NoticeInput,
): Promise<void> {
  const { repos } = ctx;
  const [group, members] = await Promise.all([
    repos.groups.findById(request.groupId),
    repos.memberships.listByGroup(request.groupId),
  ]);
  const toParties =
    input.kind === 'requested' || input.kind === 'withdrawn' || input.kind === 'reminder';
  const recipients = toParties
    ? speakersFor(members, input.partyIds ?? [])
    : negotiatorsOf(members);
  if (recipients.length === 0) return;

  const deadline = input.deadline === undefined ? request.deadline : input.deadline;
  const path = consentPath(request);
  const notice: ConsentNotice = {
    kind: input.kind,
    requestId: request._id,
    requestKind: request.kind,
    groupId: request.groupId,
    title: request.title,
    round: input.round,
    deadline: deadline?.toISOString() ?? null,
    path,
  };
  const userIds = [...new Set(recipients.map((member) => member.userId))];
  ctx.events.publish({ type: 'consentNotice', userIds, notice });

  const users = await repos.users.findByIds(userIds);
  const link = `${ctx.publicUrl()}${path}`;
  const mails = users.map((user) =>
    ctx.mailer.send({
      to: user.email,
      ...consentNoticeMail({
        locale: user.locale,
        kind: input.kind,
        requestKind: request.kind,
        groupName: group?.name ?? '',
        deadline,
        link,
      }),
    }),
  );
  // The mailer logs its own failures; this only keeps a rejection from going unhandled.
  Promise.all(mails).catch((error: unknown) =>
    ctx.logger.error({ err: error, requestId: request._id }, 'consent notice emails failed'),
  );
}

/** Every negotiator of the group refetches the request's gate if they show it. */
export async function announceConsentChange(
  ctx: AppContext,
  request: ConsentRequestDoc,
): Promise<void> {
  const members = await ctx.repos.memberships.listByGroup(request.groupId);
  const userIds = negotiatorsOf(members).map((member) => member.userId);
  if (userIds.length > 0)
    ctx.events.publish({ type: 'consentChanged', userIds, requestId: request._id });
}
