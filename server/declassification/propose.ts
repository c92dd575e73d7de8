// A negotiator proposes to lower one item of an approved memo version by one level. The proposal
// is judged on the version's full content with the overlays released so far and the proposals
// still open, stored as a consent request, and put to the parties at once (round 1).
import { createHash } from 'node:crypto';
import type { ProposeDeclassificationRequest } from '../../shared/api/schemas';
import { targetKey, validateProposal } from '../../shared/memo/declassification';
import { announceRequestedRound, requestedRound } from '../consent/firstRound';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc, MeetingDoc, MemoVersionDoc } from '../db/schema';
import { DuplicateKeyError } from '../errors';
import { frozenContent } from '../versions/versionView';
import { declassificationLabel } from './label';
import { proposalsOf } from './overlays';
import { proposalRefused } from './problems';

export interface Proposer {
  userId: string;
  name: string;
}

/**
 * A UUID (version 8, RFC 9562) derived from the claim key: the request a claim stands for can be
 * found, or completed after a crash between the claim and the insert, by whoever comes next.
 */
export function requestIdFor(claimKey: string): string {
  const h = createHash('sha256').update(claimKey).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Round 1 of a proposal (a declassification or a publication) with the group's active parties;
 * starting it again is a no-op (unique `<id>:<n>`). Returns the round started, or null.
 */
export async function ensureFirstRound(
  ctx: Pick<AppContext, 'repos'>,
  request: ConsentRequestDoc,
): Promise<ConsentRoundDoc | null> {
  const parties = await ctx.repos.groups.listParties(request.groupId);
  const round = requestedRound(
    request._id,
    request.createdAt,
    request.createdBy,
    parties.map((party) => party._id),
    null,
  );
  return (await ctx.repos.consent.startRound(round)) ? round : null;
}

/**
 * Store the proposal and start its round 1. 409 (naming the problem) when the rules refuse it,
 * including when another proposal for the same item and level is open or wins a race with this
 * one: of two racing proposals exactly one is made.
 */
export async function proposeDeclassification(
  ctx: AppContext,
  meeting: MeetingDoc,
  version: MemoVersionDoc,
  proposer: Proposer,
  body: ProposeDeclassificationRequest,
  now = new Date(),
): Promise<ConsentRequestDoc> {
  const { repos } = ctx;
  const content = frozenContent(version);
  const { released, pending } = await proposalsOf(repos, meeting._id, version.version);
  const check = validateProposal(content, released, body.target, body.to, pending);
  if (!check.ok) throw proposalRefused(check.problem);

  // One request per item, level and version: the claim decides a race between two proposers.
  const claimKey = `declassification:${meeting._id}:${version.version}:${targetKey(check.target)}:${check.from}`;
  const requestId = requestIdFor(claimKey);
  const refusedAsPending = proposalRefused({ kind: 'pending', requestId });
  if (!(await repos.claims.claim(claimKey))) {
    const existing = await repos.consent.findRequest(requestId);
    if (existing) {
      await ensureFirstRound(ctx, existing);
      throw refusedAsPending;
    }
    // The claim's winner is still writing, or crashed before it did: whoever inserts the request
    // first below makes the proposal, the other gets the same 409.
  }

  const request: ConsentRequestDoc = {
    _id: requestId,
    groupId: meeting.groupId,
    kind: 'declassification',
    title: declassificationLabel(
      meeting.title,
      version.version,
      content,
      check.target,
      check.itemKind,
    ),
    meetingId: meeting._id,
    deadline: body.deadline ? new Date(body.deadline) : null,
    createdBy: proposer,
    createdAt: now,
    statement: null,
    declassification: {
      version: version.version,
      versionHash: version.hash,
      target: check.target,
      from: check.from,
      to: body.to,
      targetKey: targetKey(check.target),
    },
  };
  try {
    await repos.consent.createRequest(request);
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw refusedAsPending;
    throw error;
  }
  const round = await ensureFirstRound(ctx, request);
  if (!round) return request;

  // Ids, numbers and levels only: the label names the item by position, never by its text.
  await announceRequestedRound(ctx, request, round, proposer, {
    kind: 'declassification',
    meetingId: meeting._id,
    version: version.version,
    itemKind: check.itemKind,
    from: check.from,
    to: body.to,
    deadline: body.deadline ?? null,
  });
  return request;
}
