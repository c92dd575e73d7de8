// The chair's approval: lock the meeting, freeze the stored memo as an immutable version, then
// hand it on (tracking, delivery, audit). Reopening unlocks it for version n+1.
import type { ApprovalCheck } from '../../shared/api/memoVersions';
import { checkDraft } from '../../shared/memo/draftCheck';
import type { AppContext } from '../context';
import type { MeetingDoc, MemoVersionDoc, PartyDoc } from '../db/schema';
import { AppError, conflict } from '../errors';
import { memoVersionId } from '../repositories/memoVersions';
import { freezeCaseLinks } from '../../shared/caseLinks';
import { currentMeetingFacts } from '../versions/meetingFacts';
import { tabledDocuments } from '../documents/tabled';
import { readStoredMemo, type StoredMemo } from './storedMemo';
import { afterApproval } from './afterApproval';
import { actingChairDetails, type Approver } from './approver';

const encode = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function absentParties(meeting: MeetingDoc): Set<string> {
  return new Set(meeting.attendance.filter((a) => a.status === 'absent').map((a) => a.partyId));
}

async function draftFindings(ctx: AppContext, meeting: MeetingDoc, draft: StoredMemo) {
  const history = await ctx.repos.confidentialityChanges.listForMeeting(meeting._id);
  return checkDraft(draft.content, history, {
    absentPartyIds: absentParties(meeting),
    agendaDescriptions: new Map(meeting.agenda.map((item) => [item.id, item.description])),
  });
}

/** What the chair sees before approving: findings on the draft as stored now, and its hash. */
export async function checkMemoDraft(
  ctx: AppContext,
  meeting: MeetingDoc,
  approver: Approver,
): Promise<ApprovalCheck> {
  const parties = await ctx.repos.groups.listParties(meeting.groupId);
  const draft = await readStoredMemo(ctx, meeting, parties);
  const { warnings, blockers } = await draftFindings(ctx, meeting, draft);
  return {
    meetingId: meeting._id,
    nextVersion: (meeting.memoVersion ?? 0) + 1,
    draftHash: draft.hash,
    warnings,
    blockers,
    actingChair: approver.delegationId !== undefined,
  };
}

function refuseUnlessApprovable(meeting: MeetingDoc): void {
  if (meeting.status === 'approved') throw conflict('The memo is already approved.');
  if (meeting.status === 'cancelled') throw conflict('The meeting was cancelled.');
  if (meeting.status === 'planned')
    throw conflict('The meeting has not started; start it before approving its memo.');
}

function blocked(blockers: readonly unknown[]): AppError {
  return new AppError(
    'conflict',
    'The memo has a dissent that no party owns; fix it before approving.',
    blockers.map(() => ({ path: 'memo', message: 'dissentWithoutParty' })),
  );
}

async function storeVersion(
  ctx: AppContext,
  meeting: MeetingDoc,
  frozen: StoredMemo,
): Promise<{ doc: MemoVersionDoc; created: boolean }> {
  const approval = meeting.approval!;
  const meetingFacts = await currentMeetingFacts(ctx, meeting);
  const documents = await tabledDocuments(ctx.repos, meeting);
  const doc: MemoVersionDoc = {
    _id: memoVersionId(meeting._id, approval.version),
    meetingId: meeting._id,
    groupId: meeting.groupId,
    version: approval.version,
    approvedBy: approval.userId,
    approvedByName: approval.userName,
    approvedAt: approval.at,
    ...(approval.delegationId ? { actingChairDelegationId: approval.delegationId } : {}),
    content: frozen.canonical,
    hash: frozen.hash,
    yjs: {
      memo: encode(frozen.states.memo),
      parties: frozen.states.parties.map(({ partyId, state }) => ({
        partyId,
        state: encode(state),
      })),
    },
    meetingFacts,
    caseLinks: freezeCaseLinks(meeting.agenda),
    documents,
  };
  if (await ctx.repos.memoVersions.insert(doc)) return { doc, created: true };
  // Another instance (or a retry) froze it first; theirs is the version.
  const existing = await ctx.repos.memoVersions.find(meeting._id, approval.version);
  if (!existing) throw new Error(`version ${doc._id} vanished after a duplicate insert`);
  return { doc: existing, created: false };
}

/**
 * Approve the memo of `meeting` as `approver`, who must be checked by the caller as the group's
 * chair or as an acting chair (`authorizeApproval`). Order matters for the invariants:
 * 1. the meeting is committed as approved (a unique revision insert: one approval wins) and every
 *    live room is told, so editors turn read-only at once;
 * 2. each room's log is sealed after what was read, so a write that raced the lock is either in
 *    the version or refused, never stored after it;
 * 3. the version is inserted under a unique id, then tracked, delivered and audited.
 * With `draftHash`, the version must be exactly the draft the chair checked; otherwise the lock
 * is taken back and nothing is approved.
 */
