// The last consent to a publication: the version's public rendering goes on the public page and
// feed (server/public/memos.ts lists released publications only). Called by the consent gate
// (server/consent/release.ts) once every party of the round has consented; the gate audits.
import type { AppContext } from '../context';
import type { ConsentRequestDoc } from '../db/schema';

/** Record the publication of `request` (released in round `round` at `at`); false if it was. */
export async function releasePublication(
  ctx: AppContext,
  request: ConsentRequestDoc,
  round: number,
  at: Date,
): Promise<boolean> {
  const publication = request.publication;
  if (request.kind !== 'publication' || !publication || !request.meetingId) return false;
  return ctx.repos.consent.release({
    _id: request._id,
    requestId: request._id,
    groupId: request.groupId,
    kind: 'publication',
    round,
    releasedAt: at,
    meetingId: request.meetingId,
    statement: null,
    declassification: null,
    publication: { version: publication.version },
  });
}
