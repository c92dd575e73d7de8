// "Lähetä kokouskutsu" (issue 19): the invitation, its updates and the cancellation of a meeting.
// Each send is stored as sequence n of the meeting (a unique insert decides races), then every
// member gets an in-app notice and a link-only email with the meeting's .ics through the outbox.
// Nothing here reads an agenda item's title: the calendar and email builders never receive one.
import { createHash } from 'node:crypto';
import { wantsEmail } from '../../shared/api/mail';
import type { InvitationChange, MeetingInvitationStatus } from '../../shared/api/types';
import type { AppContext } from '../context';
import { meetingInvitationIcs, organizerOf, type CalendarMeeting } from '../calendar/ics';
import type { MeetingDoc, MeetingInvitationDoc, MeetingInvitationSnapshot } from '../db/schema';
import { conflict } from '../errors';
import { meetingInvitationMail } from '../mail/templates';

/** Two sends racing for the same sequence: the loser looks again, a few times at most. */
const MAX_RACES = 5;

export function meetingPath(meeting: Pick<MeetingDoc, '_id' | 'groupId'>): string {
  return `/groups/${meeting.groupId}/meetings/${meeting._id}`;
}

/** The host that makes a meeting's UID stable: `<meeting id>@<host>`. */
export function calendarHost(ctx: AppContext): string {
  return new URL(ctx.publicUrl()).host;
}

/** What an invitation announces of the meeting; the agenda only as a hash. */
export function snapshotOf(meeting: MeetingDoc): MeetingInvitationSnapshot {
  return {
    title: meeting.title,
    startsAt: meeting.startsAt,
    location: meeting.location,
    agendaHash: createHash('sha256').update(JSON.stringify(meeting.agenda)).digest('hex'),
    cancelled: isCancelled(meeting),
  };
}

function isCancelled(meeting: MeetingDoc): boolean {
  return meeting.status === 'cancelled';
}

/** What moved on between what was sent and the meeting now. */
export function changesSince(sent: MeetingInvitationSnapshot, now: MeetingInvitationSnapshot) {
  const changes: InvitationChange[] = [];
  if (sent.title !== now.title) changes.push('title');
  if (new Date(sent.startsAt).getTime() !== new Date(now.startsAt).getTime()) changes.push('time');
  if (sent.location !== now.location) changes.push('place');
  if (sent.agendaHash !== now.agendaHash) changes.push('agenda');
  return changes;
}

function sameAnnouncement(sent: MeetingInvitationSnapshot, now: MeetingInvitationSnapshot) {
  return sent.cancelled === now.cancelled && changesSince(sent, now).length === 0;
}

export function invitationStatus(
  send: MeetingInvitationDoc,
  meeting: MeetingDoc,
): MeetingInvitationStatus {
  return {
    sequence: send.sequence,
    kind: send.kind,
    revision: send.revision,
    sentAt: send.sentAt.toISOString(),
    sentByName: send.sentByName,
    changedSince: changesSince(send.snapshot, snapshotOf(meeting)),
  };
}

/** The meeting as a calendar sees it, at `sequence`. */
export function calendarMeeting(
  ctx: AppContext,
  meeting: MeetingDoc,
  sequence: number,
): CalendarMeeting {
  return {
    id: meeting._id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    location: meeting.location,
    link: `${ctx.publicUrl()}${meetingPath(meeting)}`,
    sequence,
    cancelled: isCancelled(meeting),
  };
}

/**
 * Send the meeting's invitation, or an update when one was sent and the meeting changed since.
 * When nothing changed since the last send, nothing new is sent (`sent` false), but that send's
 * emails are stored again under their keys: a process that died between storing the send and
 * its emails leaves no member without one.
 */
export async function sendMeetingInvitation(
  ctx: AppContext,
  meeting: MeetingDoc,
  sender: { userId: string; name: string },
  now = new Date(),
): Promise<{ sent: boolean; send: MeetingInvitationDoc }> {
  const { repos } = ctx;
  const snapshot = snapshotOf(meeting);
  for (let race = 0; race < MAX_RACES; race++) {
    const latest = await repos.meetingInvitations.latest(meeting._id);
    if (latest && sameAnnouncement(latest.snapshot, snapshot)) {
      await storeEmails(ctx, meeting, latest);
      return { sent: false, send: latest };
    }
    if (!latest && snapshot.cancelled) throw conflict('No invitation was sent; nothing to cancel.');
    const sequence = latest ? latest.sequence + 1 : 0;
    const members = await repos.memberships.listByGroup(meeting.groupId);
    const send: Omit<MeetingInvitationDoc, '_id'> = {
      meetingId: meeting._id,
      groupId: meeting.groupId,
      sequence,
      kind: snapshot.cancelled ? 'cancellation' : latest ? 'update' : 'invitation',
      revision: meeting.revision,
      snapshot,
      sentAt: now,
      sentBy: sender.userId,
      sentByName: sender.name,
      members: members.length,
    };
    if (!(await repos.meetingInvitations.add(send))) continue;
    const stored = { _id: `${meeting._id}#${sequence}`, ...send };
    ctx.events.publish({
      type: 'meetingInvited',
      userIds: members.map((member) => member.userId),
      notice: {
        groupId: meeting.groupId,
        meetingId: meeting._id,
        meetingTitle: meeting.title,
        startsAt: meeting.startsAt.toISOString(),
        kind: send.kind,
      },
    });
    const emailsQueued = await storeEmails(ctx, meeting, stored);
    await ctx.audit.record({
      groupId: meeting.groupId,
      actor: sender,
      action: 'meeting.invite',
      target: { type: 'meeting', id: meeting._id, label: meeting.title },
      details: {
        kind: send.kind,
        sequence,
        revision: meeting.revision,
        members: members.length,
        emailsQueued,
      },
    });
    return { sent: true, send: stored };
  }
  throw conflict('Others are sending this invitation at the same time; reload.');
}

/** One email per member, in their language, keyed by the send and the member. */
async function storeEmails(
  ctx: AppContext,
  meeting: MeetingDoc,
  send: MeetingInvitationDoc,
): Promise<number> {
  const { repos } = ctx;
  if (!ctx.outbox.configured) return 0;
  const [group, members] = await Promise.all([
    repos.groups.findById(meeting.groupId),
    repos.memberships.listByGroup(meeting.groupId),
  ]);
  const users = (await repos.users.findByIds(members.map((member) => member.userId))).filter(
    (user) => wantsEmail(user.emailPreference, 'meetingInvitation'),
  );
  const calendar = {
    method: send.kind === 'cancellation' ? ('CANCEL' as const) : ('REQUEST' as const),
    content: meetingInvitationIcs({
      meeting: calendarMeeting(ctx, meeting, send.sequence),
      host: calendarHost(ctx),
      organizer: organizerOf(ctx.config.mailFrom),
    }),
  };
  const link = `${ctx.publicUrl()}${meetingPath(meeting)}`;
  return ctx.outbox.enqueue(
    users.map((user) => ({
      groupId: meeting.groupId,
      kind: 'meetingInvitation' as const,
      key: `meetingInvitation:${send._id}:${user._id}`,
      to: user.email,
      calendar,
      ...meetingInvitationMail({
        locale: user.locale,
        kind: send.kind,
        groupName: group?.name ?? '',
        meetingTitle: meeting.title,
        startsAt: meeting.startsAt,
        location: meeting.location,
        link,
      }),
    })),
  );
}
