import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MailOutbox } from '../../shared/api/mail';
import type { AuditEntry } from '../../shared/audit';
import { dueReminders } from '../../shared/consent';
import { hashPassword } from '../../server/auth/passwords';
import { prepareConsentNotice } from '../../server/consent/notify';
import { sendDueReminders } from '../../server/consent/reminders';
import { ATTEMPT_LEASE_MS } from '../../server/mail/outboxSender';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { PARTIES, REPRESENTATIVES } from '../support/consentParties';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import type { CapturedMail } from '../support/smtp';
import { writeStatement } from '../support/statementWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 14, item 6: every email (invitation, delivery, consent notice, reminder) is stored in the
// outbox before it is sent and retried until the SMTP server accepts it, exactly once after that;
// the group's chair and administrators see what waits and what failed.

const DEPUTIES = ['kesk.varajasen', 'sdp.varajasen', 'kok.varajasen'];
const SPEAKERS = [...REPRESENTATIVES, ...DEPUTIES];
const PEOPLE = ['sihteeri', 'sdp.lukija1', ...SPEAKERS];
const email = (who: string) => `${who}@demo.example`;
/** Long enough for a refusing SMTP server to be tried several times, and then to accept. */
const ARRIVAL = { timeout: 30_000, interval: 50 };

