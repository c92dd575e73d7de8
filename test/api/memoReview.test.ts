import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupExport } from '../../shared/api/groupExport';
import type { Meeting } from '../../shared/api/types';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { outsiderClient } from '../support/outsider';
import { startTestServer, type TestServer } from '../support/testServer';
import { readZip } from '../support/zipEntries';

// The review of the previous memo (issue 19, item 6): a meeting reviews the meeting before it by
// date, approved or not, and the group records the outcome, shown on both meetings.

describe.each(ENGINES)('the review of the previous memo on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const chair = () => f.clients.puheenjohtaja!;
  const secretary = () => f.clients.sihteeri!;
  const representative = () => f.clients['kesk.edustaja']!;
  const reader = () => f.clients['vihr.lukija1']!;
  const reviewPath = (meetingId: string) => `/api/meetings/${meetingId}/review`;
  // Far from the demo's meetings, so that "the meeting before" is one this test made.
  let earlier: Meeting;
  let later: Meeting;

  const create = async (title: string, startsAt: string): Promise<Meeting> => {
    const created = await chair().post<Meeting>(`/api/groups/${f.groupId}/meetings`, {
      title,
      startsAt,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  };
  const read = async (meetingId: string) =>
    (await chair().get<Meeting>(`/api/meetings/${meetingId}`)).body;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['sihteeri', 'kesk.edustaja', 'vihr.lukija1']);
    earlier = await create('Kevään talousarviokokous', '2031-03-02T17:00:00+02:00');
    // Created first but dated later: order of creation does not decide which is previous.
    later = await create('Kevään jatkokokous', '2031-03-09T17:00:00+02:00');
  });
  afterAll(() => t.close());

  it('points at the meeting before it by date and says its memo is not approved yet', () => {
    expect(later.previousMeeting).toEqual({
      meetingId: earlier.id,
      meetingTitle: 'Kevään talousarviokokous',
      meetingStartsAt: new Date('2031-03-02T17:00:00+02:00').toISOString(),
      approvedVersion: null,
    });
    expect(later).toMatchObject({ reviewOutcome: null, reviewedAt: null });
  });

  it('refuses readers, representatives, other groups, unknown ids and bad outcomes', async () => {
    const body = { outcome: 'reviewed' };
    expect((await reader().put(reviewPath(later.id), body)).status).toBe(403);
    expect((await representative().put(reviewPath(later.id), body)).status).toBe(403);
    // Another group's chair learns nothing: the same 404 as for a meeting that does not exist.
    expect(
      (
        await (
          await outsiderClient(t, `muu.tarkastaja.${engine}@example.fi`)
        ).put(reviewPath(later.id), body)
      ).status,
    ).toBe(404);
    expect((await chair().put(reviewPath(randomUUID()), body)).status).toBe(404);
    expect((await chair().put(reviewPath('../../groups'), body)).status).toBe(404);
    for (const bad of [{ outcome: 'hyväksytty' }, {}, { outcome: 'reviewed', extra: 1 }, []]) {
      const refused = await chair().put(reviewPath(later.id), bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    // Nothing was stored by any of them.
    expect(await t.server.ctx.repos.memoReviews.findByMeeting(later.id)).toBeNull();
    expect(await read(later.id)).toMatchObject({ reviewOutcome: null });
  });

  it('a meeting with no earlier meeting has nothing to review: 409', async () => {
    const first = await create('Ensimmäinen kokous', '1990-01-15T17:00:00+02:00');
    expect(first.previousMeeting).toBeNull();
    const refused = await chair().put(reviewPath(first.id), { outcome: 'reviewed' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/no earlier meeting/);
    expect(await t.server.ctx.repos.memoReviews.findByMeeting(first.id)).toBeNull();
  });

  it('records the outcome, the latest replacing the earlier, shown on both meetings and audited', async () => {
    const me = (await secretary().get<{ id: string; name: string }>('/api/me')).body;
    const recorded = await secretary().put(reviewPath(later.id), { outcome: 'reviewed' });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body).toMatchObject({
      outcome: 'reviewed',
      at: { meetingId: later.id, meetingTitle: 'Kevään jatkokokous' },
      of: { meetingId: earlier.id, meetingTitle: 'Kevään talousarviokokous' },
      recordedBy: me.name,
    });
    const corrected = await chair().put(reviewPath(later.id), {
      outcome: 'reviewedWithCorrections',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.outcome).toBe('reviewedWithCorrections');

    const [laterNow, earlierNow] = await Promise.all([read(later.id), read(earlier.id)]);
    expect(laterNow.reviewOutcome).toEqual(corrected.body);
    expect(earlierNow.reviewedAt).toEqual(corrected.body);
    expect(earlierNow.reviewOutcome).toBeNull();
    // A reader sees the outcome too: it is about the memo they read, not confidential.
    expect((await reader().get<Meeting>(`/api/meetings/${earlier.id}`)).body.reviewedAt).toEqual(
      corrected.body,
    );

    const stored = await t.server.ctx.repos.memoReviews.findByMeeting(later.id);
    expect(stored).toMatchObject({
      reviewedMeetingId: earlier.id,
      outcome: 'reviewedWithCorrections',
      groupId: f.groupId,
    });
    const audit = (await chair().get(`/api/groups/${f.groupId}/audit`)).body;
    const entries = audit.entries.filter((e: { action: string }) => e.action === 'memo.review');
    expect(entries.map((e: { details: { outcome: string } }) => e.details.outcome).sort()).toEqual([
      'reviewed',
      'reviewedWithCorrections',
    ]);
    expect(entries[0]).toMatchObject({
      target: { type: 'meeting', id: later.id },
      details: { reviewedMeetingId: earlier.id },
    });

    // The group export keeps the outcome with the meeting that recorded it.
    const zip = await fetch(new URL(`/api/groups/${f.groupId}/export.zip`, t.url), {
      headers: { cookie: chair().sessionCookie! },
    });
    expect(zip.status).toBe(200);
    const group = JSON.parse(
      (await readZip(Buffer.from(await zip.arrayBuffer()))).get('group.json')!.toString('utf8'),
    ) as GroupExport;
    const exported = (id: string) => group.meetings.find((meeting) => meeting.id === id);
    const { id: chairId, name: chairName } = (
      await chair().get<{ id: string; name: string }>('/api/me')
    ).body;
    expect(exported(later.id)?.reviewOutcome).toEqual({
      reviewedMeetingId: earlier.id,
      outcome: 'reviewedWithCorrections',
      recordedBy: { id: chairId, name: chairName },
      recordedAt: expect.any(String),
    });
    expect(exported(earlier.id)?.reviewOutcome).toBeNull();
  });

  it('says when the previous memo has an approved version', async () => {
    expect(
      (await chair().post(`/api/meetings/${earlier.id}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    const approved = await chair().post(`/api/meetings/${earlier.id}/approval`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect((await read(later.id)).previousMeeting).toMatchObject({
      meetingId: earlier.id,
      approvedVersion: 1,
    });
  });

  it('a meeting recorded afterwards between the two becomes the previous one', async () => {
    const between = await create('Väliin kirjattu', '2031-03-05T17:00:00+02:00');
    expect(between.previousMeeting?.meetingId).toBe(earlier.id);
    expect((await read(later.id)).previousMeeting?.meetingId).toBe(between.id);
  });

  it('a cancelled meeting is no previous meeting: it was never held', async () => {
    const cancelled = await create('Peruttu väliin', '2031-03-07T17:00:00+02:00');
    expect((await read(later.id)).previousMeeting?.meetingId).toBe(cancelled.id);
    const status = await chair().post(`/api/meetings/${cancelled.id}/status`, {
      status: 'cancelled',
    });
    expect(status.status).toBe(200);
    const previous = (await read(later.id)).previousMeeting;
    expect(previous?.meetingId).toBeDefined();
    expect(previous?.meetingId).not.toBe(cancelled.id);
  });
});
