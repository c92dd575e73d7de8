// The group export's JSON (shared/api/groupExport.ts) built from the stored documents for one
// audience. The readers' edition (`groups`) is cut here, field by field: agenda items and tracked
// items above its level, the negotiation itself (drafts, rounds, answers, reopening reasons) and
// the stored canonical content never reach it; versions' content goes through `audienceContent`,
// the one redaction every rendering uses.
import { statusHistoryOf } from '../continuity/trackedItemView';
import type {
  ExportedConsentRequest,
  ExportedMeeting,
  ExportedMember,
  ExportedParty,
  ExportedTrackedItem,
  ExportedVersion,
  ExportedVersionSummary,
  ExportPerson,
} from '../../shared/api/groupExport';
import { isVisibleTo, type Audience } from '../../shared/confidentiality';
import { redactAgenda } from '../../shared/meetings';
import type { MemoContent } from '../../shared/memo/content';
import type { AppContext } from '../context';
import type {
  ConsentRequestDoc,
  GroupDoc,
  MeetingDoc,
  MemoReviewDoc,
  MemoVersionDoc,
  PartyDoc,
  TrackedItemDoc,
} from '../db/schema';

type Ctx = Pick<AppContext, 'repos'>;

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);
const person = (p: { userId: string; name: string }): ExportPerson => ({
  id: p.userId,
  name: p.name,
});

/** Whether this edition carries the negotiation itself (only a negotiator's own edition does). */
export const isNegotiatorsEdition = (audience: Audience): boolean => audience === 'negotiators';

export function exportedGroup(group: GroupDoc) {
  return {
    id: group._id,
    name: group.name,
    municipality: group.municipality,
    createdAt: group.createdAt.toISOString(),
  };
}

export function exportedParties(parties: readonly PartyDoc[]): ExportedParty[] {
  return parties.map((party) => ({
    id: party._id,
    name: party.name,
    shortName: party.shortName,
    colour: party.colour,
    createdAt: party.createdAt.toISOString(),
    endedAt: iso(party.endedAt),
  }));
}

/** Members with their names, roles and parties; emails only when `withEmails`. */
export async function exportedMembers(
  ctx: Ctx,
  groupId: string,
  withEmails: boolean,
): Promise<ExportedMember[]> {
  const memberships = await ctx.repos.memberships.listByGroup(groupId);
  const users = new Map(
    (await ctx.repos.users.findByIds(memberships.map((m) => m.userId))).map((u) => [u._id, u]),
  );
  return memberships.flatMap((membership) => {
    const user = users.get(membership.userId);
    if (!user) return [];
    return [
      {
        userId: user._id,
        name: user.name,
        ...(withEmails && { email: user.email }),
        role: membership.role,
        partyId: membership.partyId,
        joinedAt: membership.createdAt.toISOString(),
      },
    ];
  });
}

/** The group's meetings, each rolled forward to its latest revision, oldest first. */
export async function meetingsOldestFirst(ctx: Ctx, groupId: string): Promise<MeetingDoc[]> {
  const cached = await ctx.repos.meetings.listByGroup(groupId);
  const meetings = await Promise.all(
    cached.map(async (meeting) => (await ctx.repos.meetings.findById(meeting._id)) ?? meeting),
  );
  return meetings.sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
  );
}

export function exportedMeeting(
  meeting: MeetingDoc,
  audience: Audience,
  versions: ExportedVersionSummary[],
  review: MemoReviewDoc | null,
): ExportedMeeting {
  const negotiators = isNegotiatorsEdition(audience);
  return {
    id: meeting._id,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    location: meeting.location,
    videoLink: meeting.videoLink,
    councilMeetingDate: meeting.councilMeetingDate,
    status: meeting.status,
    agenda: redactAgenda(meeting.agenda, audience),
    attendance: meeting.attendance,
    people: meeting.people ?? [],
    review: meeting.review ?? null,
    reviewOutcome: review && {
      reviewedMeetingId: review.reviewedMeetingId,
      outcome: review.outcome,
      recordedBy: { id: review.recordedBy, name: review.recordedByName },
      recordedAt: review.recordedAt.toISOString(),
    },
    // The chair's reasons for reopening are for the negotiators (`group.negotiate`).
    reopenings: (meeting.reopenings ?? []).map((reopening) => ({
      afterVersion: reopening.afterVersion,
      by: { id: reopening.userId, name: reopening.userName },
      at: reopening.at.toISOString(),
      ...(negotiators && { reason: reopening.reason }),
    })),
    createdAt: meeting.createdAt.toISOString(),
    updatedAt: meeting.updatedAt.toISOString(),
    versions,
  };
}

export function versionSummaryFor(
  doc: MemoVersionDoc,
  files: ExportedVersionSummary['files'],
): ExportedVersionSummary {
  return {
    version: doc.version,
    approvedAt: doc.approvedAt.toISOString(),
    approvedBy: { id: doc.approvedBy, name: doc.approvedByName },
    sha256: doc.hash,
    files,
  };
}

/**
 * One version's JSON file for `audience`; `content` is the version's `audienceContent` (the
 * caller renders the PDF from the same object).
 */
