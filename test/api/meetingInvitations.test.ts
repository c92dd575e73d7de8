import ICAL from 'ical.js';
import * as Y from 'yjs';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Meeting, SendInvitationResult } from '../../shared/api/types';
import type { MeetingInvited } from '../../shared/realtime/events';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { auditEntries, auditEntryWhere } from '../support/auditLog';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { connectRaw, serverState, updateFrom, waitUntil } from '../support/rawCollab';
import type { CapturedMail } from '../support/smtp';
import { openSocket, recordTraffic, socketConnected } from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 19, item 1: "Lähetä kokouskutsu" sends every member an in-app notice and a link-only
// email with an .ics; a change sends an update under the same UID with a higher SEQUENCE; a
// confidential agenda item's title reaches no email, notice or calendar file.

const CANARY = 'SALAINEN-KUTSU-CANARY-5521';
const PEOPLE = ['varapuheenjohtaja', 'sihteeri', 'kesk.edustaja', 'sdp.lukija1'];
const ARRIVAL = { timeout: 20_000, interval: 50 };

interface ParsedInvitation {
  mail: CapturedMail;
  subject: string;
  text: string;
  ics: string;
}

/** The mail as its recipient's client reads it: subject, text and the decoded .ics part. */
async function parseInvitation(mail: CapturedMail): Promise<ParsedInvitation> {
  const parsed = await simpleParser(mail.raw);
  const calendar = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return {
    mail,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    ics: calendar ? calendar.content.toString('utf8') : '',
  };
}

function icsEvent(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    event: new ICAL.Event(vevent),
    vevent,
  };
}

