// Joint statements as the API returns them. Negotiators see drafts, rounds and the gate; readers
// (and the public) see a statement only once released, and then only its frozen words.
import type { ReleasedStatement, StatementSummary, StatementView } from '../../shared/api/consent';
import { can } from '../../shared/permissions';
import { readGate, type ConsentGate } from '../consent/gate';
import { readStoredStatement } from '../consent/storedStatement';
import { consentViewOf, readCompletedGate } from '../consent/view';
import type { AppContext } from '../context';
import type { ConsentReleaseDoc, ConsentRequestDoc, MembershipDoc } from '../db/schema';
import { readSpeakingActor } from '../attendance/speaking';
import { toReleasedStatement } from '../public/feed';

export function statementSummaryOf(gate: ConsentGate): StatementSummary {
  const { request } = gate;
  return {
    id: request._id,
    groupId: request.groupId,
    meetingId: request.meetingId,
    agendaItemId: request.statement?.agendaItemId ?? null,
    title: request.title,
    status: gate.status,
    round: gate.round?.round ?? null,
    outcome: gate.status === 'released' ? 'released' : (gate.state?.outcome ?? null),
    createdBy: { id: request.createdBy.userId, name: request.createdBy.name },
    createdAt: request.createdAt.toISOString(),
    releasedAt: gate.release?.releasedAt.toISOString() ?? null,
  };
}

async function groupName(ctx: AppContext, groupId: string): Promise<string> {
  return (await ctx.repos.groups.findById(groupId))?.name ?? '';
}

/** A release as published; null when it is not a statement's. */
export async function releasedStatement(
  ctx: AppContext,
  release: ConsentReleaseDoc,
): Promise<ReleasedStatement | null> {
  return toReleasedStatement(release, await groupName(ctx, release.groupId));
}

/**
 * The full view for a negotiator: the released words, the words of the round in consent, or the
 * stored text of a draft or a statement being edited.
 */
export async function statementView(
  ctx: AppContext,
  request: ConsentRequestDoc,
  membership: MembershipDoc,
): Promise<StatementView> {
  const [gate, speaker] = await Promise.all([
    readCompletedGate(ctx, request),
    readSpeakingActor(ctx.repos, membership, membership.userId, request.meetingId),
  ]);
  const released = gate.release ? await releasedStatement(ctx, gate.release) : null;
  let words: Pick<StatementView, 'content' | 'hash'>;
  if (released) words = { content: released.content, hash: released.hash };
  else if (gate.status === 'in_consent' && gate.round?.content && gate.round.hash)
    words = { content: gate.round.content, hash: gate.round.hash };
  else {
    const stored = await readStoredStatement(ctx, request._id);
    words = { content: stored.content, hash: stored.hash };
  }
  return {
    ...statementSummaryOf(gate),
    ...words,
    consent: consentViewOf(gate, speaker),
    released,
  };
}

/** The group's statements for `membership`, newest first: readers get released ones only. */
export async function listStatements(
  ctx: AppContext,
  groupId: string,
  membership: MembershipDoc,
): Promise<StatementSummary[]> {
  const all = await ctx.repos.consent.listRequests(groupId, 'statement');
  let requests = all;
  if (!can(membership, 'group.negotiate')) {
    // Readers: not even the titles of drafts or statements in consent.
    const released = new Set(
      (await ctx.repos.consent.listReleases(groupId, 'statement')).map((doc) => doc.requestId),
    );
    requests = all.filter((request) => released.has(request._id));
  }
  const summaries: StatementSummary[] = [];
  for (const request of requests) summaries.push(statementSummaryOf(await readGate(ctx, request)));
  return summaries;
}
