import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../../server/mail/mailer';
import { outcomeOfRefusal, RETRY_CAP_MS, retryDelay } from '../../../server/mail/retryPolicy';

// The outbox's schedule (issue 14): waits that double from the base up to an hour, with jitter;
// a refusal for good or past the give-up time fails the message; SMTP errors sorted per RFC 5321.

const policy = { retryBaseMs: 30_000, giveUpMs: 72 * 3_600_000 };
const middle = () => 0.5;

describe('retry delays', () => {
  it('double from the base and stop growing at an hour', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, 30_000, middle))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
    expect(retryDelay(8, 30_000, middle)).toBe(RETRY_CAP_MS);
    expect(retryDelay(10_000, 30_000, middle)).toBe(RETRY_CAP_MS);
  });

  it('vary by at most a fifth either way', () => {
    expect(retryDelay(1, 30_000, () => 0)).toBe(24_000);
    expect(retryDelay(1, 30_000, () => 0.999_999)).toBe(36_000);
    expect(retryDelay(3, 30_000, () => 0.25)).toBe(108_000);
  });
});

describe('what a refused attempt leaves', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const later = new Date(now.getTime() + 3_600_000);
  const refused = { ok: false as const, unreachable: false, error: '451 try later' };

  it('a temporary refusal: pending, tried again after the wait', () => {
    expect(
      outcomeOfRefusal(
        { giveUpAt: later },
        2,
        { ...refused, permanent: false },
        now,
        policy,
        middle,
      ),
    ).toEqual({
      status: 'pending',
      nextAttemptAt: new Date(now.getTime() + 60_000),
      lastError: '451 try later',
    });
  });

  it('a refusal for good: failed at once', () => {
    const outcome = outcomeOfRefusal(
      { giveUpAt: later },
      1,
      { ...refused, permanent: true, error: '550 no such user' },
      now,
      policy,
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      failedAt: now,
      lastError: '550 no such user',
    });
  });

  it('a temporary refusal whose next try would come after the give-up time: failed', () => {
    const soon = new Date(now.getTime() + 59_000);
    expect(
      outcomeOfRefusal(
        { giveUpAt: soon },
        2,
        { ...refused, permanent: false },
        now,
        policy,
        middle,
      ),
    ).toMatchObject({ status: 'failed', failedAt: now });
  });
});

describe('SMTP errors', () => {
  const error = (fields: object) => Object.assign(new Error('failed'), fields);

  it.each([
    [
      '550 to RCPT TO (no such mailbox)',
      { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 },
      true,
    ],
    [
      '554 after DATA (message refused)',
      { code: 'EMESSAGE', command: 'DATA', responseCode: 554 },
      true,
    ],
    ['an address nodemailer cannot use', { code: 'EENVELOPE', command: 'API' }, true],
    [
      '451 to RCPT TO (try later)',
      { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451 },
      false,
    ],
    ['503 (bad sequence)', { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 503 }, false],
    [
      '535 to AUTH (our password)',
      { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 },
      false,
    ],
    [
      '550 to MAIL FROM (our sender)',
      { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550 },
      false,
    ],
    ['a refused connection', { code: 'ECONNECTION' }, false],
  ])('%s: permanent %s', (_label, fields, permanent) => {
    expect(classifySmtpError(error(fields))).toMatchObject({ ok: false, permanent });
  });

  it.each([
    [{ code: 'ECONNECTION' }, true],
    [{ code: 'ETIMEDOUT' }, true],
    [{ code: 'EABORT' }, true],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 421 }, true],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451 }, false],
  ])('%j: unreachable %s', (fields, unreachable) => {
    expect(classifySmtpError(error(fields))).toMatchObject({ unreachable });
  });

  it('keeps the server’s answer and never a password', () => {
    const url = 'smtp://posti:salainen%2Fsana@smtp.example:587';
    const result = classifySmtpError(
      error({
        code: 'ECONNECTION',
        message: `connect failed to ${url} (password salainen/sana)`,
      }),
      ['salainen%2Fsana', 'salainen/sana', url],
    );
    expect(result).toMatchObject({ ok: false });
    const text = result.ok ? '' : result.error;
    expect(text).toContain('ECONNECTION');
    expect(text).not.toContain('salainen');
    const answered = classifySmtpError(
      error({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <x@example.fi> unknown' }),
    );
    expect(answered.ok ? '' : answered.error).toBe('EENVELOPE: 550 5.1.1 <x@example.fi> unknown');
  });
});
