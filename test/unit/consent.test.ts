import { describe, expect, it } from 'vitest';
import {
  consentAnswerAuditDetails,
  consentState,
  currentAnswers,
  dueReminders,
  partiesChange,
  toConsentAnswer,
  withdrawnConsents,
  type ConsentAnswer,
  type ConsentAnswerKind,
  type ReminderContext,
} from '../../shared/consent';
import { ConsentAnswerRequest, consentAnswerRequest } from '../../shared/api/schemas';
import { partiesOfRound } from '../../server/consent/gate';
import { can } from '../../shared/permissions';
import { ROLES } from '../../shared/roles';

const PARTIES = ['kesk', 'sdp', 'ps', 'kok', 'vas', 'kd', 'vihr'] as const;
const REQUEST = 'statement-1';
const NOW = new Date('2027-03-01T12:00:00Z');
const HOUR = 3_600_000;

function answer(
  partyId: string,
  kind: ConsentAnswerKind,
  extra: Partial<ConsentAnswer> = {},
): ConsentAnswer {
  return {
    requestId: REQUEST,
    round: 1,
    partyId,
    answer: kind,
    reason: kind === 'object' ? `${partyId} cannot sign this` : '',
    deadline: null,
    userId: `${partyId}-rep`,
    userName: `${partyId} representative`,
    at: '2027-03-01T10:00:00.000Z',
    ...extra,
  };
}

function state(answers: ConsentAnswer[], round = 1, now = NOW) {
  return consentState({ requestId: REQUEST, round, partyIds: PARTIES, answers, now });
}

