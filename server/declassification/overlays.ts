// The declassification overlays of one approved memo version, as stored: released ones (applied to
// every rendering) and pending ones (awaiting the parties' consent; they change nothing yet).
import type { Declassification, DeclassificationRequest } from '../../shared/memo/declassification';
import type { ConsentReleaseDoc, ConsentRequestDoc } from '../db/schema';
import type { Repositories } from '../repositories';

/** A release document as the overlay the pure rules apply; null for a statement's release. */
export function toDeclassification(doc: ConsentReleaseDoc): Declassification | null {
  const overlay = doc.declassification;
  if (!overlay) return null;
  return {
    requestId: doc.requestId,
    target: overlay.target,
    from: overlay.from,
    to: overlay.to,
    releasedAt: doc.releasedAt.toISOString(),
  };
}

/** The released overlays of `meetingId` version `version`, in release order. */
export async function releasedOverlays(
  repos: Pick<Repositories, 'consent'>,
  meetingId: string,
  version: number,
): Promise<Declassification[]> {
  const docs = await repos.consent.declassificationsOf(meetingId, version);
  return docs.flatMap((doc) => toDeclassification(doc) ?? []);
}

/** A stored proposal in the shape the pure rules read; null for a statement. */
export function toDeclassificationRequest(doc: ConsentRequestDoc): DeclassificationRequest | null {
  const proposal = doc.declassification;
  if (!proposal) return null;
  return { requestId: doc._id, target: proposal.target, from: proposal.from, to: proposal.to };
}

/** The version's proposals, and which of them still await consent (no release yet). */
export async function proposalsOf(
  repos: Pick<Repositories, 'consent'>,
  meetingId: string,
  version: number,
): Promise<{
  requests: ConsentRequestDoc[];
  released: Declassification[];
  pending: DeclassificationRequest[];
}> {
  const [requests, released] = await Promise.all([
    repos.consent.listDeclassifications(meetingId, version),
    releasedOverlays(repos, meetingId, version),
  ]);
  const done = new Set(released.map((overlay) => overlay.requestId));
  const pending = requests
    .filter((request) => !done.has(request._id))
    .flatMap((request) => toDeclassificationRequest(request) ?? []);
  return { requests, released, pending };
}
