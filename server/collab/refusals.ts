// How a room says no: the sender hears why (and its meeting room, through the bus), an invalid
// update closes its connection, and the room's kind may record the attempt (kinds/statement.ts).
import type { CollabRoom } from '../../shared/memo/format';
import { COLLAB_CLOSE, type RejectReason } from '../../shared/memo/protocol';
import { rejectReasonFor } from './access';
import type { Connection } from './connection';
import type { RoomKind } from './kinds';
import { permissionDeniedMessage } from './messages';
import type { RoomDeps } from './roomDeps';
import type { RoomSubject } from './roomSubject';
import type { BatchFailure } from './writeBatch';

export interface RefusingRoom {
  readonly name: string;
  readonly ref: CollabRoom;
  readonly kind: RoomKind;
  readonly deps: Pick<RoomDeps, 'events' | 'logger' | 'audit'>;
  /** The room's subject as last read. */
  readonly subject: RoomSubject;
}

export class Refusals {
  /** Connections whose read-only writes were already reported to the kind (once is enough). */
  private readonly reported = new WeakSet<Connection>();

  constructor(private readonly room: RefusingRoom) {}

  /** Tell the sender its update was dropped, here and (through the bus) in the meeting room. */
  refuse(connection: Connection, reason: RejectReason): void {
    const { kind, ref, deps, name } = this.room;
    connection.send(permissionDeniedMessage(reason));
    const meetingId = kind.meetingOf(ref);
    if (meetingId === null) return;
    deps.events.publish({
      type: 'editRejected',
      userId: connection.userId,
      notice: { meetingId, room: name, reason },
    });
  }

  /** A write from a connection that may only read (or into a locked room). */
  readOnly(connection: Connection): void {
    const reason = rejectReasonFor(connection.access);
    this.refuse(connection, reason);
    // Once per connection: an editor typing into a statement released under it would otherwise
    // write an entry per keystroke.
    if (!this.reported.has(connection)) {
      this.reported.add(connection);
      this.report(connection, reason);
    }
  }

  invalid(connection: Connection, problem: string): void {
    // The problem only, never content: memo text can be confidential.
    this.room.deps.logger.warn(
      { room: this.room.name, userId: connection.userId, problem },
      'invalid collab update refused',
    );
    this.refuse(connection, 'invalid_update');
    this.report(connection, problem);
    connection.close(COLLAB_CLOSE.protocolError, 'invalid update');
  }

  /** A batch failed: its culprit (if any) sent an invalid update, the other senders hear why. */
  failedBatch(failure: BatchFailure, senders: Iterable<Connection>): void {
    const told = new Set<Connection>();
    if (failure.culprit) {
      this.invalid(failure.culprit, 'failed to apply');
      told.add(failure.culprit);
    }
    for (const connection of senders) {
      if (told.has(connection)) continue;
      told.add(connection);
      this.refuse(connection, failure.reason);
    }
  }

  private report(connection: Connection, problem: string): void {
    const { kind, ref, subject, deps } = this.room;
    kind.onRefused?.(ref, { connection, problem, subject }, deps);
  }
}