describe.each(ENGINES)('meeting invitations on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const chair = () => f.clients.puheenjohtaja!;
  let memberEmails: string[];

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    const members = (await chair().get(`/api/groups/${f.groupId}/members`)).body as {
      email: string;
    }[];
    memberEmails = members.map((member) => member.email);
  });
  afterAll(() => t.close());

  async function plannedMeeting(title: string): Promise<Meeting> {
    const created = await chair().post(`/api/groups/${f.groupId}/meetings`, {
      title,
      startsAt: '2026-12-07T17:00:00+02:00',
      location: 'Kaupungintalo, kokoushuone 2',
      agenda: [
        { title: 'Talousarvio 2027', confidentiality: 'groups' },
        { title: `Henkilöstöjärjestelyt ${CANARY}`, confidentiality: 'confidential' },
      ],
    });
    expect(created.status).toBe(201);
    return created.body as Meeting;
  }

  /** The invitation emails stored for the meeting (stored before the route answers). */
  async function storedEmails(meetingId: string) {
    const outbox = await t.server.ctx.db
      .collection<{ _id: string; key: string; to: string }>('outbox')
      .find({});
    return outbox.filter((m) => m.key.startsWith(`meetingInvitation:${meetingId}#`));
  }

  /** Every invitation mail about `meetingId` with `subject` matching, once all members have one. */
  async function invitationsFor(meetingId: string, subject: RegExp) {
    const mails = () =>
      t.mail.messages.filter((m) => m.text.includes(meetingId) && subject.test(m.subject));
    await vi.waitFor(() => expect(mails().length).toBe(memberEmails.length), ARRIVAL);
    return Promise.all(mails().map(parseInvitation));
  }

  it('sends every member one link-only email with the .ics, a notice, and records the send', async () => {
    const meeting = await plannedMeeting('Kutsuttava kokous');
    const socket = openSocket(t.url, f.cookie('sdp.lukija1'));
    const traffic: string[] = [];
    recordTraffic(socket, traffic);
    const notices: MeetingInvited[] = [];
    socket.on('meetingInvited', (notice) => notices.push(notice));
    await socketConnected(socket);
    try {
      const response = await chair().post<SendInvitationResult>(
        `/api/meetings/${meeting.id}/invitation`,
        {},
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        sent: true,
        invitation: { sequence: 0, kind: 'invitation', revision: meeting.revision },
      });
      expect(response.body.invitation.changedSince).toEqual([]);

      const mails = await invitationsFor(meeting.id, /^Kokouskutsu: Kutsuttava kokous$/);
      expect(mails.flatMap((m) => m.mail.to).sort()).toEqual([...memberEmails].sort());
      for (const mail of mails) {
        expect(mail.text).toContain(`/groups/${f.groupId}/meetings/${meeting.id}`);
        expect(mail.text).toContain('Kaupungintalo, kokoushuone 2');
        const { method, event } = icsEvent(mail.ics);
        expect(method).toBe('REQUEST');
        expect(event.summary).toBe('Kutsuttava kokous');
        expect(event.sequence).toBe(0);
        expect(event.uid).toBe(`${meeting.id}@${new URL(t.url).host}`);
        expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-07T15:00:00.000Z');
        // Not the canary, nor the other agenda item's title: no item reaches email.
        expect(mail.mail.raw).not.toContain(CANARY);
        expect(`${mail.subject}\n${mail.text}\n${mail.ics}`).not.toContain(CANARY);
        expect(`${mail.subject}\n${mail.text}\n${mail.ics}`).not.toContain('Talousarvio');
      }

      await vi.waitFor(() => expect(notices).toHaveLength(1), ARRIVAL);
      expect(notices[0]).toEqual({
        groupId: f.groupId,
        meetingId: meeting.id,
        meetingTitle: 'Kutsuttava kokous',
        startsAt: '2026-12-07T15:00:00.000Z',
        kind: 'invitation',
      });
      expect(traffic.join('\n')).not.toContain(CANARY);

      // Every member sees when it was sent; the audit log says who sent it.
      const seen = await f.clients['sdp.lukija1']!.get<Meeting>(`/api/meetings/${meeting.id}`);
      expect(seen.body.invitation).toMatchObject({ sequence: 0, changedSince: [] });
      const entry = (await auditEntries(chair(), f.groupId)).find(
        (e) => e.action === 'meeting.invite' && e.target.id === meeting.id,
      );
      expect(entry).toMatchObject({
        actor: { name: expect.any(String) },
        details: { kind: 'invitation', sequence: 0, members: memberEmails.length },
      });
      expect(JSON.stringify(entry)).not.toContain(CANARY);
    } finally {
      socket.disconnect();
    }
  });

  it('a repeat send of the same meeting stores and sends nothing new', async () => {
    const meeting = await plannedMeeting('Kahdesti lähetetty');
    const path = `/api/meetings/${meeting.id}/invitation`;
    // Two at once, then one more: one send, one email per member.
    const [a, b] = await Promise.all([chair().post(path, {}), f.clients.sihteeri!.post(path, {})]);
    expect([a.body.sent, b.body.sent].sort()).toEqual([false, true]);
    await invitationsFor(meeting.id, /^Kokouskutsu:/);
    const again = await chair().post<SendInvitationResult>(path, {});
    expect(again.body).toMatchObject({ sent: false, invitation: { sequence: 0 } });
    expect(await storedEmails(meeting.id)).toHaveLength(memberEmails.length);
    const sends = (await auditEntries(chair(), f.groupId)).filter(
      (e) => e.action === 'meeting.invite' && e.target.id === meeting.id,
    );
    expect(sends).toHaveLength(1);
  });

  it('a change of time shows as changed since, and sending again is an update (SEQUENCE 1, same UID)', async () => {
    const meeting = await plannedMeeting('Siirtyvä kokous');
    const path = `/api/meetings/${meeting.id}/invitation`;
    expect((await chair().post(path, {})).status).toBe(200);
    const first = await invitationsFor(meeting.id, /^Kokouskutsu: /);

    const moved = await chair().put<Meeting>(`/api/meetings/${meeting.id}`, {
      revision: meeting.revision,
      title: meeting.title,
      startsAt: '2026-12-08T09:30:00+02:00',
      location: meeting.location,
      videoLink: '',
      councilMeetingDate: '',
      agenda: meeting.agenda,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.invitation).toMatchObject({ sequence: 0, changedSince: ['time'] });

    const update = await chair().post<SendInvitationResult>(path, {});
    expect(update.body).toMatchObject({
      sent: true,
      invitation: { sequence: 1, kind: 'update', revision: moved.body.revision, changedSince: [] },
    });
    const updates = await invitationsFor(meeting.id, /^Kokouskutsu muuttui: /);
    const before = icsEvent(first[0]!.ics).event;
    for (const mail of updates) {
      const { method, event } = icsEvent(mail.ics);
      expect(method).toBe('REQUEST');
      expect(event.uid).toBe(before.uid);
      expect(event.sequence).toBe(1);
      expect(event.startDate.toJSDate().toISOString()).toBe('2026-12-08T07:30:00.000Z');
      expect(mail.mail.raw).not.toContain(CANARY);
    }
  });

  it('an agenda change shows as changed since the invitation', async () => {
    const meeting = await plannedMeeting('Lista muuttuu');
    expect((await chair().post(`/api/meetings/${meeting.id}/invitation`, {})).status).toBe(200);
    const edited = await chair().put<Meeting>(`/api/meetings/${meeting.id}`, {
      revision: meeting.revision,
      title: meeting.title,
      startsAt: meeting.startsAt,
      location: meeting.location,
      videoLink: '',
      councilMeetingDate: '',
      agenda: [...meeting.agenda, { title: 'Uusi asia', confidentiality: 'groups' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.invitation?.changedSince).toEqual(['agenda']);
  });

  it('readers, negotiators who do not organise and other groups are refused; nothing is sent', async () => {
    const meeting = await plannedMeeting('Kielletty kutsu');
    const path = `/api/meetings/${meeting.id}/invitation`;
    expect((await f.clients['sdp.lukija1']!.post(path, {})).status).toBe(403);
    expect((await f.clients['kesk.edustaja']!.post(path, {})).status).toBe(403);

    const repos = t.server.ctx.repos;
    const group = await repos.groups.create({ name: 'Toinen ryhmä', municipality: '' });
    const user = await repos.users.create({
      email: `ulkopuolinen.${engine}@example.fi`,
      name: 'U',
      passwordHash: (await repos.users.findByEmail('sihteeri@demo.example'))!.passwordHash,
      locale: 'fi',
    });
    await repos.memberships.add({
      groupId: group._id,
      userId: user._id,
      role: 'chair',
      partyId: null,
    });
    const outsider = new ApiClient(t.url);
    await outsider.login(`ulkopuolinen.${engine}@example.fi`, DEMO_PASSWORD);
    try {
      expect((await outsider.post(path, {})).status).toBe(404);
      expect((await outsider.post('/api/meetings/not-an-id/invitation', {})).status).toBe(404);
      expect((await new ApiClient(t.url).post(path, {})).status).toBe(401);
      const seen = await chair().get<Meeting>(`/api/meetings/${meeting.id}`);
      expect(seen.body.invitation).toBeNull();
      expect(await storedEmails(meeting.id)).toHaveLength(0);
    } finally {
      await repos.memberships.remove(group._id, user._id);
    }
  });

  it('a meeting that has been held takes no invitation', async () => {
    const meeting = await plannedMeeting('Pidetty kokous');
    const path = `/api/meetings/${meeting.id}`;
    expect((await chair().post(`${path}/status`, { status: 'in_progress' })).status).toBe(200);
    expect((await chair().post(`${path}/status`, { status: 'drafting' })).status).toBe(200);
    expect((await chair().post(`${path}/invitation`, {})).status).toBe(409);
  });

  it('cancelling sends METHOD:CANCEL to everyone invited and locks the meeting on every channel', async () => {
    const meeting = await plannedMeeting('Peruttava kokous');
    const path = `/api/meetings/${meeting.id}`;
    expect((await chair().post(`${path}/invitation`, {})).status).toBe(200);
    const invited = await invitationsFor(meeting.id, /^Kokouskutsu: /);
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const writer = await connectRaw(t.url, memoRoom, f.cookie('sihteeri'));
    try {
      expect(writer.access?.mode).toBe('write');
      // Only an organiser cancels.
      expect(
        (await f.clients['sdp.lukija1']!.post(`${path}/status`, { status: 'cancelled' })).status,
      ).toBe(403);
      expect(
        (await f.clients['kesk.edustaja']!.post(`${path}/status`, { status: 'cancelled' })).status,
      ).toBe(403);

      const cancelled = await chair().post<Meeting>(`${path}/status`, { status: 'cancelled' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({
        status: 'cancelled',
        invitation: { sequence: 1, kind: 'cancellation', changedSince: [] },
      });
      const cancellations = await invitationsFor(meeting.id, /^Kokous on peruttu: /);
      const uid = icsEvent(invited[0]!.ics).event.uid;
      for (const mail of cancellations) {
        const { method, event, vevent } = icsEvent(mail.ics);
        expect(method).toBe('CANCEL');
        expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
        expect(event.uid).toBe(uid);
        expect(event.sequence).toBe(1);
        expect(mail.mail.raw).not.toContain(CANARY);
      }

      // The live memo takes no more writes, from a client that was open before or one opened now.
      await waitUntil(() => writer.access?.reason === 'locked', 5_000, 'the memo to lock');
      const before = await serverState(t.url, memoRoom, f.cookie('sihteeri'));
      writer.sendUpdate(
        updateFrom(writer, (doc: Y.Doc) => {
          const section = memoFragment(doc).get(0) as Y.XmlElement;
          section.insert(section.length, [new Y.XmlElement('paragraph')]);
        }),
      );
      await waitUntil(() => writer.rejections.length > 0, 5_000, 'the refusal');
      expect(writer.rejections).toEqual(['locked']);
      expect(await serverState(t.url, memoRoom, f.cookie('sihteeri'))).toEqual(before);
      const late = await connectRaw(t.url, memoRoom, f.cookie('puheenjohtaja'));
      expect(late.access).toEqual({ mode: 'read', reason: 'locked' });
      await late.close();

      // Read-only everywhere else too, and no way back or onward.
      const edit = await chair().put(path, {
        revision: cancelled.body.revision,
        title: 'Peruttu mutta muokattu',
        startsAt: meeting.startsAt,
        location: '',
        videoLink: '',
        councilMeetingDate: '',
        agenda: meeting.agenda,
      });
      expect(edit.status).toBe(409);
      expect((await chair().put(`${path}/attendance`, { attendance: [] })).status).toBe(409);
      expect((await chair().post(`${path}/approval`, {})).status).toBe(409);
      for (const status of ['planned', 'in_progress', 'drafting'])
        expect((await chair().post(`${path}/status`, { status })).status).toBe(409);
      // Sending again sends nothing new.
      const again = await chair().post<SendInvitationResult>(`${path}/invitation`, {});
      expect(again.body).toMatchObject({ sent: false, invitation: { sequence: 1 } });
    } finally {
      await writer.close();
    }
  });

  it('a meeting never invited to is cancelled without any email', async () => {
    const meeting = await plannedMeeting('Kutsumaton peruttu');
    const cancelled = await chair().post<Meeting>(`/api/meetings/${meeting.id}/status`, {
      status: 'cancelled',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.invitation).toBeNull();
    expect((await chair().post(`/api/meetings/${meeting.id}/invitation`, {})).status).toBe(409);
    expect(await storedEmails(meeting.id)).toHaveLength(0);
  });

  it('honours each member’s email preference: none, invitations only, everything', async () => {
    const reader = f.clients['sdp.lukija1']!;
    const readerEmail = 'sdp.lukija1@demo.example';
    const setPreference = async (emailPreference: string) => {
      const saved = await reader.patch('/api/me', { emailPreference });
      expect(saved.status).toBe(200);
      expect(saved.body.emailPreference).toBe(emailPreference);
    };
    expect((await reader.patch('/api/me', { emailPreference: 'some' })).status).toBe(400);
    try {
      await setPreference('none');
      const quiet = await plannedMeeting('Ilman sähköpostia');
      expect((await chair().post(`/api/meetings/${quiet.id}/invitation`, {})).status).toBe(200);
      const toQuiet = (await storedEmails(quiet.id)).map((m) => m.to);
      expect(toQuiet).toHaveLength(memberEmails.length - 1);
      expect(toQuiet).not.toContain(readerEmail);

      await setPreference('meetings');
      const invited = await plannedMeeting('Vain kutsut');
      expect((await chair().post(`/api/meetings/${invited.id}/invitation`, {})).status).toBe(200);
      expect((await storedEmails(invited.id)).map((m) => m.to)).toContain(readerEmail);
      // An approved memo's delivery email is not an invitation: it goes to the other readers only.
      const path = `/api/meetings/${invited.id}`;
      expect((await chair().post(`${path}/status`, { status: 'in_progress' })).status).toBe(200);
      expect((await chair().post(`${path}/approval`, {})).status).toBe(201);
      // The delivery is recorded in the audit log once its emails are stored.
      await auditEntryWhere(chair(), f.groupId, (e) => e.action === 'memo.deliver');
      const delivered = await t.server.ctx.db
        .collection<{ _id: string; key: string; to: string }>('outbox')
        .find({ kind: 'delivery' } as never);
      const readerUser = (await t.server.ctx.repos.users.findByEmail(readerEmail))!;
      expect(delivered.length).toBeGreaterThan(0);
      expect(delivered.some((m) => m.key.endsWith(`:${readerUser._id}`))).toBe(false);
    } finally {
      await setPreference('all');
    }
  });
});
