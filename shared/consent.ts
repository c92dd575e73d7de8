// The unanimity gate (issue 5): a joint statement, a declassification proposal or the publication
// of a memo version is released only when every party of the round consents. A round fixes its
// parties when it starts (issue 13): a party ended or added later neither releases nor blocks it;
// the server voids it and starts a new round with the parties then. Pure functions over the stored
// answer history; the server stores answers and decides with these, the client shows the same.
import type { AuditDetails } from './audit';

/** What a party can answer. `time` asks for time until a deadline; it is never a consent. */
export const CONSENT_ANSWERS = ['consent', 'object', 'time'] as const;
export type ConsentAnswerKind = (typeof CONSENT_ANSWERS)[number];

/** The longest reason an answer may carry. */
export const MAX_CONSENT_REASON_LENGTH = 4000;

/**
 * A request's first round. A statement put to consent again after an edit, or any request whose
 * group's parties changed while it was open, gets the next one.
 */
export const FIRST_CONSENT_ROUND = 1;

/**
 * One party's answer, as stored. Answers are append-only: a later answer by the same party in the
 * same round replaces the earlier one for the outcome, and both stay in the history.
 */
export interface ConsentAnswer {
  requestId: string;
  /** The round answered; only answers of the request's current round count. */
  round: number;
  partyId: string;
  answer: ConsentAnswerKind;
  /** Required for `object`; '' when none was given. */
  reason: string;
  /** ISO date-time (UTC) for `time`, null otherwise. */
  deadline: string | null;
  /** The representative or deputy who answered for the party. */
  userId: string;
  userName: string;
  /** ISO date-time the server stored the answer. */
  at: string;
}

/** A party's place in the current round. `overdue`: asked for time and the deadline has passed. */
export type PartyConsentStatus = 'consented' | 'objected' | 'asked_time' | 'overdue' | 'no_answer';

export interface PartyConsent {
  partyId: string;
  status: PartyConsentStatus;
  /** The answer this status comes from; null for `no_answer`. */
  answer: ConsentAnswer | null;
  /** The deadline the party asked for (`asked_time`, `overdue`); null otherwise. */
  deadline: string | null;
}

/** `blocked`: at least one party objects. `released` needs every round party's consent. */
export type ConsentOutcome = 'released' | 'blocked' | 'pending';

export interface ConsentObjection {
  partyId: string;
  reason: string;
  userName: string;
  at: string;
}

/** The gate as negotiators see it. Objections' reasons are for negotiators only. */
export interface ConsentState {
  requestId: string;
  round: number;
  outcome: ConsentOutcome;
  /** One entry per party of the round, in the order the parties were given. */
  perParty: PartyConsent[];
  /** The objecting parties with their reasons, in party order; empty unless `blocked`. */
  objections: ConsentObjection[];
}

/** Everything the gate reads about one request. */
export interface ConsentContext {
  requestId: string;
  /** The request's current round. */
  round: number;
  /**
   * The round's parties, fixed when it started. Every one of them must consent, and only their
   * answers count. Whether they are still the group's parties is `partiesChange`'s question: the
   * server never releases a round whose parties are no longer the group's.
   */
  partyIds: readonly string[];
  /**
   * The group's parties now, while the round is open. When they are not the round's, the round
   * is void: `pending`, never released nor blocked, whatever its answers (the server then starts
   * a new round with these parties). Leave out for a round that has ended.
   */
  currentPartyIds?: readonly string[] | undefined;
  /**
   * The request's whole answer history in the order it was stored (oldest first). The order, not
   * `at`, decides which answer is latest: clocks of two server instances may disagree or tie.
   */
  answers: readonly ConsentAnswer[];
  now: Date;
}

/** Each party's latest answer in `round`. */
export function currentAnswers(
  answers: readonly ConsentAnswer[],
  round: number,
): Map<string, ConsentAnswer> {
  const latest = new Map<string, ConsentAnswer>();
  for (const answer of answers) if (answer.round === round) latest.set(answer.partyId, answer);
  return latest;
}

function isPast(deadline: string, now: Date): boolean {
  // At the deadline itself the time asked for is used up.
  return Date.parse(deadline) <= now.getTime();
}

function partyConsent(partyId: string, answer: ConsentAnswer | undefined, now: Date): PartyConsent {
  if (!answer) return { partyId, status: 'no_answer', answer: null, deadline: null };
  switch (answer.answer) {
    case 'consent':
      return { partyId, status: 'consented', answer, deadline: null };
    case 'object':
      return { partyId, status: 'objected', answer, deadline: null };
    case 'time': {
      // A stored `time` answer always has a deadline; without one it can only be overdue.
      const deadline = answer.deadline ?? answer.at;
      const status = isPast(deadline, now) ? 'overdue' : 'asked_time';
      return { partyId, status, answer, deadline };
    }
  }
}

