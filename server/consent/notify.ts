// Who hears about a consent request, and how: an in-app notice over the bus (Socket.io carries it
// to the users' rooms) and an email with a link only. Awaiting an answer, a withdrawn consent and
// a reminder go to the party's own representatives and deputies; an objection, a round restarted
// because the group's parties changed, and the release go to every negotiator. Readers hear
// nothing: a statement does not exist for them before release.
import type { ConsentNotice, ConsentNoticeKind } from '../../shared/api/consent';
import { can, partySpokenFor } from '../../shared/permissions';
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
  return members.filter((member) => {
    const partyId = partySpokenFor(member);
    return partyId !== null && parties.has(partyId);
  });
}

function negotiatorsOf(members: readonly MembershipDoc[]) {
  return members.filter((member) => can(member, 'group.negotiate'));
}

export interface NoticeInput {
  kind: ConsentNoticeKind;
  round: number | null;
  /** For `requested`, `withdrawn`, `reminder`: the parties told. Ignored for the others. */
  partyIds?: readonly string[];
  /** The deadline the notice is about (the request's, or the one a party asked for). */
  deadline?: Date | null;
  /**
   * Makes the emails' outbox keys (`<mailKey>:<user id>`), so that storing them again stores
   * nothing twice (a reminder's claim key). Without it every call stores new emails.
   */
  mailKey?: string;
}

/** A notice worked out but not yet given: its in-app part and its emails, done separately. */
export interface PreparedNotice {
  /** The in-app notice over the bus (Socket.io carries it to the users' rooms). */
  publish(): void;
  /** Store the emails in the outbox; resolves once they are stored. */
  mail(): Promise<void>;
}

/** Who hears of `input` and what they get; null when nobody does. */
export async function prepareConsentNotice(
  ctx: AppContext,
  request: ConsentRequestDoc,
  input: NoticeInput,
): Promise<PreparedNotice | null> {
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
  if (recipients.length === 0) return null;

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
  const users = await repos.users.findByIds(userIds);
  const link = `${ctx.publicUrl()}${path}`;
  return {
    publish: () => ctx.events.publish({ type: 'consentNotice', userIds, notice }),
    async mail() {
      await ctx.outbox.enqueue(
        users.map((user) => ({
          groupId: request.groupId,
          kind: input.kind === 'reminder' ? ('reminder' as const) : ('consent' as const),
          ...(input.mailKey !== undefined && { key: `${input.mailKey}:${user._id}` }),
          to: user.email,
          ...consentNoticeMail({
            locale: user.locale,
            kind: input.kind,
            requestKind: request.kind,
            groupName: group?.name ?? '',
            deadline,
            link,
          }),
        })),
      );
    },
  };
}

/** Send one notice in-app, and store its emails in the outbox (which sends them). */
export async function notifyConsent(
  ctx: AppContext,
  request: ConsentRequestDoc,
  input: NoticeInput,
): Promise<void> {
  const notice = await prepareConsentNotice(ctx, request, input);
  if (!notice) return;
  notice.publish();
  try {
    await notice.mail();
  } catch (error) {
    // What caused the notice is stored already; the caller's answer must not say otherwise.
    ctx.logger.error(
      { err: error, requestId: request._id },
      'storing consent notice emails failed',
    );
  }
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
