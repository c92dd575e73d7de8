import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarFeed, Meeting } from '../../shared/api/types';
import { ApiClient } from '../support/apiClient';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 19, item 1: each user's private, revocable calendar feed of their groups' meetings:
// titles only, no login, 404 for an unknown or revoked address, never cached.

const CANARY = 'SALAINEN-SYOTE-CANARY-8812';

describe.each(ENGINES)('the private calendar feed on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const chair = () => f.clients.puheenjohtaja!;
  const reader = () => f.clients['sdp.lukija1']!;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['sdp.lukija1']);
  });
  afterAll(() => t.close());

  /** The feed at `url`, fetched as a calendar application would: no cookie. */
  async function fetchFeed(url: string) {
    const response = await fetch(url);
    return { response, text: await response.text() };
  }

  function events(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return calendar.getAllSubcomponents('vevent').map((vevent) => ({
      uid: String(vevent.getFirstPropertyValue('uid')),
      summary: String(vevent.getFirstPropertyValue('summary')),
      status: String(vevent.getFirstPropertyValue('status')),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
    }));
  }

  it('lists the groups’ meetings with titles only, cancelled ones marked, and no agenda item', async () => {
    const created = await chair().post<Meeting>(`/api/groups/${f.groupId}/meetings`, {
      title: 'Syötteen kokous',
      startsAt: '2026-12-09T17:00:00+02:00',
      agenda: [{ title: `Henkilöasia ${CANARY}`, confidentiality: 'confidential' }],
    });
    expect(created.status).toBe(201);
    const cancelledMeeting = await f.newMeeting('Peruttu syötteen kokous');
    expect((await chair().post(`/api/meetings/${cancelledMeeting.id}/invitation`, {})).status).toBe(
      200,
    );
    expect(
      (await chair().post(`/api/meetings/${cancelledMeeting.id}/status`, { status: 'cancelled' }))
        .status,
    ).toBe(200);

    expect((await reader().get<CalendarFeed>('/api/me/calendar-feed')).body).toEqual({
      createdAt: null,
    });
    const made = await reader().post<CalendarFeed>('/api/me/calendar-feed', {});
    expect(made.status).toBe(200);
    const url = made.body.url!;
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    // The address is shown once: later only when it was made.
    const later = await reader().get<CalendarFeed>('/api/me/calendar-feed');
    expect(later.body).toEqual({ createdAt: made.body.createdAt });

    const { response, text } = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(text).not.toContain(CANARY);
    const listed = events(text);
    const host = new URL(t.url).host;
    expect(listed).toContainEqual({
      uid: `${created.body.id}@${host}`,
      summary: 'Syötteen kokous',
      status: 'CONFIRMED',
      sequence: 0,
    });
    expect(listed).toContainEqual({
      uid: `${cancelledMeeting.id}@${host}`,
      summary: 'Peruttu syötteen kokous',
      status: 'CANCELLED',
      sequence: 1,
    });
    // The stored token is a hash: the address is nowhere in the database.
    const stored = await t.server.ctx.db
      .collection<{ _id: string; tokenHash: string }>('calendarFeeds')
      .find({});
    expect(JSON.stringify(stored)).not.toContain(url.split('/calendar/')[1]!.replace('.ics', ''));
  });

  it('a new address revokes the old one; unknown and malformed addresses are 404', async () => {
    const first = (await reader().post<CalendarFeed>('/api/me/calendar-feed', {})).body.url!;
    expect((await fetchFeed(first)).response.status).toBe(200);
    const second = (await reader().post<CalendarFeed>('/api/me/calendar-feed', {})).body.url!;
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).response.status).toBe(404);
    expect((await fetchFeed(second)).response.status).toBe(200);
    for (const path of [
      `/calendar/${'A'.repeat(43)}.ics`,
      '/calendar/short.ics',
      `/calendar/${'A'.repeat(43)}`,
      '/calendar/..%2F..%2Fetc%2Fpasswd.ics',
    ]) {
      const { response } = await fetchFeed(`${t.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    // Without a session there is no address to make or read.
    const anonymous = new ApiClient(t.url);
    expect((await anonymous.get('/api/me/calendar-feed')).status).toBe(401);
    expect((await anonymous.post('/api/me/calendar-feed', {})).status).toBe(401);
  });

  it('a feed shows only the owner’s groups, and stops when the account is disabled', async () => {
    const repos = t.server.ctx.repos;
    const other = await repos.groups.create({ name: 'Toinen ryhmä', municipality: '' });
    const stranger = await repos.meetings.create(other._id, 'x', {
      title: `Toisen ryhmän kokous ${engine}`,
      startsAt: new Date('2026-12-10T10:00:00Z'),
      location: '',
      videoLink: '',
      councilMeetingDate: '',
      agenda: [],
    });
    const url = (await reader().post<CalendarFeed>('/api/me/calendar-feed', {})).body.url!;
    const { text } = await fetchFeed(url);
    expect(text).not.toContain(stranger._id);
    expect(text).not.toContain('Toisen ryhmän kokous');

    const user = (await repos.users.findByEmail('sdp.lukija1@demo.example'))!;
    await repos.users.disable(user._id);
    try {
      expect((await fetchFeed(url)).response.status).toBe(404);
    } finally {
      await repos.users.enable(user._id);
    }
  });
});
