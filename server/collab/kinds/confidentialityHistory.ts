// The side effect memo and party rooms share: each confidentiality level a stored batch changed
// goes to the meeting's history (and the bus), and each lowering to the audit log.
import { isLowering } from '../../../shared/confidentiality';
import type { MeetingDoc } from '../../db/schema';
import type { DetectedChange } from '../confidentialityWatch';
import { Connection } from '../connection';
import { withRetry } from '../roomLog';
import type { EffectDeps } from './types';
import { actorOfConnection } from '../../audit/actors';

export class ConfidentialityHistory {
  private pending: { connection: Connection; change: DetectedChange }[] = [];

  constructor(
    private readonly deps: EffectDeps,
    /** For the logs only. */
    private readonly room: string,
  ) {}

  /** A watcher's callback: only people's edits count, never the log's replay or the server. */
  readonly note = (origin: unknown, change: DetectedChange): void => {
    if (origin instanceof Connection) this.pending.push({ connection: origin, change });
  };

  reset(): void {
    this.pending = [];
  }

  async record(meeting: MeetingDoc): Promise<void> {
    const changes = this.pending;
    this.pending = [];
    const { repos, events, logger, audit } = this.deps;
    const meetingId = meeting._id;
    for (const { connection, change } of changes) {
      // Opening content to a wider audience is audited; the entry names the block, never its text.
      if (isLowering(change.from, change.to))
        await audit.record({
          groupId: meeting.groupId,
          actor: actorOfConnection(connection),
          action: 'confidentiality.lower',
          target: { type: 'memoBlock', id: change.targetId },
          details: {
            from: change.from,
            to: change.to,
            kind: change.targetKind,
            meetingId,
            meetingTitle: meeting.title,
          },
        });
      try {
        const recorded = await withRetry(
          () =>
            repos.confidentialityChanges.record({
              meetingId,
              ...change,
              userId: connection.identity.id,
              userName: connection.identity.name,
              partyId: connection.identity.partyId,
              at: new Date(),
            }),
          logger,
          'confidentiality change record',
        );
        events.publish({ type: 'confidentialityChanged', change: recorded });
      } catch (error) {
        // The edit itself is stored; only its history entry is missing, and that is loud.
        logger.error(
          { err: error, room: this.room, targetId: change.targetId },
          'could not record a confidentiality change',
        );
      }
    }
  }
}
