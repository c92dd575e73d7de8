import type { MemoSummary } from '../../shared/memo/summary';
import type { Logger } from '../logger';

export interface SummaryBroadcaster {
  /** The memo of this meeting changed: send a fresh summary soon. */
  changed(meetingId: string): void;
  close(): void;
}

/**
 * Coalesces memo changes into at most one summary per meeting every `delayMs`. The timer is not
 * pushed back by later changes (a pure debounce would never fire while people keep typing),
 * and one meeting never has two summaries in flight, so an older one cannot overtake a newer.
 */
export function createSummaryBroadcaster(options: {
  delayMs: number;
  /** Whether anybody here would receive it; skips the work when nobody would. */
  hasListeners: (meetingId: string) => boolean;
  summarize: (meetingId: string) => Promise<MemoSummary>;
  send: (meetingId: string, summary: MemoSummary) => void;
  logger: Logger;
}): SummaryBroadcaster {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<string>();
  const dirty = new Set<string>();
  let closed = false;

  function schedule(meetingId: string) {
    if (closed || timers.has(meetingId)) return;
    if (running.has(meetingId)) {
      dirty.add(meetingId);
      return;
    }
    timers.set(
      meetingId,
      setTimeout(() => {
        timers.delete(meetingId);
        void run(meetingId);
      }, options.delayMs),
    );
  }

  async function run(meetingId: string) {
    if (!options.hasListeners(meetingId)) return;
    running.add(meetingId);
    try {
      const summary = await options.summarize(meetingId);
      if (!closed) options.send(meetingId, summary);
    } catch (error) {
      options.logger.error({ err: error, meetingId }, 'memo summary failed');
    } finally {
      running.delete(meetingId);
      if (dirty.delete(meetingId)) schedule(meetingId);
    }
  }

  return {
    changed: schedule,
    close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      dirty.clear();
    },
  };
}
