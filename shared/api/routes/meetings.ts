import { z } from 'zod';
import { defineRoutes, json } from '../contract';
import { MeetingSchema, MeetingSummarySchema, SendInvitationResultSchema } from '../responses';
import {
  ChangeMeetingStatusRequest,
  CreateMeetingRequest,
  SetAttendanceRequest,
  SetPeopleAttendanceRequest,
  UpdateMeetingRequest,
} from '../schemas';

export const meetingRoutes = defineRoutes('meetings', {
  listMeetings: {
    method: 'get',
    path: '/groups/:groupId/meetings',
    summary: 'Meetings, newest first',
    response: json(z.array(MeetingSummarySchema)),
  },
  createMeeting: {
    method: 'post',
    path: '/groups/:groupId/meetings',
    summary: 'Plan a meeting with its agenda',
    body: CreateMeetingRequest,
    response: json(MeetingSchema),
  },
  getMeeting: {
    method: 'get',
    path: '/meetings/:meetingId',
    summary: 'A meeting, redacted for the caller',
    response: json(MeetingSchema),
  },
  updateMeeting: {
    method: 'put',
    path: '/meetings/:meetingId',
    summary: 'Edit a meeting and its agenda (needs the revision it was loaded at)',
    body: UpdateMeetingRequest,
    response: json(MeetingSchema),
  },
  changeMeetingStatus: {
    method: 'post',
    path: '/meetings/:meetingId/status',
    summary: 'Move a meeting along its lifecycle',
    body: ChangeMeetingStatusRequest,
    status: 200,
    response: json(MeetingSchema),
  },
  sendInvitation: {
    method: 'post',
    path: '/meetings/:meetingId/invitation',
    summary:
      'Send the meeting invitation (or its update) to every member: an in-app notice and a link-only email with an .ics',
    status: 200,
    response: json(SendInvitationResultSchema),
  },
  setAttendance: {
    method: 'put',
    path: '/meetings/:meetingId/attendance',
    summary: 'Record which parties attend',
    body: SetAttendanceRequest,
    response: json(MeetingSchema),
  },
  setPeopleAttendance: {
    method: 'put',
    path: '/meetings/:meetingId/attendance/people',
    summary:
      'Record who attends, person by person, and which deputy substitutes whom (the parties’ attendance follows)',
    body: SetPeopleAttendanceRequest,
    response: json(MeetingSchema),
  },
});
