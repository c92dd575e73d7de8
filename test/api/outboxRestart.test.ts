import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MailOutbox } from '../../shared/api/mail';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { demoStorageEnv, ENGINES } from '../support/engines';
import { kill9, startServerProcess } from '../support/serverProcess';
import { startSmtpServer, type CapturedMail, type TestSmtpServer } from '../support/smtp';

// Issue 14: email stored in the outbox outlives the process. A server killed with -9 while the
// SMTP server refused its mail leaves it pending; the next process sends each one, once.

const ARRIVAL = { timeout: 30_000, interval: 100 };

describe.each(ENGINES)('email pending across kill -9 on %s', (engine) => {
  const children: ChildProcess[] = [];
  let smtp: TestSmtpServer | undefined;
  afterAll(async () => {
    for (const child of children) await kill9(child);
    await smtp?.close();
  });

  it('is sent by the next process, each email once', async () => {
    smtp = await startSmtpServer();
    const mail = smtp;
    const storage = await demoStorageEnv(engine);
    mail.refuse({ code: 451 });
    // The first process waits 4 to 6 s after a refusal, so none is being sent when it is killed.
    const first = await startServerProcess({
      ...storage,
      SMTP_URL: mail.url,
      OUTBOX_RETRY_MS: '5000',
    });
    children.push(first.child);
    let output = '';
    first.child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const chair = new ApiClient(first.url);
    const groupId = (await chair.login('puheenjohtaja@demo.example', DEMO_PASSWORD)).body
      .memberships[0].groupId as string;
    const invitee = 'kaatumisen.yli@example.fi';
    const invited = await chair.post(`/api/groups/${groupId}/invitations`, {
      email: invitee,
      role: 'secretary',
    });
    expect(invited.body.emailStatus).toBe('queued');
    const meeting = await chair.post(`/api/groups/${groupId}/meetings`, {
      title: 'Kokous ennen kaatumista',
      startsAt: '2026-12-01T16:00:00Z',
      agenda: [{ title: 'A' }],
    });
    const meetingPath = `/api/meetings/${meeting.body.id}`;
    await chair.post(`${meetingPath}/status`, { status: 'in_progress' });
    expect((await chair.post(`${meetingPath}/approval`, {})).status).toBe(201);

    const readers = ((await chair.get(`/api/groups/${groupId}/members`)).body as any[])
      .filter((member) => member.role === 'reader')
      .map((member) => member.email as string);
    const expected: [string, (m: CapturedMail) => boolean][] = [
      [invitee, (m) => m.to.includes(invitee)],
      ...readers.map((to): [string, (m: CapturedMail) => boolean] => [
        to,
        (m) => m.to.includes(to) && m.text.includes(meeting.body.id),
      ]),
    ];
    // Every first attempt refused and its outcome stored (the log line follows the store).
    await vi.waitFor(() => {
      const refusals = output.split('email refused; will retry').length - 1;
      expect(refusals).toBeGreaterThanOrEqual(expected.length);
    }, ARRIVAL);
    const before = (await chair.get<MailOutbox>(`/api/groups/${groupId}/mail`)).body;
    expect(before.pending).toBe(expected.length);
    await kill9(first.child);
    expect(mail.messages).toEqual([]);

    mail.accept();
    const second = await startServerProcess({
      ...storage,
      SMTP_URL: mail.url,
      OUTBOX_RETRY_MS: '100',
    });
    children.push(second.child);
    await vi.waitFor(() => {
      for (const [to, is] of expected) expect(mail.messages.some(is), to).toBe(true);
    }, ARRIVAL);
    const again = new ApiClient(second.url);
    await again.login('puheenjohtaja@demo.example', DEMO_PASSWORD);
    await vi.waitFor(async () => {
      const after = (await again.get<MailOutbox>(`/api/groups/${groupId}/mail`)).body;
      expect(after).toMatchObject({ pending: 0, failed: 0 });
    }, ARRIVAL);
    for (const [to, is] of expected) expect(mail.messages.filter(is), to).toHaveLength(1);
    expect(mail.messages).toHaveLength(expected.length);
    await kill9(second.child);
  });
});
