// Latency from a sender's keystroke to each receiver's apply, keyed by the (clientID, clock) of
// the update, in an HDR histogram (microseconds).
import * as hdr from 'hdr-histogram-js';
import * as Y from 'yjs';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  /** The histogram, HdrHistogram's compressed base64, for anyone who wants more percentiles. */
  hdr: string;
}

export function newHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

export function summarize(histogram: hdr.Histogram): LatencySummary {
  const ms = (us: number) => Math.round(us) / 1000;
  return {
    count: histogram.totalCount,
    p50Ms: ms(histogram.getValueAtPercentile(50)),
    p95Ms: ms(histogram.getValueAtPercentile(95)),
    p99Ms: ms(histogram.getValueAtPercentile(99)),
    maxMs: ms(histogram.maxValue),
    meanMs: ms(histogram.mean),
    hdr: hdr.encodeIntoCompressedBase64(histogram),
  };
}

/** Largest clock range one received update may cover and still be looked up clock by clock. */
const MAX_RANGE = 64;

export class LatencyTracker {
  /** Keystroke → apply, at full clients. */
  readonly histogram = newHistogram();
  /** Keystroke → arrival, at lightened clients (see BenchClient.lighten). */
  readonly arrivals = newHistogram();
  /** Keystroke → apply between clients on the same instance (editors split across instances). */
  readonly sameInstance = newHistogram();
  /** Keystroke → apply from a sender on one instance to a receiver on another. */
  readonly crossInstance = newHistogram();
  private readonly sent = new Map<string, number>();
  /** The instance each client is connected to; empty when there is one instance. */
  private readonly instanceOf = new Map<number, number>();
  recording = false;
  sentCount = 0;
  delivered = 0;

  /** Call just before the change is made (the provider sends it synchronously). */
  markSent(clientID: number, clock: number): void {
    if (!this.recording) return;
    this.sent.set(`${clientID}:${clock}`, performance.now());
    this.sentCount += 1;
  }

  /** Client `clientID` is connected to instance `instance` (only when there are several). */
  place(clientID: number, instance: number): void {
    this.instanceOf.set(clientID, instance);
  }

  /** Record every remote update `doc` applies whose (clientID, clock) was marked as sent. */
  watch(doc: Y.Doc): void {
    const receiver = this.instanceOf.get(doc.clientID);
    doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (tr.local) return;
      const now = performance.now();
      const { from, to } = Y.parseUpdateMeta(update);
      for (const [client, start] of from) {
        const end = to.get(client) ?? start;
        if (end - start > MAX_RANGE) continue;
        for (let clock = start; clock < end; clock++) {
          const sentAt = this.sent.get(`${client}:${clock}`);
          if (sentAt === undefined) continue;
          const us = Math.max(1, Math.round((now - sentAt) * 1000));
          this.histogram.recordValue(us);
          this.delivered += 1;
          if (receiver !== undefined) {
            const same = this.instanceOf.get(client) === receiver;
            (same ? this.sameInstance : this.crossInstance).recordValue(us);
          }
        }
      }
    });
  }

  /**
   * A lightened client received `update` (not applied): record its arrival. Its own updates
   * echoed back by the server (the reference server and Hocuspocus send them to the sender too)
   * are not deliveries.
   */
  arrived(update: Uint8Array, self: number): void {
    const now = performance.now();
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, start] of from) {
      if (client === self) continue;
      const end = to.get(client) ?? start;
      if (end - start > MAX_RANGE) continue;
      for (let clock = start; clock < end; clock++) {
        const sentAt = this.sent.get(`${client}:${clock}`);
        if (sentAt === undefined) continue;
        this.arrivals.recordValue(Math.max(1, Math.round((now - sentAt) * 1000)));
        this.delivered += 1;
      }
    }
  }

  /** Forget sends older than `ms` (every receiver has had them or never will). */
  prune(ms: number): void {
    const limit = performance.now() - ms;
    for (const [key, at] of this.sent) {
      if (at >= limit) break;
      this.sent.delete(key);
    }
  }
}
