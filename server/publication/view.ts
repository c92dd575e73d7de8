// A version's publication as negotiators see it: whether there is anything public to publish,
// the proposal with its consent gate, and where the public reads it once released.
import type { PublicationView, VersionPublication } from '../../shared/api/consent';
import { consentView } from '../consent/view';
import type { AppContext } from '../context';
import type { ConsentRequestDoc, MembershipDoc, MemoVersionDoc } from '../db/schema';
import { ensureFirstRound } from '../declassification/propose';
import { publicRendering } from '../public/memos';
import { publicMemoPath } from '../public/page';
import { publicationRequestId } from './propose';

export async function publicationView(
  ctx: AppContext,
  request: ConsentRequestDoc,
  membership: MembershipDoc,
): Promise<PublicationView> {
  const publication = request.publication;
  if (!publication || !request.meetingId) throw new Error('not a publication request');
  // A proposal cut short between its insert and its round 1 is completed on its first reading.
  if (!(await ctx.repos.consent.latestRound(request._id))) await ensureFirstRound(ctx, request);
  return {
    id: request._id,
    groupId: request.groupId,
    meetingId: request.meetingId,
    version: publication.version,
    versionHash: publication.versionHash,
    proposedBy: { id: request.createdBy.userId, name: request.createdBy.name },
    proposedAt: request.createdAt.toISOString(),
    consent: await consentView(ctx, request, membership),
  };
}

export async function versionPublication(
  ctx: AppContext,
  version: MemoVersionDoc,
  membership: MembershipDoc,
): Promise<VersionPublication> {
  const [request, rendering] = await Promise.all([
    ctx.repos.consent.findRequest(publicationRequestId(version.meetingId, version.version)),
    publicRendering(ctx, version),
  ]);
  const publication = request ? await publicationView(ctx, request, membership) : null;
  const released = publication?.consent.status === 'released';
  return {
    meetingId: version.meetingId,
    version: version.version,
    hasPublicContent: rendering.hasContent,
    publication,
    publicPath: released
      ? publicMemoPath(version.groupId, version.meetingId, version.version)
      : null,
  };
}
