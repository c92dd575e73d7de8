import { describe, expect, it } from 'vitest';
import { OUTBOX_KINDS, wantsEmail } from '../../../shared/api/mail';

// Issue 19: what each email preference lets through. Account mail and consent notices always go;
// follow-up reminders only to those who want everything.
describe('email preferences', () => {
  it.each([
    [
      'all',
      [
        'invitation',
        'delivery',
        'consent',
        'reminder',
        'followUpReminder',
        'passwordReset',
        'meetingInvitation',
      ],
    ],
    [
      undefined,
      [
        'invitation',
        'delivery',
        'consent',
        'reminder',
        'followUpReminder',
        'passwordReset',
        'meetingInvitation',
      ],
    ],
    ['meetings', ['invitation', 'consent', 'reminder', 'passwordReset', 'meetingInvitation']],
    ['none', ['invitation', 'consent', 'reminder', 'passwordReset']],
  ] as const)('%s lets through exactly %j', (preference, kinds) => {
    expect(OUTBOX_KINDS.filter((kind) => wantsEmail(preference, kind))).toEqual(kinds);
  });
});
