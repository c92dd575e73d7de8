// One consent request's gate as stored: its parties, rounds, answers and release, and the state the
// pure rules (shared/consent.ts) derive from them. Everything else in server/consent reads this.
import type { ConsentRequestStatus } from '../../shared/api/consent';
import { consentState, type ConsentAnswer, type ConsentState } from '../../shared/consent';
import type { AppContext } from '../context';
import type {
  ConsentAnswerDoc,
  ConsentReleaseDoc,
  ConsentRequestDoc,
  ConsentRoundDoc,
  PartyDoc,
} from '../db/schema';

export interface ConsentGate {
  request: ConsentRequestDoc;
  /** The group's parties now: every one of them must consent. */
  parties: PartyDoc[];
  /** Oldest first. */
  rounds: ConsentRoundDoc[];
  /** The current (latest) round; null while a statement is a draft. */
  round: ConsentRoundDoc | null;
  /** The whole answer history in stored order. */
  answers: ConsentAnswer[];
  release: ConsentReleaseDoc | null;
  status: ConsentRequestStatus;
  /** The current round's state; null while a draft. */
  state: ConsentState | null;
}

/** A stored answer as the pure rules and the API see it (storage fields dropped). */
export function toConsentAnswer(doc: ConsentAnswerDoc): ConsentAnswer {
  return {
    requestId: doc.requestId,
    round: doc.round,
    partyId: doc.partyId,
    answer: doc.answer,
    reason: doc.reason,
    deadline: doc.deadline,
    userId: doc.userId,
    userName: doc.userName,
    at: doc.at,
  };
}

/** Derived, never stored: no round = draft, a release = released, else in consent. */
export function requestStatus(
  round: ConsentRoundDoc | null,
  release: ConsentReleaseDoc | null,
): ConsentRequestStatus {
  if (release) return 'released';
  return round ? 'in_consent' : 'draft';
}

/** Read the gate of `request` as stored now. */
export async function readGate(
  ctx: Pick<AppContext, 'repos'>,
  request: ConsentRequestDoc,
  now = new Date(),
): Promise<ConsentGate> {
  const { repos } = ctx;
  const [parties, rounds, answerDocs, release] = await Promise.all([
    repos.groups.listParties(request.groupId),
    repos.consent.listRounds(request._id),
    repos.consent.listAnswers(request._id),
    repos.consent.findRelease(request._id),
  ]);
  const round = rounds.at(-1) ?? null;
  const answers = answerDocs.map(toConsentAnswer);
  const state = round
    ? consentState({
        requestId: request._id,
        round: round.round,
        partyIds: parties.map((party) => party._id),
        answers,
        now,
      })
    : null;
  return {
    request,
    parties,
    rounds,
    round,
    answers,
    release,
    status: requestStatus(round, release),
    state,
  };
}

/** The audit target of a request. A statement's title is not in it: admins read the log. */
export function auditTarget(request: ConsentRequestDoc) {
  return request.kind === 'statement'
    ? { type: 'statement' as const, id: request._id }
    : { type: 'declassification' as const, id: request._id, label: request.title };
}
