// Quotas of the collab endpoint, so that one sender (or one session with many sockets) can slow
// only itself: how many sockets and rooms a session holds, how fast it may open them, and the
// message budgets every frame is charged to. Counted per instance: a session spread over several
// instances gets each instance's share, which still bounds it.
import { MAX_COLLAB_MESSAGE_BYTES } from '../../shared/memo/protocol';
import type { Config } from '../env';
import { rateLimited } from '../errors';
import { TokenBucket } from '../limits/tokenBucket';

/**
 * Defaults in server/env.ts. Honest numbers, for scale: a fast typist sends about 10 updates and
 * 10 carets a second, a paste or an offline edit is one message, and a meeting room holds one
 * socket for the memo and one per party.
 */
export type CollabQuotaConfig = Config['collabQuotas'];

/** A sync request makes the server encode the document: it costs this many messages. */
export const SYNC_REQUEST_COST = 20;
export const AWARENESS_QUERY_COST = 5;
/** Carets are coalesced: at most one per socket in this interval, the newest wins. */
export const CARET_INTERVAL_MS = 50;

const MIB = 1024 * 1024;
/** How long a session's upgrade budget is kept after its last socket closed. */
const FORGET_SESSION_MS = 5 * 60_000;

/** The budgets one socket's frames are charged to, besides its room's. */
export interface FlowBudgets {
  messages: TokenBucket[];
  bytes: TokenBucket[];
  /** Carets of the whole session (each socket also keeps CARET_INTERVAL_MS). */
  carets: TokenBucket;
}

/** A socket counted against its session's quotas. */
export interface QuotaAdmission {
  budgets: FlowBudgets;
  /** Give the slot back (idempotent). */
  release: () => void;
}

interface SessionUsage {
  connections: number;
  /** Sockets per room name. */
  rooms: Map<string, number>;
  upgrades: TokenBucket;
  messages: TokenBucket;
  bytes: TokenBucket;
  carets: TokenBucket;
  lastUsed: number;
}

/** The per-room message budget, shared by every socket of the room. */
export function roomBudget(config: CollabQuotaConfig): TokenBucket {
  return new TokenBucket(config.updatesPerSecond * 40, config.updatesPerSecond * 100);
}

export class CollabQuotas {
  private readonly sessions = new Map<string, SessionUsage>();

  constructor(readonly config: CollabQuotaConfig) {}

  private usage(sessionHash: string, now: number): SessionUsage {
    let usage = this.sessions.get(sessionHash);
    if (!usage) {
      const { sessionConnections, sessionUpgradesPerMinute, updatesPerSecond } = this.config;
      usage = {
        connections: 0,
        rooms: new Map(),
        upgrades: new TokenBucket(sessionUpgradesPerMinute / 60, sessionConnections, now),
        messages: new TokenBucket(updatesPerSecond * 3, updatesPerSecond * 15, now),
        bytes: new TokenBucket(2 * MIB, 4 * MAX_COLLAB_MESSAGE_BYTES, now),
        carets: new TokenBucket(updatesPerSecond * 2, updatesPerSecond * 4, now),
        lastUsed: now,
      };
      this.sessions.set(sessionHash, usage);
    }
    usage.lastUsed = now;
    return usage;
  }

  /**
   * Count a new socket of `sessionHash` in `room`, or throw `rate_limited` (the upgrade answers
   * 429) when the session opens sockets too fast, holds too many, or spreads over too many rooms.
   * Returns the budgets its frames are charged to and the function that releases it.
   */
  admit(sessionHash: string, room: string, now = Date.now()): QuotaAdmission {
    const usage = this.usage(sessionHash, now);
    const { sessionConnections, sessionRooms } = this.config;
    const wait = usage.upgrades.waitFor(1, now);
    if (wait > 0) throw rateLimited(Math.ceil(wait / 1000));
    if (usage.connections >= sessionConnections)
      throw rateLimited(30, 'Too many live connections for this session.');
    if (!usage.rooms.has(room) && usage.rooms.size >= sessionRooms)
      throw rateLimited(30, 'Too many live documents open for this session.');
    usage.upgrades.take(1, now);
    usage.connections += 1;
    usage.rooms.set(room, (usage.rooms.get(room) ?? 0) + 1);
    const { updatesPerSecond } = this.config;
    const budgets: FlowBudgets = {
      messages: [new TokenBucket(updatesPerSecond, updatesPerSecond * 5, now), usage.messages],
      bytes: [new TokenBucket(MIB, 2 * MAX_COLLAB_MESSAGE_BYTES, now), usage.bytes],
      carets: usage.carets,
    };
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      usage.connections -= 1;
      const left = (usage.rooms.get(room) ?? 1) - 1;
      if (left > 0) usage.rooms.set(room, left);
      else usage.rooms.delete(room);
      usage.lastUsed = Date.now();
    };
    return { budgets, release };
  }

  /** Forget sessions that have had no socket for a while. */
  sweep(now = Date.now()): void {
    for (const [sessionHash, usage] of this.sessions) {
      if (usage.connections === 0 && usage.lastUsed + FORGET_SESSION_MS <= now)
        this.sessions.delete(sessionHash);
    }
  }
}
