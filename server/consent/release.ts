// The last consent: a request every party consented to in its current round is released, once.
// The release document's unique key (the request id) decides a race between two last answers (or
// two instances); only the winner audits, tells the parties and locks the statement's room.
import { releaseDeclassification } from '../declassification/release';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc } from '../db/schema';
import { readStoredStatement } from '../statements/storedStatement';
import { followTextChange } from '../statements/rounds';
import { auditTarget, readGate } from './gate';
import { announceConsentChange, notifyConsent } from './notify';

export interface Releaser {
  userId: string;
  name: string;
}

/**
 * Release `request` if every party consents in its current round. True when this call released
 * it; false when the gate is not unanimous, it was released already, or (statements) the stored
 * words no longer are the round's (then a new round is started instead).
 */
export async function releaseIfUnanimous(
  ctx: AppContext,
  request: ConsentRequestDoc,
  actor: Releaser | null = null,
  at = new Date(),
): Promise<boolean> {
  const gate = await readGate(ctx, request, at);
  const round = gate.round;
  if (gate.status !== 'in_consent' || !round || gate.state?.outcome !== 'released') return false;

  const released =
    request.kind === 'statement'
      ? await releaseStatement(ctx, request, round, at)
      : await releaseDeclassification(ctx, request, round.round, at);
  if (!released) return false;

  ctx.events.publish({ type: 'consentReleased', requestId: request._id, kind: request.kind });
  await ctx.audit.record({
    groupId: request.groupId,
    actor,
    action: 'consent.release',
    target: auditTarget(request),
    details: {
      kind: request.kind,
      round: round.round,
      parties: gate.parties.length,
      hash: round.hash,
    },
  });
  await notifyConsent(ctx, request, { kind: 'released', round: round.round });
  await announceConsentChange(ctx, request);
  return true;
}

/** Freeze the words of `round` with the title as the released statement. */
async function releaseStatement(
  ctx: AppContext,
  request: ConsentRequestDoc,
  round: ConsentRoundDoc,
  at: Date,
): Promise<boolean> {
  if (!round.content || !round.hash) return false;
  // Every party consented to the round's words: make sure they still are the stored words, or an
  // edit that is stored but not yet followed would be released under the old round's consents.
  const stored = await readStoredStatement(ctx, request._id);
  if (stored.hash !== round.hash) {
    await followTextChange(ctx, request, stored.content);
    return false;
  }
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
}
