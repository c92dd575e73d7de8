import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** A meeting's .ics: sent as the text/calendar part calendars act on, and as an attachment. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/** How one hand-over to the SMTP server went. */
export type SendResult =
  | { ok: true }
  | {
      ok: false;
      /** The server refused this message or recipient for good (5xx): trying again is futile. */
      permanent: boolean;
      /** The server could not be reached or dropped us: other messages would fare the same now. */
      unreachable: boolean;
      /** What went wrong, without credentials, for the administrators. */
      error: string;
    };

export interface Mailer {
  /** False without SMTP_URL: nothing is sent, and the app shows links in-app instead. */
  readonly configured: boolean;
  /** Hand one message to the SMTP server, giving up when `signal` aborts; never throws. */
  send(mail: OutgoingMail, signal: AbortSignal): Promise<SendResult>;
}

interface SmtpError {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

// nodemailer's defaults let one send hang for up to ten minutes; the outbox retries instead.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
const UNREACHABLE_CODES = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'EABORT']);
/** Replies about this message or its recipient; a 5xx to MAIL FROM or AUTH is our configuration. */
const MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);
const MAX_ERROR_LENGTH = 300;

/** Sort a nodemailer error: per RFC 5321 a 5yz reply is permanent, except 503 (bad sequence). */
export function classifySmtpError(error: unknown, secrets: readonly string[] = []): SendResult {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const code = e.responseCode;
  const refusedForGood = code !== undefined && code >= 500 && code < 600 && code !== 503;
  // 'API': nodemailer refused to build the message (e.g. an address it cannot use).
  const permanent =
    e.command === 'API' || (refusedForGood && MESSAGE_COMMANDS.has(e.command ?? ''));
  const unreachable = code === 421 || UNREACHABLE_CODES.has(e.code ?? '');
  return { ok: false, permanent, unreachable, error: describe(e, error, secrets) };
}

function describe(e: SmtpError, error: unknown, secrets: readonly string[]): string {
  const reason = e.response ?? e.message ?? String(error);
  let text = [e.code, reason].filter(Boolean).join(': ').replace(/\s+/g, ' ');
  // A connection error could quote the URL; never store or show a password.
  for (const secret of secrets) if (secret) text = text.split(secret).join('***');
  return text.slice(0, MAX_ERROR_LENGTH);
}

function secretsOf(smtpUrl: string): string[] {
  const url = new URL(smtpUrl);
  return [smtpUrl, url.password, decodeURIComponent(url.password)].filter((s) => s.length > 0);
}

/** SMTP when configured; otherwise a mailer that sends nothing and says so. */
export function createMailer(options: { smtpUrl?: string | undefined; from: string }): Mailer {
  const { smtpUrl, from } = options;
  if (!smtpUrl) {
    return {
      configured: false,
      send: () =>
        Promise.resolve({
          ok: false,
          permanent: false,
          unreachable: true,
          error: 'SMTP_URL is not set',
        }),
    };
  }
  const transporter: Transporter = nodemailer.createTransport({ ...TIMEOUTS, url: smtpUrl });
  const secrets = secretsOf(smtpUrl);
  return {
    configured: true,
    async send(mail, signal) {
      // nodemailer 10 aborts a send on `signal`; its type definitions predate the option.
      const { calendar, ...plain } = mail;
      const message: SendMailOptions & { signal: AbortSignal } = {
        from,
        ...plain,
        ...(calendar && {
          icalEvent: { method: calendar.method, filename: 'kokous.ics', content: calendar.content },
        }),
        signal,
      };
      try {
        await transporter.sendMail(message);
        return { ok: true };
      } catch (error) {
        return classifySmtpError(error, secrets);
      }
    },
  };
}
