import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { vi } from 'vitest';

export interface CapturedMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** The whole message as it crossed the wire. */
  raw: string;
}

/** How the server refuses mail while `refuse` is in force. */
export interface Refusal {
  /** The reply code: 451 (try again later), 421 (closing: unreachable), 550 (no such mailbox)… */
  code: number;
  /** Where: after RCPT TO (the default), or after the whole message was sent (DATA). */
  at?: 'rcpt' | 'data';
  /** Only for these recipients; every one when absent. */
  recipients?: (address: string) => boolean;
}

export interface TestSmtpServer {
  url: string;
  messages: CapturedMail[];
  /** Every refused recipient, once per refusal, in order. */
  refused: string[];
  waitFor(predicate: (mail: CapturedMail) => boolean): Promise<CapturedMail>;
  /** Refuse mail from now on, as `refusal` says, until `accept()`. */
  refuse(refusal: Refusal): void;
  accept(): void;
  close(): Promise<void>;
}

function smtpError(code: number): Error {
  return Object.assign(new Error(`refused by the test (${code})`), { responseCode: code });
}

/** A real SMTP server in-process: mail really goes over SMTP and is parsed back. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: CapturedMail[] = [];
  const refused: string[] = [];
  let refusal: Refusal | null = null;
  /** The refusal that applies to these recipients at `at`, if any. */
  const refusing = (at: 'rcpt' | 'data', recipients: string[]) =>
    refusal &&
    (refusal.at ?? 'rcpt') === at &&
    recipients.some((address) => refusal?.recipients?.(address) ?? true)
      ? refusal
      : null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusedNow = refusing('rcpt', [address.address]);
      if (!refusedNow) return callback();
      refused.push(address.address);
      callback(smtpError(refusedNow.code));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((r) => r.address);
        const refusedNow = refusing('data', recipients);
        if (refusedNow) {
          refused.push(...recipients);
          return callback(smtpError(refusedNow.code));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              ...(typeof parsed.html === 'string' && { html: parsed.html }),
              raw,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refused,
    waitFor: (predicate) =>
      vi.waitFor(
        () => {
          const found = messages.find(predicate);
          if (!found) throw new Error('no matching mail yet');
          return found;
        },
        { timeout: 10_000, interval: 50 },
      ),
    refuse: (next) => {
      refusal = next;
    },
    accept: () => {
      refusal = null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