describe.each(ENGINES)('the outbox on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let admin: ApiClient;
  const chair = () => f.clients.puheenjohtaja!;

  beforeAll(async () => {
    // Retries from 100 ms on, so a test sees several refusals and the recovery in seconds.
    // The reminder job waits a day: these tests run its passes by hand.
    t = await startTestServer({
      seedDemo: true,
      engine,
      env: { OUTBOX_RETRY_MS: '100', CONSENT_REMINDER_INTERVAL_MS: '86400000' },
    });
    f = await memoFixture(t, PEOPLE);
    admin = await f.addAdmin();
  });
  afterEach(() => t.mail.accept());
  afterAll(() => t.close());

  const outbox = async (who: ApiClient = chair()) => {
    const response = await who.get<MailOutbox>(`/api/groups/${f.groupId}/mail`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const count = (predicate: (mail: CapturedMail) => boolean) =>
    t.mail.messages.filter(predicate).length;
  const arrived = (predicate: (mail: CapturedMail) => boolean) =>
    vi.waitFor(() => expect(count(predicate)).toBeGreaterThan(0), ARRIVAL);

  async function approvedMeeting(title: string): Promise<string> {
    const meeting = await f.newMeeting(title);
    const path = `/api/meetings/${meeting.id}`;
    expect((await chair().post(`${path}/status`, { status: 'in_progress' })).status).toBe(200);
    expect((await chair().post(`${path}/approval`, {})).status).toBe(201);
    return meeting.id;
  }

  async function statementInConsent(title: string, deadline?: string): Promise<string> {
    const created = await f.clients.sihteeri!.post(`/api/groups/${f.groupId}/statements`, {
      title,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await writeStatement(t.url, f.cookie('sihteeri'), id, `${title}: teksti.`);
    const put = await f.clients.sihteeri!.post(`/api/statements/${id}/consent`, {
      ...(deadline && { deadline }),
    });
    expect(put.status).toBe(200);
    return id;
  }

  /** A failed email of the group, stored as the sender would leave it; its id. */
  async function failedEmail(to: string): Promise<string> {
    const { repos } = t.server.ctx;
    // Due in an hour, so the running job leaves it alone until it is failed.
    const at = new Date(Date.now() + 3_600_000);
    const message = await repos.outbox.add(
      { groupId: f.groupId, kind: 'invitation', to, subject: 'Kutsu', text: 'Linkki' },
      at,
      at,
    );
    if (!message) throw new Error('not stored');
    await repos.outbox.record(message._id, 1, at, {
      status: 'failed',
      failedAt: at,
      nextAttemptAt: at,
      lastError: '550 no such user',
    });
    return message._id;
  }

  async function readers(): Promise<string[]> {
    const members = (await chair().get(`/api/groups/${f.groupId}/members`)).body as {
      email: string;
      role: string;
    }[];
    return members.filter((member) => member.role === 'reader').map((member) => member.email);
  }

  it('every kind of email refused for a while arrives exactly once after the SMTP server recovers', async () => {
    t.mail.refuse({ code: 451 });
    const refusedBefore = t.mail.refused.length;

    const invitee = 'odottava.kutsu@example.fi';
    const invited = await chair().post(`/api/groups/${f.groupId}/invitations`, {
      email: invitee,
      role: 'reader',
      partyId: f.partyIds.SDP,
    });
    expect(invited.status).toBe(201);
    // Not "sent": the inviter is told it waits, and still gets the link to pass on.
    expect(invited.body).toMatchObject({ emailStatus: 'queued', link: expect.any(String) });

    const meetingId = await approvedMeeting('Kokous, jonka posti viivästyi');
    const deadline = new Date(Date.now() + 3_600_000).toISOString();
    const statementId = await statementInConsent('Viivästynyt kannanotto', deadline);
    expect(await sendDueReminders(t.server.ctx)).toBe(PARTIES.length);

    const readerEmails = await readers();
    const expected: [string, (mail: CapturedMail) => boolean][] = [
      [invitee, (m) => m.to.includes(invitee) && /Kutsu/.test(m.subject)],
      ...readerEmails.map((to): [string, (m: CapturedMail) => boolean] => [
        to,
        (m) => m.to.includes(to) && m.text.includes(meetingId),
      ]),
      ...SPEAKERS.map((who): [string, (m: CapturedMail) => boolean] => [
        email(who),
        (m) =>
          m.to.includes(email(who)) && m.text.includes(statementId) && /pyydetään/.test(m.subject),
      ]),
      ...SPEAKERS.map((who): [string, (m: CapturedMail) => boolean] => [
        email(who),
        (m) =>
          m.to.includes(email(who)) && m.text.includes(statementId) && /Muistutus/.test(m.subject),
      ]),
    ];
    // Every one was offered and refused, more than once for some, and is still waiting.
    await vi.waitFor(() => {
      const refused = t.mail.refused.slice(refusedBefore);
      for (const [to] of expected) expect(refused).toContain(to);
      expect(refused.length).toBeGreaterThan(expected.length);
    }, ARRIVAL);
    expect(t.mail.messages.filter((m) => expected.some(([, is]) => is(m)))).toEqual([]);
    const waiting = await outbox();
    expect(waiting).toMatchObject({ configured: true, failed: 0 });
    expect(waiting.pending).toBeGreaterThanOrEqual(expected.length);
    expect(waiting.oldestPendingAt).not.toBeNull();

    t.mail.accept();
    const recovered = Date.now();
    await vi.waitFor(() => {
      for (const [to, is] of expected) expect(count(is), to).toBeGreaterThan(0);
    }, ARRIVAL);
    const recoveryMs = Date.now() - recovered;
    await vi.waitFor(async () => expect((await outbox()).pending).toBe(0), ARRIVAL);
    // Two more passes by hand find nothing due: nothing is sent twice.
    expect((await t.server.ctx.outbox.sendDue()).sent).toBe(0);
    expect((await t.server.ctx.outbox.sendDue()).sent).toBe(0);
    for (const [to, is] of expected) expect(count(is), to).toBe(1);
    console.log(
      `[outbox ${engine}] ${expected.length} emails refused, then delivered ${recoveryMs} ms after the SMTP server accepted`,
    );
  });

  it('a reminder claimed while the SMTP server refuses is stored, and sent once it accepts', async () => {
    t.mail.refuse({ code: 451 });
    const deadline = new Date(Date.now() + 3_600_000);
    const id = await statementInConsent('Muistutettava kannanotto', deadline.toISOString());
    const request = await t.server.ctx.repos.consent.findRequest(id);
    if (!request) throw new Error('no request');
    // A pass cut short after storing KESK's reminder and before claiming it: the next pass
    // claims it and stores nothing twice.
    const [kesk] = dueReminders({
      requestId: id,
      round: 1,
      partyIds: [f.partyIds.KESK!],
      answers: [],
      now: new Date(),
      deadline: deadline.toISOString(),
      leadMs: t.server.ctx.config.consentReminderLeadMs,
    });
    const cutShort = await prepareConsentNotice(t.server.ctx, request, {
      kind: 'reminder',
      round: 1,
      partyIds: [f.partyIds.KESK!],
      deadline,
      mailKey: kesk!.key,
    });
    await cutShort!.mail();

    expect(await sendDueReminders(t.server.ctx)).toBe(PARTIES.length);
    expect(await sendDueReminders(t.server.ctx)).toBe(0);
    const isReminder = (who: string) => (m: CapturedMail) =>
      m.to.includes(email(who)) && m.text.includes(id) && /Muistutus/.test(m.subject);
    // Claimed, refused, and still waiting in the outbox rather than dropped.
    await vi.waitFor(() => {
      for (const who of SPEAKERS) expect(t.mail.refused).toContain(email(who));
    }, ARRIVAL);
    const stored = (await t.server.ctx.repos.outbox.list(f.groupId, 'pending', 1, 1000)).filter(
      (message) => message.kind === 'reminder' && message.text.includes(id),
    );
    expect(stored.map((message) => message.to).sort()).toEqual(SPEAKERS.map(email).sort());

    t.mail.accept();
    for (const who of SPEAKERS) await arrived(isReminder(who));
    await vi.waitFor(async () => expect((await outbox()).pending).toBe(0), ARRIVAL);
    for (const who of SPEAKERS) expect(count(isReminder(who)), who).toBe(1);
  });

  it('an address refused for good fails at once, is shown to the chair and admins, and can be retried', async () => {
    const nobody = 'ei.ketaan@example.fi';
    const refusedAtData = 'hylatty.sisalto@example.fi';
    t.mail.refuse({ code: 550, recipients: (address) => address === nobody });
    const invite = (to: string) =>
      chair().post(`/api/groups/${f.groupId}/invitations`, {
        email: to,
        role: 'reader',
        partyId: f.partyIds.KOK,
      });
    expect((await invite(nobody)).body.emailStatus).toBe('failed');
    t.mail.refuse({ code: 554, at: 'data', recipients: (address) => address === refusedAtData });
    expect((await invite(refusedAtData)).body.emailStatus).toBe('failed');
    // Others' mail is not held up by them.
    const other = 'saa.postia@example.fi';
    expect((await invite(other)).body.emailStatus).toBe('sent');
    await arrived((m) => m.to.includes(other));

    for (const who of [chair(), admin]) {
      const view = await outbox(who);
      expect(view.failed).toBe(2);
      expect(view.failures).toEqual([
        expect.objectContaining({
          kind: 'invitation',
          to: refusedAtData,
          attempts: 1,
          lastError: expect.stringContaining('554'),
          failedAt: expect.any(String),
        }),
        expect.objectContaining({
          kind: 'invitation',
          to: nobody,
          attempts: 1,
          lastError: expect.stringContaining('550'),
        }),
      ]);
      // Neither subject nor body is shown: an invitation's holds a live token.
      expect(JSON.stringify(view)).not.toContain('token');
    }
    const failedId = (await outbox()).failures.find((failure) => failure.to === nobody)!.id;
    const retryPath = `/api/groups/${f.groupId}/mail/${failedId}/retry`;

    // Still refused: failed again after one more attempt.
    t.mail.refuse({ code: 550, recipients: (address) => address === nobody });
    const retried = await chair().post<MailOutbox>(retryPath);
    expect(retried.status).toBe(200);
    await vi.waitFor(async () => {
      const view = await outbox();
      expect(view.failures.find((failure) => failure.id === failedId)).toMatchObject({
        attempts: 2,
      });
    }, ARRIVAL);

    t.mail.accept();
    expect((await admin.post(retryPath)).status).toBe(200);
    await arrived((m) => m.to.includes(nobody));
    await vi.waitFor(async () => expect((await outbox()).failed).toBe(1), ARRIVAL);
    expect(count((m) => m.to.includes(nobody))).toBe(1);
    // Only a failed email is retried: one that was sent is never sent again.
    expect((await chair().post(retryPath)).status).toBe(409);

    const audit = (await chair().get(`/api/groups/${f.groupId}/audit/export?format=json`)).body
      .entries as AuditEntry[];
    const retries = audit.filter((entry) => entry.action === 'mail.retry');
    expect(retries.map((entry) => entry.target)).toEqual([
      { type: 'email', id: failedId, label: nobody },
      { type: 'email', id: failedId, label: nobody },
    ]);
  });

  it('an email still refused when its time is up fails, with the last answer', async () => {
    const late = 'myohassa@example.fi';
    t.mail.refuse({ code: 451, recipients: (address) => address === late });
    const now = new Date();
    await t.server.ctx.repos.outbox.add(
      { groupId: f.groupId, kind: 'consent', to: late, subject: 'Aihe', text: 'Linkki' },
      now,
      new Date(now.getTime() + 50),
    );
    await vi.waitFor(async () => {
      const failure = (await outbox()).failures.find((failed) => failed.to === late);
      expect(failure).toMatchObject({ kind: 'consent', lastError: expect.stringContaining('451') });
    }, ARRIVAL);
  });

  it('an attempt cut short (a crash mid-send) holds the message until its lease is over, then the next attempt sends it once', async () => {
    const { repos, outbox: mail } = t.server.ctx;
    const to = 'kesken.jaanyt@example.fi';
    // An hour ahead, so the running job (on the real clock) leaves it to this test's clock.
    const crashAt = new Date(Date.now() + 3_600_000);
    const message = await repos.outbox.add(
      { groupId: f.groupId, kind: 'delivery', to, subject: 'Muistio', text: 'Linkki' },
      crashAt,
      new Date(crashAt.getTime() + 86_400_000),
    );
    if (!message) throw new Error('not stored');
    expect(await repos.outbox.claim(`${message._id}#1`, message._id, crashAt)).toBe(true);

    const during = new Date(crashAt.getTime() + ATTEMPT_LEASE_MS - 1000);
    expect((await mail.sendDue({ now: during })).sent).toBe(0);
    expect(count((m) => m.to.includes(to))).toBe(0);

    const after = new Date(crashAt.getTime() + ATTEMPT_LEASE_MS + 1000);
    const passes = await Promise.all([1, 2, 3].map(() => mail.sendDue({ now: after })));
    expect(passes.reduce((sum, pass) => sum + pass.sent, 0)).toBe(1);
    await arrived((m) => m.to.includes(to));
    expect(await repos.outbox.findById(message._id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      text: '',
    });
    expect((await mail.sendDue({ now: after })).sent).toBe(0);
    expect(count((m) => m.to.includes(to))).toBe(1);
  });

  it('passes racing over the same due mail send each email once', async () => {
    const { repos, outbox: mail } = t.server.ctx;
    const now = new Date();
    const batch = Array.from({ length: 12 }, (_, i) => `kilpa${i}.${randomUUID()}@example.fi`);
    for (const to of batch) {
      await repos.outbox.add(
        { groupId: f.groupId, kind: 'consent', to, subject: 'Kilpa', text: 'Linkki' },
        now,
        new Date(now.getTime() + 3_600_000),
      );
    }
    // The running job races these too.
    await Promise.all([1, 2, 3, 4].map(() => mail.sendDue()));
    for (const to of batch) await arrived((m) => m.to.includes(to));
    await vi.waitFor(async () => expect((await outbox()).pending).toBe(0), ARRIVAL);
    for (const to of batch)
      expect(
        count((m) => m.to.includes(to)),
        to,
      ).toBe(1);
  });

  it('an email sent at once gets its own outcome while passes run all the time', async () => {
    const { outbox: mail } = t.server.ctx;
    let racing = true;
    // Passes back to back, as a busy job or another instance would run them.
    const passes = (async () => {
      while (racing) {
        await mail.sendDue();
        // A pass with nothing due may answer without I/O: let the event loop run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const addresses = Array.from({ length: 10 }, (_, i) => `heti${i}.${randomUUID()}@example.fi`);
    const outcomes: string[] = [];
    try {
      for (const to of addresses)
        outcomes.push(
          await mail.sendNow({
            groupId: f.groupId,
            kind: 'invitation',
            to,
            subject: 'Kutsu',
            text: 'Linkki',
          }),
        );
    } finally {
      racing = false;
      await passes;
    }
    expect(outcomes).toEqual(addresses.map(() => 'sent'));
    for (const to of addresses)
      expect(
        count((m) => m.to.includes(to)),
        to,
      ).toBe(1);
  });

  it('shows the outbox only to the chair and administrators of the group', async () => {
    const path = `/api/groups/${f.groupId}/mail`;
    for (const who of ['sihteeri', 'kesk.edustaja', 'sdp.lukija1']) {
      expect((await f.clients[who]!.get(path)).status, who).toBe(403);
      expect(
        (await f.clients[who]!.post(`${path}/${randomUUID()}/retry`)).status,
        `${who} retries`,
      ).toBe(403);
    }
    expect((await new ApiClient(t.url).get(path)).status).toBe(401);

    // Another group's chair: the group, and its emails, do not exist for them.
    const { repos } = t.server.ctx;
    const otherGroup = await repos.groups.create({ name: 'Toinen ryhmä', municipality: '' });
    const otherChair = await repos.users.create({
      email: 'toinen.pj@example.fi',
      name: 'Toinen Puheenjohtaja',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      locale: 'fi',
    });
    await repos.memberships.add({
      groupId: otherGroup._id,
      userId: otherChair._id,
      role: 'chair',
      partyId: null,
    });
    const stranger = new ApiClient(t.url);
    await stranger.login('toinen.pj@example.fi', DEMO_PASSWORD);
    expect((await stranger.get(path)).status).toBe(404);
    const ours = await failedEmail('ei.heille@example.fi');
    expect((await stranger.post(`${path}/${ours}/retry`)).status).toBe(404);
    // Our failed email is not theirs to retry under their own group either.
    const theirs = `/api/groups/${otherGroup._id}/mail`;
    expect((await stranger.get(theirs)).body).toMatchObject({ pending: 0, failed: 0 });
    expect((await stranger.post(`${theirs}/${ours}/retry`)).status).toBe(404);
    expect((await admin.get(path)).body.failures).toContainEqual(
      expect.objectContaining({ id: ours }),
    );
    expect((await chair().post(`${path}/not-an-id/retry`)).status).toBe(404);
    expect((await chair().post(`${path}/${randomUUID()}/retry`)).status).toBe(404);

    await repos.memberships.remove(otherGroup._id, otherChair._id);
  });
});

describe('without SMTP_URL', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, smtp: false });
  });
  afterAll(() => t.close());

  it('stores nothing, says so, and still gives the inviter the link', async () => {
    const f = await memoFixture(t, []);
    const chair = f.clients.puheenjohtaja!;
    const invited = await chair.post(`/api/groups/${f.groupId}/invitations`, {
      email: 'linkilla@example.fi',
      role: 'reader',
      partyId: f.partyIds.VAS,
    });
    expect(invited.body).toMatchObject({ emailStatus: 'off', link: expect.stringContaining('#') });
    expect((await chair.get(`/api/groups/${f.groupId}/mail`)).body).toEqual({
      configured: false,
      pending: 0,
      oldestPendingAt: null,
      failed: 0,
      failures: [],
    });
    expect(t.mail.messages).toEqual([]);
  });
});

describe('two instances on one MongoDB', () => {
  it('send each email once between them, however long the SMTP server refused', async () => {
    const env = { OUTBOX_RETRY_MS: '100' };
    const first = await startTestServer({ engine: 'mongodb', env });
    const { storage } = first.server.ctx.config;
    if (storage.kind !== 'mongodb') throw new Error('not on MongoDB');
    const second = await startTestServer({
      engine: 'mongodb',
      env: {
        ...env,
        MONGODB_URI: storage.uri,
        MONGODB_DB: storage.dbName,
        SMTP_URL: first.mail.url,
      },
    });
    try {
      first.mail.refuse({ code: 451 });
      const groupId = randomUUID();
      const recipients = Array.from({ length: 30 }, (_, i) => `kaksi${i}@example.fi`);
      await first.server.ctx.outbox.enqueue(
        recipients.map((to) => ({
          groupId,
          kind: 'consent' as const,
          to,
          subject: 'S',
          text: 'L',
        })),
      );
      await vi.waitFor(() => {
        for (const to of recipients) expect(first.mail.refused).toContain(to);
      }, ARRIVAL);
      first.mail.accept();
      await vi.waitFor(async () => {
        expect(await first.server.ctx.repos.outbox.count(groupId, 'sent')).toBe(recipients.length);
      }, ARRIVAL);
      for (const to of recipients)
        expect(
          first.mail.messages.filter((m) => m.to.includes(to)),
          to,
        ).toHaveLength(1);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
