// One consent request's gate as stored: its rounds (each with the parties it fixed when it
// started) and how they ended, answers and release, and the state the pure rules
// (shared/consent.ts) derive from them. Everything else in server/consent reads this.
import type { ConsentRequestStatus } from '../../shared/api/consent';
import {
  consentState,
  partiesChange,
  type ConsentAnswer,
  type ConsentState,
  type PartiesChange,
} from '../../shared/consent';
import type { AppContext } from '../context';
import type {
  ConsentAnswerDoc,
  ConsentReleaseDoc,
  ConsentRequestDoc,
  ConsentRoundDoc,
  ConsentRoundEndDoc,
  PartyDoc,
} from '../db/schema';

export interface ConsentGate {
  request: ConsentRequestDoc;
  /** Every party the group has (ended ones too, for names in the history), in the group's order. */
  allParties: PartyDoc[];
  /** The group's active parties now: who a new round would count. */
  activePartyIds: string[];
  /** Oldest first. */
  rounds: ConsentRoundDoc[];
  /** How each ended round ended, oldest first. */
  ends: ConsentRoundEndDoc[];
  /** The current (latest) round; null while a statement is a draft. */
  round: ConsentRoundDoc | null;
  /** How the current round ended; null while it is open (or there is none). */
  roundEnd: ConsentRoundEndDoc | null;
  /** The current round's parties, fixed when it started; empty without a round. */
  roundPartyIds: string[];
  /**
   * How the group's parties now differ from the open round's; null when they do not, or when no
   * round is open. A round with a change is void: it is neither released nor blocked.
   */
  partiesChange: PartiesChange | null;
  /** The whole answer history in stored order. */
  answers: ConsentAnswer[];
  release: ConsentReleaseDoc | null;
  status: ConsentRequestStatus;
  /** The open (or released) round's state; null for a draft and for a statement being edited. */
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

/**
 * Derived, never stored: a release = released; no round = draft; the latest round ended because
 * a negotiator took the statement back = editing; anything else is in consent (including a round
 * that ended otherwise but whose release or successor is not stored yet, see `settleGate`).
 */
export function requestStatus(
  round: ConsentRoundDoc | null,
  roundEnd: ConsentRoundEndDoc | null,
  release: ConsentReleaseDoc | null,
): ConsentRequestStatus {
  if (release) return 'released';
  if (!round) return 'draft';
  return roundEnd?.cause === 'edited' ? 'editing' : 'in_consent';
}

/**
 * The parties of `round`. Rounds stored before issue 13 did not fix theirs: they are read as the
 * parties that existed when the round began and had not ended by then (a party deleted since is
 * unknown and so not counted; none with history is deleted any more).
 */
export function partiesOfRound(round: ConsentRoundDoc, allParties: readonly PartyDoc[]): string[] {
  if (round.partyIds) return round.partyIds;
  const at = round.at.getTime();
  return allParties
    .filter(
      (party) =>
        party.createdAt.getTime() <= at && (!party.endedAt || party.endedAt.getTime() > at),
    )
    .map((party) => party._id);
}

/** Read the gate of `request` as stored now. */
export async function readGate(
  ctx: Pick<AppContext, 'repos'>,
  request: ConsentRequestDoc,
  now = new Date(),
): Promise<ConsentGate> {
  const { repos } = ctx;
  const [allParties, rounds, ends, answerDocs, release] = await Promise.all([
    repos.groups.listAllParties(request.groupId),
    repos.consent.listRounds(request._id),
    repos.consent.listRoundEnds(request._id),
    repos.consent.listAnswers(request._id),
    repos.consent.findRelease(request._id),
  ]);
  const activePartyIds = allParties.filter((party) => !party.endedAt).map((party) => party._id);
  const round = rounds.at(-1) ?? null;
  const roundEnd = (round && ends.find((end) => end.round === round.round)) ?? null;
  const roundPartyIds = round ? partiesOfRound(round, allParties) : [];
  const answers = answerDocs.map(toConsentAnswer);
  const status = requestStatus(round, roundEnd, release);
  // The parties only matter while the round is open: a released round stays released, and an
  // ended one is replaced by the next.
  const open = status === 'in_consent' && roundEnd === null;
  const state =
    round && (status === 'in_consent' || status === 'released')
      ? consentState({
          requestId: request._id,
          round: round.round,
          partyIds: roundPartyIds,
          currentPartyIds: open ? activePartyIds : undefined,
          answers,
          now,
        })
      : null;
  return {
    request,
    allParties,
    activePartyIds,
    rounds,
    ends,
    round,
    roundEnd,
    roundPartyIds,
    partiesChange: open ? partiesChange(roundPartyIds, activePartyIds) : null,
    answers,
    release,
    status,
    state,
  };
}

/** The audit target of a request. A statement's title is not in it: admins read the log. */
export function auditTarget(request: ConsentRequestDoc) {
  switch (request.kind) {
    case 'statement':
      return { type: 'statement' as const, id: request._id };
    case 'declassification':
      return { type: 'declassification' as const, id: request._id, label: request.title };
    case 'publication':
      return { type: 'publication' as const, id: request._id, label: request.title };
  }
}
