import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  MEETING_LENGTH_MS,
  meetingFeedIcs,
  meetingInvitationIcs,
  meetingUid,
  organizerOf,
  type CalendarMeeting,
} from '../../../server/calendar/ics';

// Issue 19: the .ics files are read back with ical.js, a real parser, not matched as text.

const HOST = 'neuvottelu.example.fi';
const CANARY = 'SALAINEN-KOHTA-7f3a';
const meeting: CalendarMeeting = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  title: 'Budjettineuvottelu, 3. kokous',
  startsAt: new Date('2026-12-03T12:05:00Z'),
  location: 'Kaupungintalo, kokoushuone 2; Aleksanterinkatu 1',
  link: `https://${HOST}/groups/g1/meetings/a1b2c3d4-0000-4000-8000-000000000001`,
  sequence: 0,
  cancelled: false,
};
const organizer = organizerOf('Neuvottelu <no-reply@neuvottelu.example.fi>');

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents('vevent');
  return { calendar, vevents, event: new ICAL.Event(vevents[0]) };
}

describe('meeting .ics files', () => {
  it('an invitation is one VEVENT with UID, SEQUENCE, UTC times, place, title and a link only', () => {
    const { calendar, vevents, event } = parse(
      meetingInvitationIcs({ meeting, host: HOST, organizer }),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevents).toHaveLength(1);
    expect(event.uid).toBe(`${meeting.id}@${HOST}`);
    expect(event.sequence).toBe(0);
    expect(event.summary).toBe(meeting.title);
    expect(event.location).toBe(meeting.location);
    expect(event.description).toBe(meeting.link);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-03T12:05:00.000Z');
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(
      MEETING_LENGTH_MS,
    );
    expect(vevents[0]!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(vevents[0]!.getFirstPropertyValue('organizer'))).toBe(
      'mailto:no-reply@neuvottelu.example.fi',
    );
  });

  it('an update keeps the UID and carries the higher SEQUENCE and the new time', () => {
    const first = parse(meetingInvitationIcs({ meeting, host: HOST, organizer })).event;
    const moved = { ...meeting, startsAt: new Date('2026-12-04T08:00:00Z'), sequence: 1 };
    const update = parse(meetingInvitationIcs({ meeting: moved, host: HOST, organizer })).event;
    expect(update.uid).toBe(first.uid);
    expect(update.sequence).toBe(1);
    expect(update.startDate.toJSDate().toISOString()).toBe('2026-12-04T08:00:00.000Z');
  });

  it('a cancellation is METHOD:CANCEL with STATUS:CANCELLED under the same UID', () => {
    const cancelled = { ...meeting, sequence: 2, cancelled: true };
    const { calendar, vevents, event } = parse(
      meetingInvitationIcs({ meeting: cancelled, host: HOST, organizer }),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevents[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.uid).toBe(meetingUid(meeting.id, HOST));
    expect(event.sequence).toBe(2);
  });

  it('a feed lists each meeting once, cancelled ones marked, as PUBLISH', () => {
    const other = { ...meeting, id: 'other', title: 'Toinen kokous', cancelled: true };
    const { calendar, vevents } = parse(
      meetingFeedIcs({ name: 'Neuvottelu', meetings: [meeting, other], host: HOST }),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(vevents.map((v) => v.getFirstPropertyValue('uid'))).toEqual([
      meetingUid(meeting.id, HOST),
      meetingUid('other', HOST),
    ]);
    expect(vevents.map((v) => v.getFirstPropertyValue('status'))).toEqual([
      'CONFIRMED',
      'CANCELLED',
    ]);
  });

  it('text that needs escaping survives the round trip; an agenda cannot be passed in', () => {
    const tricky = { ...meeting, title: 'Kokous; "vaalit", osa 2\nrivi', location: 'A, B; C\\D' };
    const { event } = parse(meetingInvitationIcs({ meeting: tricky, host: HOST, organizer }));
    expect(event.summary).toBe(tricky.title);
    expect(event.location).toBe(tricky.location);
    // A caller that hands over more than the calendar shape (a whole meeting with its agenda)
    // still gets none of it into the file.
    const withAgenda = {
      ...meeting,
      agenda: [{ id: 'i1', title: CANARY, description: CANARY, confidentiality: 'confidential' }],
    };
    const text = meetingInvitationIcs({ meeting: withAgenda, host: HOST, organizer });
    const feed = meetingFeedIcs({ name: 'N', meetings: [withAgenda], host: HOST });
    expect(text).not.toContain(CANARY);
    expect(feed).not.toContain(CANARY);
  });

  it('reads the organizer out of MAIL_FROM in either form', () => {
    expect(organizerOf('"Neuvottelu" <a@b.fi>')).toEqual({ name: 'Neuvottelu', email: 'a@b.fi' });
    expect(organizerOf('a@b.fi')).toEqual({ name: 'a@b.fi', email: 'a@b.fi' });
  });
});