describe('the unanimity gate', () => {
  it('with 7 parties, six consents release nothing and the seventh releases', () => {
    const answers = PARTIES.slice(0, 6).map((party) => answer(party, 'consent'));
    const six = state(answers);
    expect(six.outcome).toBe('pending');
    expect(six.perParty.map((p) => p.status)).toEqual([
      ...Array<string>(6).fill('consented'),
      'no_answer',
    ]);

    const seven = state([...answers, answer('vihr', 'consent')]);
    expect(seven.outcome).toBe('released');
    expect(seven.objections).toEqual([]);
  });

  it('releases nothing in a group without parties', () => {
    expect(
      consentState({ requestId: REQUEST, round: 1, partyIds: [], answers: [], now: NOW }).outcome,
    ).toBe('pending');
  });

  it('counts only the round’s parties: an answer for a party not in the round does not help', () => {
    const answers = [
      ...PARTIES.slice(0, 6).map((party) => answer(party, 'consent')),
      answer('former-party', 'consent'),
    ];
    const result = state(answers);
    expect(result.outcome).toBe('pending');
    expect(result.perParty.map((p) => p.partyId)).toEqual([...PARTIES]);
  });

  it('a round keeps its parties: one that left the group still counts until the round is void', () => {
    // Six consent, the seventh objects; the seventh then leaves the group (ended or deleted).
    const answers = [
      ...PARTIES.slice(0, 6).map((party) => answer(party, 'consent')),
      answer('vihr', 'object'),
    ];
    const withoutVihr = PARTIES.slice(0, 6);
    // Judged on the round's parties alone it stays blocked: leaving does not release it.
    expect(state(answers).outcome).toBe('blocked');
    // Judged against the group now, the round is void: neither released nor blocked.
    const voided = consentState({
      requestId: REQUEST,
      round: 1,
      partyIds: PARTIES,
      currentPartyIds: withoutVihr,
      answers,
      now: NOW,
    });
    expect(voided.outcome).toBe('pending');
    expect(voided.objections).toEqual([]);
    expect(voided.perParty.map((p) => p.partyId)).toEqual([...PARTIES]);
    // Even when every party of the round consented, a void round is not released.
    const allConsent = PARTIES.map((party) => answer(party, 'consent'));
    const addedParty = [...PARTIES, 'liik'];
    const consentedButVoid = consentState({
      requestId: REQUEST,
      round: 1,
      partyIds: PARTIES,
      currentPartyIds: addedParty,
      answers: allConsent,
      now: NOW,
    });
    expect(consentedButVoid.outcome).toBe('pending');
    // The same parties in another order are the same set: the round stands.
    const reordered = consentState({
      requestId: REQUEST,
      round: 1,
      partyIds: PARTIES,
      currentPartyIds: [...PARTIES].reverse(),
      answers: allConsent,
      now: NOW,
    });
    expect(reordered.outcome).toBe('released');
  });

  it('tells how the group’s parties differ from a round’s', () => {
    expect(partiesChange(['a', 'b', 'c'], ['c', 'b', 'a'])).toBeNull();
    expect(partiesChange(['a', 'b'], ['b', 'a', 'a'])).toBeNull();
    expect(partiesChange(['c', 'a', 'b'], ['a', 'd', 'b', 'e'])).toEqual({
      added: ['d', 'e'],
      removed: ['c'],
    });
    expect(partiesChange([], ['a'])).toEqual({ added: ['a'], removed: [] });
    expect(partiesChange(['a'], [])).toEqual({ added: [], removed: ['a'] });
  });

  it('a round ending without release (an edit, a change of parties) withdraws exactly the consents given', () => {
    const answers = [
      answer('kesk', 'consent'),
      answer('sdp', 'time', { deadline: '2027-03-05T12:00:00.000Z' }),
      answer('ps', 'consent'),
      answer('kok', 'object'),
    ];
    expect(withdrawnConsents(answers, 1)).toEqual(['kesk', 'ps']);

    const after = state(answers, 2);
    expect(after.round).toBe(2);
    expect(after.outcome).toBe('pending');
    expect(after.perParty.every((p) => p.status === 'no_answer')).toBe(true);

    // A consent withdrawn by a later answer in the same round was no longer given.
    expect(withdrawnConsents([...answers, answer('ps', 'object')], 1)).toEqual(['kesk']);
    // Consents in the new round count; nothing is withdrawn from a round nobody answered.
    const again = [...answers, ...PARTIES.map((party) => answer(party, 'consent', { round: 2 }))];
    expect(state(again, 2).outcome).toBe('released');
    expect(withdrawnConsents(answers, 2)).toEqual([]);
  });

  it('a later answer replaces an earlier one, and the history keeps both', () => {
    const first = answer('sdp', 'object');
    const second = answer('sdp', 'consent', { userId: 'sdp-deputy', userName: 'SDP deputy' });
    const history = [first, second];

    const result = state(history);
    const sdp = result.perParty.find((p) => p.partyId === 'sdp');
    expect(sdp).toMatchObject({ status: 'consented', answer: second });
    expect(result.outcome).toBe('pending');
    expect(history).toEqual([first, second]);
    expect(history.filter((a) => a.partyId === 'sdp')).toHaveLength(2);
    // The stored order decides, not the timestamps (clocks of two instances may disagree).
    const skewed = [first, { ...second, at: '2027-03-01T09:00:00.000Z' }];
    expect(currentAnswers(skewed, 1).get('sdp')?.answer).toBe('consent');
  });

  it('one objection keeps it unreleased and shows the party and its reasons', () => {
    const answers = PARTIES.map((party) =>
      party === 'vas'
        ? answer(party, 'object', { reason: 'The wording on schools is not ours.' })
        : answer(party, 'consent'),
    );
    const result = state(answers);
    expect(result.outcome).toBe('blocked');
    expect(result.objections).toEqual([
      {
        partyId: 'vas',
        reason: 'The wording on schools is not ours.',
        userName: 'vas representative',
        at: '2027-03-01T10:00:00.000Z',
      },
    ]);
  });

  it('a party that asked for time is waited for, and is overdue after its deadline', () => {
    const deadline = '2027-03-02T12:00:00.000Z';
    const answers = [
      ...PARTIES.slice(0, 6).map((party) => answer(party, 'consent')),
      answer('vihr', 'time', { deadline, reason: 'Our group meets on Tuesday.' }),
    ];
    const waiting = state(answers).perParty.find((p) => p.partyId === 'vihr');
    expect(waiting).toMatchObject({ status: 'asked_time', deadline });
    expect(state(answers).outcome).toBe('pending');

    const late = state(answers, 1, new Date('2027-03-02T12:00:01Z'));
    expect(late.perParty.find((p) => p.partyId === 'vihr')?.status).toBe('overdue');
    expect(late.outcome).toBe('pending');
  });
});

