// iCalendar files for meetings (issue 19): the invitation attached to an email and the private
// calendar feed. Built from a narrow shape that has no agenda, so no agenda item title (which may
// be confidential) can reach a calendar file: a calendar leaves our control like an email does.
import ical, {
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
  type ICalEventData,
} from 'ical-generator';

/** A meeting as a calendar shows it: its title (visible to every member), time, place and link. */
export interface CalendarMeeting {
  id: string;
  title: string;
  startsAt: Date;
  location: string;
  /** The meeting page: the only thing the description carries. */
  link: string;
  /** Grows with each change sent, so calendars replace the entry instead of adding one. */
  sequence: number;
  cancelled: boolean;
}

/** Meetings have no end time in our model; calendars get this length. */
export const MEETING_LENGTH_MS = 2 * 60 * 60 * 1000;

const PRODUCT = { company: 'Neuvottelu', product: 'Neuvottelu', language: 'FI' };

/** Stable across every change and every file: `<meeting id>@<public host>`. */
export function meetingUid(meetingId: string, host: string): string {
  return `${meetingId}@${host}`;
}

function eventData(meeting: CalendarMeeting, host: string, stamp: Date): ICalEventData {
  return {
    id: meetingUid(meeting.id, host),
    sequence: meeting.sequence,
    stamp,
    // UTC: without a VTIMEZONE generator a zoned time would be ambiguous to some clients.
    start: meeting.startsAt,
    end: new Date(meeting.startsAt.getTime() + MEETING_LENGTH_MS),
    summary: meeting.title,
    description: meeting.link,
    url: meeting.link,
    ...(meeting.location && { location: meeting.location }),
    status: meeting.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  };
}

/**
 * The .ics of one meeting sent by email: METHOD:REQUEST for an invitation or an update (same UID,
 * higher SEQUENCE), METHOD:CANCEL when the meeting is cancelled. RFC 5546 wants an ORGANIZER on
 * both; it is the service's own sender address, which replies never reach a person through.
 */
export function meetingInvitationIcs(input: {
  meeting: CalendarMeeting;
  host: string;
  organizer: { name: string; email: string };
  now?: Date;
}): string {
  const { meeting } = input;
  const calendar: ICalCalendar = ical({
    prodId: PRODUCT,
    method: meeting.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    ...eventData(meeting, input.host, input.now ?? new Date()),
    organizer: input.organizer,
  });
  return calendar.toString();
}

/** A member's calendar feed: every meeting of their groups, cancelled ones marked so. */
export function meetingFeedIcs(input: {
  name: string;
  meetings: readonly CalendarMeeting[];
  host: string;
  now?: Date;
}): string {
  const calendar = ical({ prodId: PRODUCT, name: input.name, method: ICalCalendarMethod.PUBLISH });
  const stamp = input.now ?? new Date();
  for (const meeting of input.meetings) calendar.createEvent(eventData(meeting, input.host, stamp));
  return calendar.toString();
}

/** The sender address of `Name <address>` (MAIL_FROM), for the ORGANIZER. */
export function organizerOf(mailFrom: string): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(mailFrom);
  return match
    ? { name: match[1]!.replace(/^"|"$/g, '') || match[2]!, email: match[2]! }
    : { name: mailFrom.trim(), email: mailFrom.trim() };
}
