// The "saved" state vector of a collab connection (MESSAGE_SAVED in ./protocol.ts): everything at
// or below it is stored. It is raised by every MESSAGE_SAVED and by every update the server
// relays, since the server stores before it relays.

/** A Yjs state vector: client id → number of that client's items. */
export type StateVector = Map<number, number>;

/** Whether everything in `local` is also in `saved`. */
export function isCovered(local: StateVector, saved: StateVector): boolean {
  for (const [client, clock] of local) {
    if ((saved.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** Raise `target` to include `more`, in place. */
export function mergeInto(target: StateVector, more: StateVector): void {
  for (const [client, clock] of more) {
    if ((target.get(client) ?? 0) < clock) target.set(client, clock);
  }
}