/** The gate's state for the current round. */
export function consentState(context: ConsentContext): ConsentState {
  const { requestId, round, answers, now } = context;
  const partyIds = [...new Set(context.partyIds)];
  const latest = currentAnswers(answers, round);
  const perParty = partyIds.map((partyId) => partyConsent(partyId, latest.get(partyId), now));
  const objections = perParty.flatMap(({ partyId, status, answer }) =>
    status === 'objected' && answer
      ? [{ partyId, reason: answer.reason, userName: answer.userName, at: answer.at }]
      : [],
  );
  // A round whose parties are no longer the group's neither releases nor blocks by itself.
  const voided =
    context.currentPartyIds !== undefined &&
    partiesChange(partyIds, context.currentPartyIds) !== null;
  if (voided) return { requestId, round, outcome: 'pending', perParty, objections: [] };
  // A group without parties has nobody to consent: nothing is released by default.
  const everyoneConsents =
    perParty.length > 0 && perParty.every((party) => party.status === 'consented');
  const outcome: ConsentOutcome =
    objections.length > 0 ? 'blocked' : everyoneConsents ? 'released' : 'pending';
  return { requestId, round, outcome, perParty, objections };
}

/**
 * The parties whose consent is withdrawn when round `fromRound` ends without a release (the text
 * is opened for editing, or the group's parties changed): they consented and must be told.
 * Sorted. Objections and requests for time lapse too, but nobody loses a consent by them.
 */
export function withdrawnConsents(answers: readonly ConsentAnswer[], fromRound: number): string[] {
  return [...currentAnswers(answers, fromRound)]
    .filter(([, answer]) => answer.answer === 'consent')
    .map(([partyId]) => partyId)
    .sort();
}

/** How the group's parties now differ from a round's. */
export interface PartiesChange {
  /** In the group now, not in the round (sorted). */
  added: string[];
  /** In the round, no longer in the group (ended or deleted; sorted). */
  removed: string[];
}

/**
 * How `currentPartyIds` (the group's parties now) differ from `roundPartyIds`; null when they are
 * the same set. A round whose parties changed is void: it is neither released nor blocked, and a
 * new round with the parties now replaces it.
 */
export function partiesChange(
  roundPartyIds: readonly string[],
  currentPartyIds: readonly string[],
): PartiesChange | null {
  const round = new Set(roundPartyIds);
  const current = new Set(currentPartyIds);
  const added = [...current].filter((id) => !round.has(id)).sort();
  const removed = [...round].filter((id) => !current.has(id)).sort();
  return added.length === 0 && removed.length === 0 ? null : { added, removed };
}

/** One reminder owed to a party before a deadline. */
export interface ConsentReminder {
  partyId: string;
  /** `no_answer` is reminded of the request's deadline, `asked_time` of its own. */
  status: 'no_answer' | 'asked_time';
  /** ISO date-time (UTC). */
  deadline: string;
  /**
   * Unique per request, round, party and deadline: the server inserts a claim under this key and
   * sends only if the insert wins, so reruns and parallel instances send each reminder once. A new
   * round or a new deadline asked for is a new reminder.
   */
  key: string;
}

export interface ReminderContext extends ConsentContext {
  /** The request's deadline for answers; null means no deadline, so nothing to remind of. */
  deadline: string | null;
  /** How long before a deadline to remind, in milliseconds. */
  leadMs: number;
}

/**
 * The reminders due at `now`: each party that has not answered (before the request's deadline) or
 * asked for time (before its own deadline, which replaces the request's for it) whose deadline is
 * within `leadMs`. Past deadlines get no reminder: the party is shown as overdue instead.
 * Deterministic: the same context gives the same reminders in party order.
 */
export function dueReminders(context: ReminderContext): ConsentReminder[] {
  const { requestId, round, now, leadMs } = context;
  // Parties are reminded even while another objects: an objection may yet be withdrawn.
  return consentState(context).perParty.flatMap((party): ConsentReminder[] => {
    if (party.status !== 'no_answer' && party.status !== 'asked_time') return [];
    const due = party.status === 'no_answer' ? context.deadline : party.deadline;
    if (!due) return [];
    const at = Date.parse(due);
    if (Number.isNaN(at) || at <= now.getTime() || at - leadMs > now.getTime()) return [];
    // The same instant written with another offset must give the same key.
    const deadline = new Date(at).toISOString();
    const key = `consent-reminder:${requestId}:${round}:${party.partyId}:${deadline}`;
    return [{ partyId: party.partyId, status: party.status, deadline, key }];
  });
}

/** The validated request body (`ConsentAnswerRequest` in api/schemas.ts). */
export interface ConsentAnswerInput {
  answer: ConsentAnswerKind;
  reason: string;
  deadline?: string | undefined;
}

/** Who answers, for which party, in which round, and when (the server's clock). */
export interface ConsentAnswerOrigin {
  requestId: string;
  round: number;
  partyId: string;
  userId: string;
  userName: string;
  at: Date;
}

/** The answer to store for a validated body: reason trimmed, deadline in UTC, null unless `time`. */
export function toConsentAnswer(
  input: ConsentAnswerInput,
  origin: ConsentAnswerOrigin,
): ConsentAnswer {
  const { requestId, round, partyId, userId, userName, at } = origin;
  const deadline =
    input.answer === 'time' && input.deadline ? new Date(input.deadline).toISOString() : null;
  return {
    requestId,
    round,
    partyId,
    answer: input.answer,
    reason: input.reason.trim(),
    deadline,
    userId,
    userName,
    at: at.toISOString(),
  };
}

/**
 * Audit details of an answer. Never the reason: it may quote confidential words, and the audit log
 * is read by administrators, who are not negotiators.
 */
export function consentAnswerAuditDetails(answer: ConsentAnswer): AuditDetails {
  return {
    round: answer.round,
    partyId: answer.partyId,
    answer: answer.answer,
    deadline: answer.deadline,
  };
}
