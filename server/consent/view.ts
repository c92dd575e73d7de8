// The gate of one request as negotiators see it: parties, current state, every answer and round.
// Reasons of objections are in it, so only negotiators ever get a ConsentView.
import type { ConsentParty, ConsentRoundInfo, ConsentView } from '../../shared/api/consent';
import { partySpokenFor, type Actor } from '../../shared/permissions';
import type { AppContext } from '../context';
import type {
  ConsentRequestDoc,
  ConsentRoundDoc,
  ConsentRoundEndDoc,
  MembershipDoc,
  PartyDoc,
} from '../db/schema';
import { partiesOfRound, type ConsentGate } from './gate';
import { settleGate } from './settle';
import { readSpeakingActor } from '../attendance/speaking';

/** The party a member may answer for: their own, if they speak for it. */
export function answersFor(membership: Actor): string | null {
  return partySpokenFor(membership);
}

const person = (by: { userId: string; name: string } | null) =>
  by ? { id: by.userId, name: by.name } : null;

function roundInfo(
  round: ConsentRoundDoc,
  end: ConsentRoundEndDoc | undefined,
  allParties: readonly PartyDoc[],
): ConsentRoundInfo {
  return {
    round: round.round,
    cause: round.cause,
    at: round.at.toISOString(),
    by: person(round.by),
    partyIds: partiesOfRound(round, allParties),
    withdrawn: round.withdrawn,
    hash: round.hash,
    end: end
      ? {
          cause: end.cause,
          at: end.at.toISOString(),
          by: person(end.by),
          withdrawn: end.withdrawn,
          added: end.added,
          removed: end.removed,
        }
      : null,
  };
}

/**
 * Every party the gate names (the rounds', the answers' and the group's now), in the group's
 * order. A party deleted before issue 13 is known by its id only.
 */
function partiesNamed(gate: ConsentGate, rounds: readonly ConsentRoundInfo[]): ConsentParty[] {
  const named = new Set<string>(gate.activePartyIds);
  for (const round of rounds) round.partyIds.forEach((id) => named.add(id));
  for (const answer of gate.answers) named.add(answer.partyId);
  const known = gate.allParties.filter((party) => named.has(party._id));
  const unknown = [...named].filter((id) => !known.some((party) => party._id === id));
  return [
    ...known.map((party) => ({
      id: party._id,
      name: party.name,
      shortName: party.shortName,
      colour: party.colour,
    })),
    ...unknown.map((id) => ({ id, name: '–', shortName: '–', colour: '#767676' })),
  ];
}

/** The view of a gate already read. */
export function consentViewOf(gate: ConsentGate, membership: Actor): ConsentView {
  const { request } = gate;
  const rounds = gate.rounds.map((round) =>
    roundInfo(
      round,
      gate.ends.find((end) => end.round === round.round),
      gate.allParties,
    ),
  );
  return {
    requestId: request._id,
    kind: request.kind,
    groupId: request.groupId,
    status: gate.status,
    round: gate.round?.round ?? null,
    deadline: request.deadline?.toISOString() ?? null,
    parties: partiesNamed(gate, rounds),
    state: gate.state,
    history: gate.answers,
    rounds,
    answersFor: answersFor(membership),
    releasedAt: gate.release?.releasedAt.toISOString() ?? null,
  };
}

/**
 * Read the gate of `request`, settled first: a release cut short is finished, and a round whose
 * parties are no longer the group's is replaced by the next (see ./settle.ts).
 */
export function readCompletedGate(
  ctx: AppContext,
  request: ConsentRequestDoc,
): Promise<ConsentGate> {
  return settleGate(ctx, request);
}

export async function consentView(
  ctx: AppContext,
  request: ConsentRequestDoc,
  membership: MembershipDoc,
): Promise<ConsentView> {
  // The answer form is offered only to who may answer now (a deputy per the group's rule).
  const [gate, speaker] = await Promise.all([
    readCompletedGate(ctx, request),
    readSpeakingActor(ctx.repos, membership, membership.userId, request.meetingId),
  ]);
  return consentViewOf(gate, speaker);
}
