// Whether a room's stores go through (MESSAGE_STORAGE): `stalled` while one has waited for the
// database too long, `ok` again once it answers. The keepalive repeats it, never that anything
// is stored.
import type { StorageState } from '../../shared/memo/protocol';
import type { Connection } from './connection';
import { storageMessage } from './messages';
import type { Logger } from '../logger';

/** A store that takes this long is reported to the editors as stalled. */
const STORAGE_STALL_MS = 3_000;

export class StorageReport {
  private state: StorageState = 'ok';

  constructor(
    private readonly room: string,
    private readonly logger: Logger,
    private readonly broadcast: (frame: Uint8Array) => void,
  ) {}

  /** What a newcomer or a quiet connection is told. */
  message(): Uint8Array {
    return storageMessage(this.state);
  }

  /**
   * A store begins: if it has not ended (the returned function) within the stall time, the
   * editors hear why nothing is acknowledged meanwhile.
   */
  storing(): () => void {
    const stall = setTimeout(() => this.set('stalled'), STORAGE_STALL_MS);
    stall.unref();
    return () => clearTimeout(stall);
  }

  /** Send the state to connections that have heard nothing for a while (and ping them all). */
  heartbeat(connections: Iterable<Connection>): void {
    for (const connection of connections) {
      if (connection.heartbeat()) connection.send(this.message());
    }
  }

  /** Tell every connection when stores stall (the database does not answer) and resume. */
  set(state: StorageState): void {
    if (this.state === state) return;
    this.state = state;
    this.logger[state === 'ok' ? 'info' : 'warn'](
      { room: this.room },
      state === 'ok' ? 'collab room stores again' : 'collab room cannot store: waiting',
    );
    this.broadcast(storageMessage(state));
  }
}
