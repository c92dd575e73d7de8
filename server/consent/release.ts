// The last consent: a request every party of its open round consented to is released, once. Two
// unique keys decide the races: the round's end (`<request>:<round>`), which the release, a
// negotiator opening the statement for editing and a change of the group's parties all try to
// take, so a round ends one way only; and then the release document (the request id), so only one
// writer audits, tells the parties and locks the statement's room. A crash between the two is
// completed by the next reading (settleGate).
import { declassificationApplies, releaseDeclassification } from '../declassification/release';
import { releasePublication } from '../publication/release';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc } from '../db/schema';
import { consentRoundEndId } from '../repositories/consent';
import { auditTarget, readGate } from './gate';
import { announceConsentChange, notifyConsent } from './notify';
import { readStoredStatement } from './storedStatement';

export interface Releaser {
  userId: string;
  name: string;
}

/**
 * Release `request` if every party of its open round consents (and the round's parties are still
 * the group's), or finish a release whose round already ended as released. True when this call
 * released it; false when the gate is not unanimous, the round ended otherwise, or it was released
 * already.
 */
export async function releaseIfUnanimous(
  ctx: AppContext,
  request: ConsentRequestDoc,
  actor: Releaser | null = null,
  at = new Date(),
): Promise<boolean> {
  const gate = await readGate(ctx, request, at);
  const round = gate.round;
  if (gate.status !== 'in_consent' || !round) return false;
  let releasedAt = at;
  if (gate.roundEnd) {
    if (gate.roundEnd.cause !== 'released') return false;
    releasedAt = gate.roundEnd.at;
  } else {
    // `outcome` is `pending` for a round whose parties are no longer the group's.
    if (gate.state?.outcome !== 'released') return false;
    if (!(await stillReleasable(ctx, request, round))) return false;
    const ended = await ctx.repos.consent.endRound({
      _id: consentRoundEndId(request._id, round.round),
      requestId: request._id,
      groupId: request.groupId,
      round: round.round,
      cause: 'released',
      at,
      by: actor,
      withdrawn: [],
      added: [],
      removed: [],
    });
    if (!ended) {
      // Another writer ended the round first: only a release of theirs is ours to finish.
      const end = await ctx.repos.consent.findRoundEnd(request._id, round.round);
      if (end?.cause !== 'released') return false;
      releasedAt = end.at;
    }
  }

  const released = await insertRelease(ctx, request, round, releasedAt);
  if (!released) return false;

  if (request.kind === 'statement')
    ctx.events.publish({ type: 'consentReleased', requestId: request._id, kind: request.kind });
  await ctx.audit.record({
    groupId: request.groupId,
    actor,
    action: 'consent.release',
    target: auditTarget(request),
    details: {
      kind: request.kind,
      round: round.round,
      parties: gate.roundPartyIds.length,
      hash: round.hash,
    },
  });
  await notifyConsent(ctx, request, { kind: 'released', round: round.round });
  await announceConsentChange(ctx, request);
  return true;
}

/**
 * What must still hold at the last consent, checked before the round ends as released. A
 * declassification must still fit the version's released overlays. A statement's stored words
 * must be its round's: the room is locked and sealed while in consent, so they can only differ for
 * a statement that was in consent before issue 13 (when rounds followed the words) or one changed
 * behind the server's back; such a statement is not released, and a negotiator opens it for
 * editing and puts it to consent again.
 */
async function stillReleasable(
  ctx: AppContext,
  request: ConsentRequestDoc,
  round: ConsentRoundDoc,
): Promise<boolean> {
  if (request.kind === 'declassification') return declassificationApplies(ctx, request);
  if (request.kind !== 'statement') return true;
  if (!round.content || !round.hash) return false;
  const stored = await readStoredStatement(ctx, request._id);
  if (stored.hash === round.hash) return true;
  ctx.logger.error(
    { requestId: request._id, round: round.round },
    'stored statement differs from the words in consent; not released',
  );
  return false;
}

/** The release document of each kind; false when it was inserted already (or cannot be). */
async function insertRelease(
  ctx: AppContext,
  request: ConsentRequestDoc,
  round: ConsentRoundDoc,
  at: Date,
): Promise<boolean> {
  switch (request.kind) {
    case 'statement':
      if (!round.content || !round.hash) return false;
      return ctx.repos.consent.release({
        _id: request._id,
        requestId: request._id,
        groupId: request.groupId,
        kind: 'statement',
        round: round.round,
        releasedAt: at,
        meetingId: request.meetingId,
        statement: { title: request.title, content: round.content, hash: round.hash },
        declassification: null,
      });
    case 'declassification':
      return releaseDeclassification(ctx, request, round.round, at);
    case 'publication':
      return releasePublication(ctx, request, round.round, at);
  }
}
