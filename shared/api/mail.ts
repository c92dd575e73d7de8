// Response bodies of the outbox's routes (issue 14): what administrators see of the group's email.

/**
 * Which email it is: an invitation, a memo delivery, a consent notice, a consent reminder or a
 * password reset link (an account's, of no group: `ACCOUNT_MAIL_GROUP`).
 */
export const OUTBOX_KINDS = [
  'invitation',
  'delivery',
  'consent',
  'reminder',
  'followUpReminder',
  'passwordReset',
  // A meeting's invitation, its update or its cancellation, with the .ics (issue 19).
  'meetingInvitation',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * How much email a user wants (issue 19): everything, only meeting invitations and their changes,
 * or none (in-app notices only). Account mail (invitations to join, password reset links) and
 * consent notices always go: they are not news a person may opt out of.
 */
export const EMAIL_PREFERENCES = ['all', 'meetings', 'none'] as const;
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number];

/** Whether a user with `preference` is sent email of `kind`. */
export function wantsEmail(preference: EmailPreference | undefined, kind: OutboxKind): boolean {
  switch (kind) {
    case 'meetingInvitation':
      return preference !== 'none';
    // A follow-up's due date is news like a new memo: only for those who want every email.
    case 'delivery':
    case 'followUpReminder':
      return (preference ?? 'all') === 'all';
    case 'invitation':
    case 'passwordReset':
    case 'consent':
    case 'reminder':
      return true;
  }
}

/**
 * The outbox's `groupId` of an account's own email (a password reset link): it belongs to no
 * group, so no group's chair or administrators see it.
 */
export const ACCOUNT_MAIL_GROUP = '';

/**
 * What became of an email someone waited for: `sent` (the SMTP server accepted it), `queued`
 * (not yet; the outbox retries it), `failed` (refused for good) or `off` (no SMTP server).
 */
export type EmailOutcome = 'sent' | 'queued' | 'failed' | 'off';

/** One email the outbox gave up on. Subject and body stay out: the recipient has them or not. */
export interface FailedEmail {
  id: string;
  kind: OutboxKind;
  to: string;
  /** The SMTP server's last answer or the connection error, without credentials. */
  lastError: string | null;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  failedAt: string | null;
}

/** The group's outbox for its chair and administrators. */
export interface MailOutbox {
  /** False when the server has no SMTP server: nothing is emailed, links are shown in-app. */
  configured: boolean;
  /** Stored and not yet accepted by the SMTP server (retried with growing waits). */
  pending: number;
  /** When the longest-waiting pending email was stored. */
  oldestPendingAt: string | null;
  failed: number;
  /** The failed emails, newest first (at most FAILED_EMAILS_SHOWN). */
  failures: FailedEmail[];
}

/** How many failed emails the outbox view lists. */
export const FAILED_EMAILS_SHOWN = 100;
