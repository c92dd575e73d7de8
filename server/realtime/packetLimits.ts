// A budget for what one Socket.io socket sends: joins read the database and may load a memo, so
// they cost more than other events. A packet over budget is answered `rate_limited` (through its
// acknowledgement, when it has one) and not handled; a socket that keeps flooding is disconnected.
import type { Event } from 'socket.io';
import { TokenBucket } from '../limits/tokenBucket';
import type { Logger } from '../logger';
import type { RealtimeSocket } from './types';

const PACKETS_PER_SECOND = 5;
const BURST = 60;
const JOIN_COST = 5;
/** Refused packets in a row after which the sender is no longer an honest client. */
const MAX_REFUSED_IN_A_ROW = 100;

export function limitPackets(socket: RealtimeSocket, logger: Logger): void {
  const bucket = new TokenBucket(PACKETS_PER_SECOND, BURST);
  let refused = 0;
  socket.use((packet: Event, next) => {
    const [event] = packet;
    const cost = event === 'joinMeeting' ? JOIN_COST : 1;
    const wait = bucket.waitFor(cost);
    if (wait === 0) {
      bucket.take(cost);
      refused = 0;
      next();
      return;
    }
    refused += 1;
    if (refused > MAX_REFUSED_IN_A_ROW) {
      logger.warn({ userId: socket.data.userId }, 'socket.io flood; disconnecting');
      socket.disconnect(true);
      return;
    }
    const ack: unknown = packet.at(-1);
    if (typeof ack === 'function')
      (ack as (result: unknown) => void)({
        ok: false,
        error: {
          code: 'rate_limited',
          message: `Too many requests; try again in ${Math.ceil(wait / 1000)} s.`,
        },
      });
    // Not handed to next(error): that would raise an 'error' event nobody needs.
  });
}