export async function approveMemo(
  ctx: AppContext,
  meeting: MeetingDoc,
  approver: Approver,
  draftHash?: string,
): Promise<MemoVersionDoc> {
  refuseUnlessApprovable(meeting);
  const parties = await ctx.repos.groups.listParties(meeting.groupId);
  const draft = await readStoredMemo(ctx, meeting, parties);
  const { blockers } = await draftFindings(ctx, meeting, draft);
  if (blockers.length > 0) throw blocked(blockers);
  if (draftHash !== undefined && draft.hash !== draftHash)
    throw conflict('The memo changed after your check; review it again before approving.');

  const version = (meeting.memoVersion ?? 0) + 1;
  const locked = await ctx.repos.meetings.commit(meeting, {
    status: 'approved',
    memoVersion: version,
    approval: {
      version,
      userId: approver.userId,
      userName: approver.name,
      at: new Date(),
      ...(approver.delegationId ? { delegationId: approver.delegationId } : {}),
    },
  });
  if (!locked) throw conflict('The meeting changed meanwhile; reload and try again.');
  ctx.events.publish({ type: 'meetingStatus', meetingId: locked._id, status: 'approved' });

  const frozen = await freeze(ctx, locked, parties);
  if (draftHash !== undefined && frozen.hash !== draftHash) {
    await unlock(ctx, locked, meeting);
    throw conflict('The memo changed while you were approving; review it again.');
  }
  const { doc, created } = await storeVersion(ctx, locked, frozen);
  if (created) await afterApproval(ctx, locked, doc, approver);
  return doc;
}

function freeze(ctx: AppContext, meeting: MeetingDoc, parties: readonly PartyDoc[]) {
  return readStoredMemo(ctx, meeting, parties, { version: meeting.approval!.version });
}

/** Give the meeting back its state before a refused approval. */
async function unlock(ctx: AppContext, locked: MeetingDoc, before: MeetingDoc): Promise<void> {
  const restored = await ctx.repos.meetings.commit(locked, {
    status: before.status,
    memoVersion: before.memoVersion ?? 0,
    approval: null,
  });
  if (!restored) {
    // Someone else changed the meeting in between; it stays approved, and the next read
    // completes the version (see ensureVersion).
    ctx.logger.warn({ meetingId: locked._id }, 'could not take back a refused approval');
    return;
  }
  ctx.events.publish({ type: 'meetingStatus', meetingId: restored._id, status: restored.status });
}

/**
 * An approved meeting whose version is missing (the server died between the lock and the insert)
 * gets its version now, from the sealed log, with the approval's own chair and time.
 */
export async function ensureVersion(ctx: AppContext, meeting: MeetingDoc): Promise<void> {
  const approval = meeting.approval;
  if (meeting.status !== 'approved' || !approval) return;
  if (await ctx.repos.memoVersions.find(meeting._id, approval.version)) return;
  const parties = await ctx.repos.groups.listParties(meeting.groupId);
  const frozen = await freeze(ctx, meeting, parties);
  const { doc, created } = await storeVersion(ctx, meeting, frozen);
  if (created) {
    ctx.logger.warn({ meetingId: meeting._id, version: doc.version }, 'completed an approval');
    await afterApproval(ctx, meeting, doc, {
      userId: approval.userId,
      name: approval.userName,
      ...(approval.delegationId ? { delegationId: approval.delegationId } : {}),
    });
  }
}

/** Unlock an approved memo for further drafting; the next approval makes version n+1. */
export async function reopenMemo(
  ctx: AppContext,
  meeting: MeetingDoc,
  by: Approver,
  reason: string,
): Promise<MeetingDoc> {
  if (meeting.status !== 'approved' || !meeting.approval)
    throw conflict('Only an approved memo can be reopened.');
  await ensureVersion(ctx, meeting);
  const afterVersion = meeting.approval.version;
  const reopened = await ctx.repos.meetings.commit(meeting, {
    status: 'drafting',
    approval: null,
    reopenings: [
      ...(meeting.reopenings ?? []),
      { afterVersion, userId: by.userId, userName: by.name, reason, at: new Date() },
    ],
  });
  if (!reopened) throw conflict('The meeting changed meanwhile; reload and try again.');
  ctx.events.publish({ type: 'meetingStatus', meetingId: reopened._id, status: 'drafting' });
  await ctx.audit.record({
    groupId: meeting.groupId,
    actor: { userId: by.userId, name: by.name },
    action: 'memo.reopen',
    target: { type: 'meeting', id: meeting._id, label: `${meeting.title} v${afterVersion}` },
    details: { afterVersion, ...actingChairDetails(by) },
  });
  return reopened;
}
