import { meetingAsMember } from '../../auth/meetingMembership';
import { randomUUID } from 'node:crypto';
import type { CreateMeetingRequest } from '../../../shared/api/schemas';
import type { Meeting, MeetingContinuity, MeetingSummary } from '../../../shared/api/types';
import { audienceForRole } from '../../../shared/confidentiality';
import { hasCaseLink } from '../../../shared/caseLinks';
import { canTransition, redactAgenda, type AgendaItem } from '../../../shared/meetings';
import { meetingContinuity } from '../../continuity/meetingContinuity';
import { withContinuity } from '../../continuity/nextMeeting';
import { invitationStatus, sendMeetingInvitation } from '../../meetingInvitations/sendInvitation';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { MeetingDoc, MembershipDoc } from '../../db/schema';
import { AppError, conflict } from '../../errors';
import { ApiRouter } from '../../http/api';
import { meetingRoutes as routes } from '../../../shared/api/routes/meetings';
import { authorize, authorizeInGroup, idParam, requireAuth } from '../../http/context';
import { refuseIfMeetingLocked } from '../../http/meetingLock';
import type { Request } from 'express';
import {
  attendeesOf,
  partiesRecordedByPerson,
  recordPeopleAttendance,
} from '../../attendance/record';

type MeetingInput = z.output<typeof CreateMeetingRequest>;

/** The meeting as this member may see it: agenda items above their level become markers. */
function toMeeting(
  meeting: MeetingDoc,
  viewer: MembershipDoc,
  continuity: MeetingContinuity,
): Meeting {
  return {
    id: meeting._id,
    groupId: meeting.groupId,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    location: meeting.location,
    videoLink: meeting.videoLink,
    councilMeetingDate: meeting.councilMeetingDate,
    status: meeting.status,
    agenda: redactAgenda(meeting.agenda, audienceForRole(viewer.role)),
    attendance: meeting.attendance,
    people: meeting.people ?? [],
    revision: meeting.revision,
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
    ...continuity,
  };
}

function toSummary(meeting: MeetingDoc): MeetingSummary {
  return {
    id: meeting._id,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    status: meeting.status,
    location: meeting.location,
    agendaItemCount: meeting.agenda.length,
  };
}

/**
 * A case link's URL (already checked as https) as the URL parser writes it: spaces, quotes and
 * angle brackets percent-encoded, so no rendering (a Markdown autolink, an HTML attribute, a PDF
 * link) can be broken out of.
 */
function normalisedUrl(url: string): string {
  return url ? new URL(url).href : '';
}

/** Give new agenda items ids; ids sent back by the client must be unique within the agenda. */
function normaliseAgenda(agenda: MeetingInput['agenda']): AgendaItem[] {
  const seen = new Set<string>();
  return agenda.map((item, index) => {
    const id = item.id ?? randomUUID();
    if (seen.has(id)) {
      throw new AppError('validation_failed', 'Agenda item ids repeat.', [
        { path: `agenda.${index}.id`, message: 'duplicate id' },
      ]);
    }
    seen.add(id);
    return {
      id,
      title: item.title,
      description: item.description,
      confidentiality: item.confidentiality,
      ...(item.caseLink && hasCaseLink(item.caseLink)
        ? { caseLink: { ...item.caseLink, url: normalisedUrl(item.caseLink.url) } }
        : {}),
    };
  });
}

function meetingFields(input: MeetingInput) {
  return {
    title: input.title,
    startsAt: new Date(input.startsAt),
    location: input.location,
    videoLink: input.videoLink,
    councilMeetingDate: input.councilMeetingDate,
    agenda: normaliseAgenda(input.agenda),
  };
}