export async function exportedVersion(
  ctx: Ctx,
  meeting: MeetingDoc,
  doc: MemoVersionDoc,
  audience: Audience,
  content: MemoContent,
): Promise<ExportedVersion> {
  const releases = await ctx.repos.consent.declassificationsOf(doc.meetingId, doc.version);
  return {
    meetingId: meeting._id,
    meetingTitle: meeting.title,
    version: doc.version,
    approvedAt: doc.approvedAt.toISOString(),
    approvedBy: { id: doc.approvedBy, name: doc.approvedByName },
    sha256: doc.hash,
    audience,
    content,
    ...(isNegotiatorsEdition(audience) && { storedContent: doc.content }),
    declassifications: releases.flatMap((release) =>
      release.declassification
        ? [
            {
              requestId: release.requestId,
              releasedAt: release.releasedAt.toISOString(),
              ...release.declassification,
            },
          ]
        : [],
    ),
  };
}

/** Tracked follow-ups and dissents whose level the audience may read. */
export async function exportedTrackedItems(
  ctx: Ctx,
  groupId: string,
  audience: Audience,
): Promise<ExportedTrackedItem[]> {
  const items = (await ctx.repos.trackedItems.listByGroup(groupId)).filter((item) =>
    isVisibleTo(item.confidentiality, audience),
  );
  const changes = await ctx.repos.trackedItems.changesOf(items.map((item) => item._id));
  return items.map((item: TrackedItemDoc) => {
    const history = statusHistoryOf(item, changes.get(item._id) ?? []);
    return {
      id: item._id,
      kind: item.kind,
      meetingId: item.meetingId,
      version: item.version,
      sectionTitle: item.sectionTitle,
      text: item.text,
      owner: item.owner,
      due: item.due,
      partyId: item.partyId,
      confidentiality: item.confidentiality,
      status: history.at(-1)?.status ?? item.status,
      statusHistory: history.map(({ status, by, at, caseLink, reason }) => ({
        status,
        by,
        at,
        ...(caseLink && { caseLink }),
        ...(reason && { reason }),
      })),
    };
  });
}

/**
 * The group's consent requests. Readers may not learn that a request exists until every party
 * consented (`consent.view`), so their edition holds released requests only, without the rounds
 * and answers that led there.
 */
export async function exportedConsentRequests(
  ctx: Ctx,
  groupId: string,
  audience: Audience,
): Promise<ExportedConsentRequest[]> {
  const negotiators = isNegotiatorsEdition(audience);
  const requests = await ctx.repos.consent.listAllRequests(groupId);
  const exported: ExportedConsentRequest[] = [];
  for (const request of requests) {
    const release = await ctx.repos.consent.findRelease(request._id);
    if (!negotiators && !release) continue;
    exported.push({
      ...requestFields(request),
      ...(negotiators && (await negotiation(ctx, request._id))),
      release: release && {
        round: release.round,
        releasedAt: release.releasedAt.toISOString(),
        statement: release.statement && {
          title: release.statement.title,
          content: release.statement.content,
          sha256: release.statement.hash,
        },
      },
    });
  }
  return exported;
}

function requestFields(
  request: ConsentRequestDoc,
): Omit<ExportedConsentRequest, 'rounds' | 'answers' | 'release'> {
  const { declassification, publication } = request;
  return {
    id: request._id,
    kind: request.kind,
    title: request.title,
    meetingId: request.meetingId,
    createdBy: person(request.createdBy),
    createdAt: request.createdAt.toISOString(),
    deadline: iso(request.deadline),
    declassification: declassification && {
      version: declassification.version,
      versionSha256: declassification.versionHash,
      target: declassification.target,
      from: declassification.from,
      to: declassification.to,
    },
    publication: publication
      ? { version: publication.version, versionSha256: publication.versionHash }
      : null,
  };
}

/** A request's rounds (each with how it ended) and answers: the negotiators' edition only. */
async function negotiation(
  ctx: Ctx,
  requestId: string,
): Promise<Pick<ExportedConsentRequest, 'rounds' | 'answers'>> {
  const [rounds, ends, answers] = await Promise.all([
    ctx.repos.consent.listRounds(requestId),
    ctx.repos.consent.listRoundEnds(requestId),
    ctx.repos.consent.listAnswers(requestId),
  ]);
  const endOf = new Map(ends.map((end) => [end.round, end]));
  return {
    rounds: rounds.map((round) => {
      const end = endOf.get(round.round);
      return {
        round: round.round,
        cause: round.cause,
        at: round.at.toISOString(),
        by: round.by && person(round.by),
        partyIds: round.partyIds ?? null,
        withdrawn: round.withdrawn,
        content: round.content,
        sha256: round.hash,
        end: end
          ? {
              cause: end.cause,
              at: end.at.toISOString(),
              by: end.by && person(end.by),
              withdrawn: end.withdrawn,
            }
          : null,
      };
    }),
    answers: answers.map((answer) => ({
      round: answer.round,
      partyId: answer.partyId,
      answer: answer.answer,
      reason: answer.reason,
      deadline: answer.deadline,
      userId: answer.userId,
      userName: answer.userName,
      at: answer.at,
    })),
  };
}
