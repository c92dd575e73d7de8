// The client's rule for "all my changes are saved", in one place for the editor, the test clients
// and the benchmark's clients. Inserts are saved once the stored state vector (MESSAGE_SAVED and
// every update the server relays, since it stores before it relays) covers the document's own.
// A deletion does not move a state vector, so it is saved once the server says it has handled
// the update message that carried it (MESSAGE_SAVED's count, per socket). Nothing else counts:
// not the server's sync step 1, not a keepalive.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from './protocol';
import { isCovered, mergeInto, type StateVector } from './savedVector';

/** y-protocols' sync sub-types that carry an update (step 2 and update). */
const UPDATE_SYNC_TYPES = [1, 2];

export class SaveTracker {
  private readonly saved: StateVector = new Map();
  /** Update messages sent on the current socket. */
  private sent = 0;
  /** A local deletion is saved once the server has handled this many messages of this socket. */
  private deletionUpTo: number | null = null;
  /** A local deletion was made while no socket could take it: the next socket's first update. */
  private deletionUnsent = false;

  /** A new socket is being opened: its message count starts again. */
  socketOpened(): void {
    this.sent = 0;
    if (this.deletionUpTo !== null) {
      // Not acknowledged on the old socket: the reconnect's sync answer carries it again.
      this.deletionUpTo = null;
      this.deletionUnsent = true;
    }
  }

  /** A frame the client sends on the current socket. */
  frameSent(frame: Uint8Array): void {
    if (frame[0] !== MESSAGE_SYNC || !UPDATE_SYNC_TYPES.includes(frame[1] ?? -1)) return;
    this.sent += 1;
    if (this.deletionUnsent) {
      this.deletionUnsent = false;
      this.deletionUpTo = this.sent;
    }
  }

  /**
   * A local change of the document, after the provider had the chance to send it. `sent` is
   * whether it went out on an open socket.
   */
  localUpdate(update: Uint8Array, sent: boolean): void {
    // An update with new items is tracked by the state vector; one with only deletions is not.
    if (Y.parseUpdateMeta(update).to.size > 0) return;
    if (sent) this.deletionUpTo = this.sent;
    else this.deletionUnsent = true;
  }

  /** An update the server sent: it stores before it sends. */
  serverUpdate(update: Uint8Array): void {
    mergeInto(this.saved, Y.parseUpdateMeta(update).to);
  }

  /** Read a MESSAGE_SAVED payload (after its type); returns the stored state vector in it. */
  savedMessage(decoder: decoding.Decoder): StateVector {
    const vector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    mergeInto(this.saved, vector);
    const handled = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0;
    if (this.deletionUpTo !== null && handled >= this.deletionUpTo) this.deletionUpTo = null;
    return vector;
  }

  /** Whether everything in `doc` is stored on the server. */
  allSaved(doc: Y.Doc): boolean {
    if (this.deletionUpTo !== null || this.deletionUnsent) return false;
    return isCovered(stateVectorOf(doc), this.saved);
  }
}

function stateVectorOf(doc: Y.Doc): StateVector {
  const vector: StateVector = new Map();
  for (const client of doc.store.clients.keys()) vector.set(client, Y.getState(doc.store, client));
  return vector;
}