export function meetingRoutes(ctx: AppContext): ApiRouter {
  const api = new ApiRouter();
  const { repos } = ctx;

  /** The meeting and the caller's membership in its group; 404 for non-members. */
  async function loadMeeting(req: Request) {
    const meetingId = idParam(req, 'meetingId', 'Meeting');
    return meetingAsMember(repos, meetingId, requireAuth(req).user._id);
  }

  /** The response for `viewer`, with what the meeting carries from the previous memo. */
  async function respond(meeting: MeetingDoc, viewer: MembershipDoc): Promise<Meeting> {
    const audience = audienceForRole(viewer.role);
    const [continuity, sent] = await Promise.all([
      meetingContinuity(repos, meeting, audience),
      repos.meetingInvitations.latest(meeting._id),
    ]);
    return {
      ...toMeeting(meeting, viewer, continuity),
      invitation: sent ? invitationStatus(sent, meeting) : null,
    };
  }

  const refuseIfApproved = (meeting: MeetingDoc) => refuseIfMeetingLocked(meeting, 'the meeting');

  api.route(routes.listMeetings, async (req) => {
    const { groupId } = await authorizeInGroup(repos, req, 'meeting.view');
    return (await repos.meetings.listByGroup(groupId)).map(toSummary);
  });

  api.route(routes.createMeeting, async (req, body) => {
    const { groupId, membership } = await authorizeInGroup(repos, req, 'meeting.create');
    const { locale } = requireAuth(req).user;
    const fields = await withContinuity(repos, groupId, locale, meetingFields(body));
    const meeting = await repos.meetings.create(groupId, membership.userId, fields);
    return respond(meeting, membership);
  });

  api.route(routes.getMeeting, async (req) => {
    const { meeting, membership } = await loadMeeting(req);
    authorize(membership, 'meeting.view');
    return respond(meeting, membership);
  });

  api.route(routes.updateMeeting, async (req, body) => {
    const { meeting, membership } = await loadMeeting(req);
    authorize(membership, 'meeting.edit');
    refuseIfApproved(meeting);
    const updated =
      body.revision === meeting.revision
        ? await repos.meetings.commit(meeting, meetingFields(body))
        : null;
    if (!updated)
      throw conflict('Someone else saved this meeting meanwhile; reload to see their changes.');
    return respond(updated, membership);
  });

  api.route(routes.changeMeetingStatus, async (req, body) => {
    const { meeting, membership } = await loadMeeting(req);
    authorize(membership, 'meeting.changeStatus');
    if (!canTransition(meeting.status, body.status)) {
      throw conflict(`A meeting cannot move from ${meeting.status} to ${body.status} here.`);
    }
    const updated = await repos.meetings.commit(meeting, { status: body.status });
    if (!updated) throw conflict('The meeting’s status changed meanwhile; reload.');
    ctx.events.publish({ type: 'meetingStatus', meetingId: updated._id, status: updated.status });
    // Everyone invited gets the cancellation (METHOD:CANCEL); a meeting never invited to has
    // nobody to tell.
    if (updated.status === 'cancelled' && (await repos.meetingInvitations.latest(updated._id))) {
      const { user } = requireAuth(req);
      await sendMeetingInvitation(ctx, updated, { userId: user._id, name: user.name });
    }
    return respond(updated, membership);
  });

  api.route(routes.sendInvitation, async (req) => {
    const { meeting, membership } = await loadMeeting(req);
    authorize(membership, 'meeting.invite');
    // A cancelled meeting's send is its cancellation (again, should the first have been cut short).
    if (meeting.status === 'drafting' || meeting.status === 'approved')
      throw conflict('The meeting has been held; invitations are for meetings to come.');
    const { user } = requireAuth(req);
    const { sent, send } = await sendMeetingInvitation(ctx, meeting, {
      userId: user._id,
      name: user.name,
    });
    return { sent, invitation: invitationStatus(send, meeting) };
  });

  api.route(routes.setAttendance, async (req, body) => {
    const { meeting, membership } = await loadMeeting(req);
    authorize(membership, 'meeting.edit');
    refuseIfApproved(meeting);
    const partyIds = new Set((await repos.groups.listParties(meeting.groupId)).map((p) => p._id));
    const unknown = body.attendance.findIndex((entry) => !partyIds.has(entry.partyId));
    if (unknown >= 0) {
      throw new AppError('validation_failed', 'Unknown party.', [
        { path: `attendance.${unknown}.partyId`, message: 'not a party of this group' },
      ]);
    }
    // A party recorded person by person keeps the status its people give it (issue 19).
    const byPerson = partiesRecordedByPerson(meeting, await attendeesOf(ctx, meeting.groupId));
    const overridden = body.attendance.findIndex((entry) => {
      const stored = meeting.attendance.find((a) => a.partyId === entry.partyId)?.status;
      return byPerson.has(entry.partyId) && stored !== entry.status;
    });
    if (overridden >= 0)
      throw conflict('This party’s attendance follows its people; change theirs instead.');
    const attendance = [
      ...body.attendance.filter((entry) => !byPerson.has(entry.partyId)),
      ...meeting.attendance.filter((entry) => byPerson.has(entry.partyId)),
    ];
    const updated = await repos.meetings.commit(meeting, { attendance });
    if (!updated) throw conflict('The meeting changed meanwhile; reload.');
    return respond(updated, membership);
  });

  api.route(routes.setPeopleAttendance, async (req, body) => {
    const { meeting, membership } = await loadMeeting(req);
    authorize(membership, 'meeting.recordAttendance');
    refuseIfApproved(meeting);
    const { user } = requireAuth(req);
    const updated = await recordPeopleAttendance(ctx, meeting, body, {
      userId: user._id,
      name: user.name,
    });
    return respond(updated, membership);
  });

  return api;
}
