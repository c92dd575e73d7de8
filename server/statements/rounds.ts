// A statement's consent rounds follow its stored words. Parties consent to exact words: when the
// text of a statement in consent changes, round n ends and round n+1 begins with the new words,
// and the consents given in round n are withdrawn (the parties are told). Called by the statement
// room after every stored batch and when it loads, and by an answer that finds newer words.
import { withdrawnConsents } from '../../shared/consent';
import type { StatementContent } from '../../shared/statement/content';
import { canonicalStatementJson } from '../../shared/statement/format';
import { sha256Hex } from '../approval/storedMemo';
import { auditTarget, toConsentAnswer } from '../consent/gate';
import { announceConsentChange, notifyConsent } from '../consent/notify';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, ConsentRoundDoc } from '../db/schema';
import { consentRoundId } from '../repositories/consent';

/** Rounds lost to other writers in a row before giving up (each loss re-reads the latest). */
const MAX_RACES = 20;

/**
 * If the statement `request` is in consent and `content` differs from its latest round's words, start the
 * next round with them. Of two writers following the same words one starts the round, the other
 * finds it started; following words that are already the round's does nothing.
 */
export async function followTextChange(
  ctx: AppContext,
  request: ConsentRequestDoc,
  content: StatementContent,
): Promise<void> {
  const { repos } = ctx;
  const statementId = request._id;
  // Callers hold the request already (the room re-reads it per batch); only the release is
  // re-read here, as late as possible: released words are frozen. A draft has no round to end.
  if (request.kind !== 'statement' || (await repos.consent.findRelease(statementId))) return;
  const hash = sha256Hex(canonicalStatementJson(content));

  for (let race = 0; race < MAX_RACES; race++) {
    const latest = await repos.consent.latestRound(statementId);
    if (!latest || latest.hash === hash) return;
    const answers = (await repos.consent.listAnswers(statementId)).map(toConsentAnswer);
    const next: ConsentRoundDoc = {
      _id: consentRoundId(statementId, latest.round + 1),
      requestId: statementId,
      round: latest.round + 1,
      cause: 'text_changed',
      at: new Date(),
      by: null,
      withdrawn: withdrawnConsents(answers, latest.round),
      content,
      hash,
    };
    if (await repos.consent.startRound(next)) {
      await afterNewRound(ctx, request, next);
      return;
    }
  }
  ctx.logger.warn({ statementId }, 'statement round not started: too many concurrent rounds');
}

/** Audit the withdrawn consents and tell the parties who lost theirs; everyone refetches. */
async function afterNewRound(
  ctx: AppContext,
  request: ConsentRequestDoc,
  round: ConsentRoundDoc,
): Promise<void> {
  // Every stored edit under consent starts a round; only one that withdrew consents is news.
  if (round.withdrawn.length > 0) {
    await ctx.audit.record({
      groupId: request.groupId,
      actor: null,
      action: 'consent.withdraw',
      target: auditTarget(request),
      details: {
        round: round.round,
        fromRound: round.round - 1,
        parties: round.withdrawn.join(','),
        hash: round.hash,
      },
    });
    await notifyConsent(ctx, request, {
      kind: 'withdrawn',
      round: round.round,
      partyIds: round.withdrawn,
    });
  }
  await announceConsentChange(ctx, request);
}