describe('reminders', () => {
  // The request's deadline is in 20 hours; kesk asked for time until in 10 hours, sdp until in
  // three days; ps objected; kok consented; vas, kd and vihr have not answered.
  const answers = [
    answer('kesk', 'time', { deadline: new Date(NOW.getTime() + 10 * HOUR).toISOString() }),
    answer('sdp', 'time', { deadline: new Date(NOW.getTime() + 72 * HOUR).toISOString() }),
    answer('ps', 'object'),
    answer('kok', 'consent'),
  ];
  const context = (over: Partial<ReminderContext> = {}): ReminderContext => ({
    requestId: REQUEST,
    round: 1,
    partyIds: PARTIES,
    answers,
    now: NOW,
    deadline: '2027-03-02T10:00:00+02:00', // 20 hours after NOW
    leadMs: 24 * HOUR,
    ...over,
  });

  it('pick the parties without an answer or with time asked, whose deadline is near', () => {
    const due = dueReminders(context());
    expect(due.map((r) => [r.partyId, r.status, r.deadline])).toEqual([
      ['kesk', 'asked_time', '2027-03-01T22:00:00.000Z'],
      ['vas', 'no_answer', '2027-03-02T08:00:00.000Z'],
      ['kd', 'no_answer', '2027-03-02T08:00:00.000Z'],
      ['vihr', 'no_answer', '2027-03-02T08:00:00.000Z'],
    ]);
  });

  it('are not due before the lead time, after the deadline, or without a deadline', () => {
    expect(dueReminders(context({ leadMs: 5 * HOUR }))).toEqual([]);
    expect(dueReminders(context({ leadMs: 12 * HOUR })).map((r) => r.partyId)).toEqual(['kesk']);
    expect(dueReminders(context({ now: new Date('2027-03-02T09:00:00Z') }))).toEqual([]);
    expect(dueReminders(context({ deadline: null })).map((r) => r.partyId)).toEqual(['kesk']);
  });

  it('have stable keys per party, round and deadline', () => {
    const keys = dueReminders(context()).map((r) => r.key);
    expect(keys).toEqual([
      'consent-reminder:statement-1:1:kesk:2027-03-01T22:00:00.000Z',
      'consent-reminder:statement-1:1:vas:2027-03-02T08:00:00.000Z',
      'consent-reminder:statement-1:1:kd:2027-03-02T08:00:00.000Z',
      'consent-reminder:statement-1:1:vihr:2027-03-02T08:00:00.000Z',
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    // Later runs, the same instant in another offset: the same keys, so a claim sends each once.
    const later = dueReminders(context({ now: new Date(NOW.getTime() + HOUR) }));
    expect(later.map((r) => r.key)).toEqual(keys);
    const utc = dueReminders(context({ deadline: '2027-03-02T08:00:00Z' }));
    expect(utc.map((r) => r.key)).toEqual(keys);
    // A new round is a new reminder.
    const round2 = dueReminders(context({ round: 2 }));
    expect(round2.map((r) => r.key)).toContain(
      'consent-reminder:statement-1:2:kesk:2027-03-02T08:00:00.000Z',
    );
  });
});

describe('ConsentAnswerRequest', () => {
  const schema = consentAnswerRequest(() => NOW);
  const ok = (body: unknown) => schema.safeParse(body).success;

  it('accepts a consent, an objection with reasons and time with a future deadline', () => {
    expect(schema.parse({ round: 1, answer: 'consent' })).toEqual({
      round: 1,
      answer: 'consent',
      reason: '',
    });
    expect(ok({ round: 1, answer: 'object', reason: 'Not our line.' })).toBe(true);
    expect(ok({ round: 2, answer: 'time', deadline: '2027-03-08T12:00:00+02:00' })).toBe(true);
    expect(
      ok({ round: 2, answer: 'time', reason: 'Group meets', deadline: '2027-03-08T12:00:00Z' }),
    ).toBe(true);
  });

  it('refuses an objection without reasons', () => {
    expect(ok({ round: 1, answer: 'object' })).toBe(false);
    expect(ok({ round: 1, answer: 'object', reason: '   ' })).toBe(false);
  });

  it('refuses time without a deadline or with a past one, and a deadline on anything else', () => {
    expect(ok({ round: 1, answer: 'time' })).toBe(false);
    expect(ok({ round: 1, answer: 'time', deadline: '2027-03-01T11:59:59Z' })).toBe(false);
    expect(ok({ round: 1, answer: 'time', deadline: NOW.toISOString() })).toBe(false);
    expect(ok({ round: 1, answer: 'time', deadline: 'tomorrow' })).toBe(false);
    expect(ok({ round: 1, answer: 'consent', deadline: '2027-03-08T12:00:00Z' })).toBe(false);
    // The route's schema reads the real clock.
    expect(
      ConsentAnswerRequest.safeParse({ round: 1, answer: 'time', deadline: '2000-01-01T00:00:00Z' })
        .success,
    ).toBe(false);
  });

  it('refuses unknown keys, `$`-operators, a missing round and overlong reasons', () => {
    expect(ok({ round: 1, answer: 'consent', partyId: 'sdp' })).toBe(false);
    expect(ok({ round: 1, answer: 'consent', $set: { answer: 'consent' } })).toBe(false);
    expect(ok({ round: 1, answer: { $ne: 'object' } })).toBe(false);
    expect(ok({ round: 1, answer: 'object', reason: { $gt: '' } })).toBe(false);
    expect(ok({ round: { $gte: 0 }, answer: 'consent' })).toBe(false);
    expect(ok({ round: 1, answer: 'time', deadline: { $exists: true } })).toBe(false);
    expect(ok({ answer: 'consent' })).toBe(false);
    expect(ok({ round: 0, answer: 'consent' })).toBe(false);
    expect(ok({ round: 1, answer: 'maybe' })).toBe(false);
    expect(ok({ round: 1, answer: 'object', reason: 'x'.repeat(4001) })).toBe(false);
    expect(ok({ round: 1, answer: 'object', reason: 'x'.repeat(4000) })).toBe(true);
  });
});

describe('storing an answer', () => {
  const origin = {
    requestId: REQUEST,
    round: 3,
    partyId: 'kd',
    userId: 'u1',
    userName: 'Kaisa',
    at: NOW,
  };

  it('keeps the deadline in UTC for time only, and trims the reason', () => {
    const body = consentAnswerRequest(() => NOW).parse({
      round: 3,
      answer: 'time',
      reason: '  Group meets on Monday  ',
      deadline: '2027-03-08T12:00:00+02:00',
    });
    expect(toConsentAnswer(body, origin)).toEqual({
      ...origin,
      answer: 'time',
      reason: 'Group meets on Monday',
      deadline: '2027-03-08T10:00:00.000Z',
      at: '2027-03-01T12:00:00.000Z',
    });
    expect(toConsentAnswer({ answer: 'consent', reason: '' }, origin).deadline).toBeNull();
  });

  it('audits the answer without its reason', () => {
    const stored = answer('kd', 'object', { reason: 'Confidential words' });
    const details = consentAnswerAuditDetails(stored);
    expect(details).toEqual({ round: 1, partyId: 'kd', answer: 'object', deadline: null });
    expect(JSON.stringify(details)).not.toContain('Confidential');
  });
});

describe('who may answer for a party', () => {
  // All seven roles, each of party kesk, answering for kesk and for sdp. Officers who belong to a
  // party answer for it like its representatives (issue 19); readers and administrators never.
  const cases = ROLES.flatMap((role) =>
    (['kesk', 'sdp'] as const).map(
      (target) =>
        [role, target, role !== 'reader' && role !== 'admin' && target === 'kesk'] as const,
    ),
  );
  it.each(cases)('%s of kesk for %s → %s', (role, target, allowed) => {
    expect(can({ role, partyId: 'kesk' }, 'consent.answer', { partyId: target })).toBe(allowed);
  });
});

describe('a round stored before rounds fixed their parties', () => {
  const party = (id: string, createdAt: string, endedAt: string | null = null) => ({
    _id: id,
    groupId: 'g',
    name: id,
    shortName: id,
    colour: '#000000',
    createdAt: new Date(createdAt),
    endedAt: endedAt ? new Date(endedAt) : null,
  });
  const round = (at: string, partyIds?: string[]) => ({
    _id: 'r:1',
    requestId: 'r',
    round: 1,
    cause: 'text_changed' as const,
    at: new Date(at),
    by: null,
    ...(partyIds ? { partyIds } : {}),
    withdrawn: [],
    content: null,
    hash: null,
  });
  const parties = [
    party('old', '2027-01-01T00:00:00Z'),
    party('gone', '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z'),
    party('later', '2027-03-01T00:00:00Z'),
    party('endedAfter', '2027-01-01T00:00:00Z', '2027-02-20T00:00:00Z'),
  ];

  it('counts the parties that existed, and had not ended, when it began', () => {
    expect(partiesOfRound(round('2027-02-10T00:00:00Z'), parties)).toEqual(['old', 'endedAfter']);
  });

  it('a round that fixed its parties keeps them, whatever the group has now', () => {
    expect(partiesOfRound(round('2027-02-10T00:00:00Z', ['gone', 'x']), parties)).toEqual([
      'gone',
      'x',
    ]);
  });
});
