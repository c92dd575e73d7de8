// A token bucket: `perSecond` tokens flow in, at most `burst` are kept. Synchronous and allocation
// free, because the live channels consult it for every frame they receive.

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    now = Date.now(),
  ) {
    this.tokens = burst;
    this.at = now;
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
  }

  /**
   * Milliseconds until `cost` tokens are there; 0 when they are there now. A cost above the
   * burst counts as the whole burst, so that one large message is slow, never impossible.
   */
  waitFor(cost: number, now = Date.now()): number {
    this.refill(now);
    const needed = Math.min(cost, this.burst) - this.tokens;
    return needed <= 0 ? 0 : Math.ceil((needed * 1000) / this.perSecond);
  }

  /** Spend `cost` tokens (call after `waitFor` said 0). */
  take(cost: number, now = Date.now()): void {
    this.refill(now);
    this.tokens -= Math.min(cost, this.burst);
  }
}

/** One cost charged to several buckets at once (a connection's, its session's, its room's). */
export interface Charge {
  bucket: TokenBucket;
  cost: number;
}

/**
 * Take every charge if all can be paid now and return 0; otherwise take nothing and return how
 * many milliseconds to wait before trying again.
 */
export function takeAll(charges: readonly Charge[], now = Date.now()): number {
  let wait = 0;
  for (const { bucket, cost } of charges) wait = Math.max(wait, bucket.waitFor(cost, now));
  if (wait > 0) return wait;
  for (const { bucket, cost } of charges) bucket.take(cost, now);
  return 0;
}
