// Whether a statement's text may be written, decided from the gate as stored: only while it is a
// draft or taken back for editing. In consent the parties consent to exact words, so the text is
// locked for everyone until a negotiator presses "Muokkaa tekstiä" (./edit.ts); once released it
// is frozen for good. The live room re-reads this per batch (server/collab/roomSubject.ts).
import type { Repositories } from '../repositories';

export interface StatementLock {
  /** Writes are refused for everyone: in consent, or released. */
  locked: boolean;
  /**
   * The latest round taken back for editing (0 if none). Putting to consent seals the room's log
   * for its round; a seal for this round or an earlier one no longer stops a writer.
   */
  editedRound: number;
}

export async function readStatementLock(
  repos: Pick<Repositories, 'consent'>,
  statementId: string,
): Promise<StatementLock> {
  const [release, latest, ends] = await Promise.all([
    repos.consent.findRelease(statementId),
    repos.consent.latestRound(statementId),
    repos.consent.listRoundEnds(statementId),
  ]);
  const editedRound = Math.max(
    0,
    ...ends.filter((end) => end.cause === 'edited').map((end) => end.round),
  );
  if (release) return { locked: true, editedRound };
  // A draft, or taken back for editing since its latest round: open for writing.
  const locked = latest !== null && latest.round > editedRound;
  return { locked, editedRound };
}
