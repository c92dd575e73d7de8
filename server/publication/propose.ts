// Approval delivers a memo to the party groups only; nothing of it becomes public on the chair's
// word (the group's rule: "ei jaeta julkisuuteen ilman yhteistä sopimusta"). A negotiator proposes
// to publish one approved version's public rendering, and it reaches the public page and feed
// only once every party has consented, through the same gate as statements and declassifications.
// One proposal per version: its id is derived from the meeting and the version, so of two racing
// proposers one makes it and the other gets 409.
import type { ProposePublicationRequest } from '../../shared/api/schemas';
import { announceRequestedRound } from '../consent/firstRound';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, MeetingDoc, MemoVersionDoc } from '../db/schema';
import { AppError, DuplicateKeyError } from '../errors';
import { ensureFirstRound, requestIdFor } from '../declassification/propose';
import { publicRendering } from '../public/memos';

export interface Proposer {
  userId: string;
  name: string;
}

/** The id of the publication request of `meetingId` version `version`, proposed or not. */
export function publicationRequestId(meetingId: string, version: number): string {
  return requestIdFor(`publication:${meetingId}:${version}`);
}

/** 409 naming why; `details[0].message` is the problem's kind (and the request, if any). */
function refused(kind: 'nothingPublic' | 'proposed', message: string, requestId?: string) {
  const detail = requestId ? `${kind}:${requestId}` : kind;
  return new AppError('conflict', message, [{ path: 'version', message: detail }]);
}

/**
 * Store the proposal to publish `version` of `meeting` and start its round 1 with the group's
 * active parties. 409 when the version's public rendering shows nothing, or when it was proposed
 * already (pending, objected to or released: answers can still change until it is released).
 */
export async function proposePublication(
  ctx: AppContext,
  meeting: MeetingDoc,
  version: MemoVersionDoc,
  proposer: Proposer,
  body: ProposePublicationRequest,
  now = new Date(),
): Promise<ConsentRequestDoc> {
  const { repos } = ctx;
  const requestId = publicationRequestId(meeting._id, version.version);
  const proposed = refused('proposed', 'Publishing this version was proposed already.', requestId);
  const existing = await repos.consent.findRequest(requestId);
  if (existing) {
    // A proposal cut short between its insert and its round 1 is completed by whoever comes next.
    await ensureFirstRound(ctx, existing);
    throw proposed;
  }
  if (!(await publicRendering(ctx, version)).hasContent)
    throw refused('nothingPublic', 'Nothing in this version is public.');

  const request: ConsentRequestDoc = {
    _id: requestId,
    groupId: meeting.groupId,
    kind: 'publication',
    // Every member sees meeting titles already; never anything of the memo's content.
    title: `${meeting.title} v${version.version}`,
    meetingId: meeting._id,
    deadline: body.deadline ? new Date(body.deadline) : null,
    createdBy: proposer,
    createdAt: now,
    statement: null,
    declassification: null,
    publication: { version: version.version, versionHash: version.hash },
  };
  try {
    await repos.consent.createRequest(request);
  } catch (error) {
    if (error instanceof DuplicateKeyError) throw proposed;
    throw error;
  }
  const round = await ensureFirstRound(ctx, request);
  if (round)
    await announceRequestedRound(ctx, request, round, proposer, {
      kind: 'publication',
      meetingId: meeting._id,
      version: version.version,
      deadline: body.deadline ?? null,
    });
  return request;
}
