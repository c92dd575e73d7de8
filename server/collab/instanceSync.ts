// Keeps this instance's rooms in step with the other instances' when their messages may be lost.
// While Redis is down nothing is heard from the others, so every loaded room reads the store
// for what they stored, once a second; when Redis is back, each room subscribes again if it must
// and reads the store once more for what was stored in between.
import type { InstancePubSub } from '../realtime/pubsub';

/** How often a room reads the store while messages from other instances cannot come. */
export const POLL_WITHOUT_LINK_MS = 1_000;

export interface SyncedRoom {
  /** Read what the store holds past the room's position. */
  readOtherInstances(): void;
  /** Subscribe again if needed, then read the store. */
  resyncWithInstances(): void;
}

export function keepRoomsInStep(
  pubsub: InstancePubSub,
  rooms: () => Iterable<SyncedRoom>,
): { stop(): void } {
  if (!pubsub.shared) return { stop: () => undefined };
  let poll: NodeJS.Timeout | null = null;
  const startPolling = () => {
    poll ??= setInterval(() => {
      for (const room of rooms()) room.readOtherInstances();
    }, POLL_WITHOUT_LINK_MS);
    poll.unref();
  };
  const stopPolling = () => {
    if (poll) clearInterval(poll);
    poll = null;
  };
  const off = pubsub.onLinkChange((linked) => {
    if (!linked) return startPolling();
    stopPolling();
    for (const room of rooms()) room.resyncWithInstances();
  });
  if (!pubsub.linked) startPolling();
  return {
    stop() {
      off();
      stopPolling();
    },
  };
}
