import { defineRoutes, json } from '../contract';
import { MailOutboxSchema } from '../responses';

export const mailRoutes = defineRoutes('mail', {
  getMailOutbox: {
    method: 'get',
    path: '/groups/:groupId/mail',
    summary: 'The group’s emails waiting for the SMTP server, and those given up',
    response: json(MailOutboxSchema),
  },
  retryMail: {
    method: 'post',
    path: '/groups/:groupId/mail/:messageId/retry',
    summary: 'Try a failed email again now; answers the outbox as it then is',
    status: 200,
    response: json(MailOutboxSchema),
  },
});
