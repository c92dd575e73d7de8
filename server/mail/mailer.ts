import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '../logger';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** True when the mail was handed to the SMTP server. */
  send(mail: OutgoingMail): Promise<boolean>;
}

/** SMTP when configured; otherwise mail is not sent and the caller shows the link instead. */
export function createMailer(options: { smtpUrl?: string; from: string; logger: Logger }): Mailer {
  const { smtpUrl, from, logger } = options;
  if (!smtpUrl) {
    return {
      send: (mail) => {
        // Never log the body: it carries a sign-in link.
        logger.info({ subject: mail.subject }, 'SMTP_URL not set; email not sent');
        return Promise.resolve(false);
      },
    };
  }
  const transporter: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      try {
        await transporter.sendMail({ from, ...mail });
        return true;
      } catch (error) {
        logger.error({ err: error, subject: mail.subject }, 'sending email failed');
        return false;
      }
    },
  };
}
