// The gate of one request as negotiators see it: parties, current state, every answer and round.
// Reasons of objections are in it, so only negotiators ever get a ConsentView.
import type { ConsentRoundInfo, ConsentView } from '../../shared/api/consent';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc, MembershipDoc } from '../db/schema';
import { readGate, type ConsentGate } from './gate';
import { releaseIfUnanimous } from './release';

/** The party a member may answer for: their own, if they speak for it. */
export function answersFor(membership: MembershipDoc): string | null {
  const speaks = membership.role === 'representative' || membership.role === 'deputy';
  return speaks && membership.partyId ? membership.partyId : null;
}

function roundInfo(round: ConsentRoundDoc): ConsentRoundInfo {
  return {
    round: round.round,
    cause: round.cause,
    at: round.at.toISOString(),
    by: round.by ? { id: round.by.userId, name: round.by.name } : null,
    withdrawn: round.withdrawn,
    hash: round.hash,
  };
}

/** The view of a gate already read. */
export function consentViewOf(gate: ConsentGate, membership: MembershipDoc): ConsentView {
  const { request } = gate;
  return {
    requestId: request._id,
    kind: request.kind,
    groupId: request.groupId,
    status: gate.status,
    round: gate.round?.round ?? null,
    deadline: request.deadline?.toISOString() ?? null,
    parties: gate.parties.map((party) => ({
      id: party._id,
      name: party.name,
      shortName: party.shortName,
      colour: party.colour,
    })),
    state: gate.state,
    history: gate.answers,
    rounds: gate.rounds.map(roundInfo),
    answersFor: answersFor(membership),
    releasedAt: gate.release?.releasedAt.toISOString() ?? null,
  };
}

/**
 * Read the gate of `request` for `membership`. A request every party consented to but that has no
 * release yet (a crash between the last answer and the release) is released on this reading.
 */
export async function readCompletedGate(
  ctx: AppContext,
  request: ConsentRequestDoc,
): Promise<ConsentGate> {
  const gate = await readGate(ctx, request);
  if (gate.status !== 'in_consent' || gate.state?.outcome !== 'released') return gate;
  await releaseIfUnanimous(ctx, request);
  return readGate(ctx, request);
}

export async function consentView(
  ctx: AppContext,
  request: ConsentRequestDoc,
  membership: MembershipDoc,
): Promise<ConsentView> {
  return consentViewOf(await readCompletedGate(ctx, request), membership);
}
