// What the others and the writers hear once a batch is stored: the updates themselves, relayed,
// and MESSAGE_SAVED to the writers.
import type * as Y from 'yjs';
import type { Connection } from './connection';
import { savedMessageFor, updateMessage } from './messages';

/**
 * Each stored update goes to every started connection of this instance but its sender (the
 * other instances hear the stored entry through the room's link: roomLink.ts).
 */
export function relayStored(
  connections: Iterable<Connection>,
  accepted: readonly { connection: Connection; update: Uint8Array }[],
): void {
  for (const { connection, update } of accepted) {
    const frame = updateMessage(update);
    for (const other of connections) if (other !== connection && other.started) other.send(frame);
  }
}

/**
 * MESSAGE_SAVED after a stored batch, to the connections of its writers. Whatever the server
 * relays it has stored already, so the others count what they receive as saved; and only of
 * the writers' own client ids, since a client merges every "saved" it hears. Every connection
 * of a writer hears it, not just the sender: a reconnected editor whose edits were stored after
 * its old socket closed learns it here.
 */
export function acknowledge(
  connections: Iterable<Connection>,
  doc: Y.Doc,
  senders: ReadonlyMap<Connection, readonly number[]>,
): void {
  const clientsByUser = new Map<string, Set<number>>();
  for (const [connection, clients] of senders) {
    const own = clientsByUser.get(connection.userId) ?? new Set<number>();
    for (const client of clients) own.add(client);
    clientsByUser.set(connection.userId, own);
  }
  for (const connection of connections) {
    const clients = clientsByUser.get(connection.userId);
    if (!clients || !connection.started) continue;
    connection.send(savedMessageFor(doc, clients, connection.handledThrough));
  }
}

/**
 * A batch that brought nothing new: the senders' state is already covered by what is stored
 * (every batch before this one was stored before it began), and they are told so.
 */
export function acknowledgeUnchanged(
  doc: Y.Doc,
  senders: ReadonlyMap<Connection, readonly number[]>,
): void {
  for (const [connection, clients] of senders)
    connection.send(savedMessageFor(doc, clients, connection.handledThrough));
}
