// Reminders before consent deadlines: a periodic pass finds the requests whose deadline (or a
// party's own deadline after asking for time) comes within the lead time, and reminds each party
// still owing an answer once. "Once" is a claim under the reminder's key: a second pass, or a
// second instance, finds it claimed and sends nothing. The emails are stored in the outbox under
// keys made from the claim key before the claim is taken, so a reminder claimed is a reminder
// stored (and the outbox sends it however long the SMTP server refuses), and a pass cut short
// between the two stores nothing twice.
import { dueReminders } from '../../shared/consent';
import type { AppContext } from '../context';
import { prepareConsentNotice } from './notify';
import { settleGate } from './settle';

/** One pass: send every reminder due at `now`; returns how many were sent. */
export async function sendDueReminders(ctx: AppContext, now = new Date()): Promise<number> {
  const { repos } = ctx;
  const leadMs = ctx.config.consentReminderLeadMs;
  const until = new Date(now.getTime() + leadMs);
  const [withDeadline, askedTime] = await Promise.all([
    repos.consent.requestsDueBetween(now, until),
    repos.consent.timeAskedDueBetween(now, until),
  ]);
  const requestIds = new Set([...withDeadline.map((request) => request._id), ...askedTime]);

  let sent = 0;
  for (const requestId of requestIds) {
    const request = await repos.consent.findRequest(requestId);
    if (!request) continue;
    // A release cut short is finished, a round whose parties changed replaced, rather than
    // anyone reminded of it.
    const gate = await settleGate(ctx, request, null, now);
    if (gate.status !== 'in_consent' || !gate.round || gate.roundEnd || gate.partiesChange)
      continue;
    if (gate.state?.outcome === 'released') continue;
    const reminders = dueReminders({
      requestId,
      round: gate.round.round,
      partyIds: gate.roundPartyIds,
      answers: gate.answers,
      now,
      deadline: request.deadline?.toISOString() ?? null,
      leadMs,
    });
    for (const reminder of reminders) {
      if (await repos.claims.isClaimed(reminder.key)) continue;
      const notice = await prepareConsentNotice(ctx, request, {
        kind: 'reminder',
        round: gate.round.round,
        partyIds: [reminder.partyId],
        deadline: new Date(reminder.deadline),
        mailKey: reminder.key,
      });
      await notice?.mail();
      if (!(await repos.claims.claim(reminder.key))) continue;
      notice?.publish();
      sent += 1;
    }
  }
  return sent;
}

export interface ReminderJob {
  /** Stop the timer and wait for a pass under way. */
  stop(): Promise<void>;
}

/** Run `sendDueReminders` every `consentReminderIntervalMs`; a slow pass is never overlapped. */
export function startConsentReminders(ctx: AppContext): ReminderJob {
  return startReminderPasses(ctx, sendDueReminders, 'consent reminders failed');
}

/**
 * Run `pass` every `consentReminderIntervalMs`, never two at once; a failed pass is logged as
 * `failure` and the next one tries again. Also runs the follow-up reminders (issue 19).
 */
export function startReminderPasses(
  ctx: AppContext,
  pass: (ctx: AppContext) => Promise<unknown>,
  failure: string,
): ReminderJob {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = pass(ctx)
      .then(
        () => undefined,
        (error: unknown) => ctx.logger.warn({ err: error }, failure),
      )
      .finally(() => {
        running = null;
      });
  }, ctx.config.consentReminderIntervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
