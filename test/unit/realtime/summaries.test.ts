import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemoSummary } from '../../../shared/memo/summary';
import type { Logger } from '../../../server/logger';
import { createSummaryBroadcaster } from '../../../server/realtime/summaries';

function setup(options: { listeners?: boolean } = {}) {
  const sent: [string, MemoSummary][] = [];
  const pending: ((summary: MemoSummary) => void)[] = [];
  const summarize = vi.fn(() => new Promise<MemoSummary>((resolve) => pending.push(resolve)));
  const errors: unknown[] = [];
  const broadcaster = createSummaryBroadcaster({
    delayMs: 300,
    hasListeners: () => options.listeners ?? true,
    summarize,
    send: (meetingId, summary) => sent.push([meetingId, summary]),
    logger: { error: (...args: unknown[]) => errors.push(args) } as unknown as Logger,
  });
  const finish = async (sections: MemoSummary['sections'] = []) => {
    pending.shift()?.({ sections });
    await vi.advanceTimersByTimeAsync(0);
  };
  return { broadcaster, sent, summarize, finish, errors };
}

describe('summary broadcaster', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('turns a burst of changes into one summary after the delay', async () => {
    const { broadcaster, sent, summarize, finish } = setup();
    for (let i = 0; i < 10; i += 1) broadcaster.changed('m1');
    await vi.advanceTimersByTimeAsync(299);
    expect(summarize).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(summarize).toHaveBeenCalledTimes(1);
    await finish();
    expect(sent).toEqual([['m1', { sections: [] }]]);
  });

  it('is not pushed back by changes that keep coming (people typing)', async () => {
    const { broadcaster, summarize } = setup();
    for (let t = 0; t < 1000; t += 100) {
      broadcaster.changed('m1');
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(summarize.mock.calls.length).toBeGreaterThanOrEqual(1);
  });

  it('never runs two summaries of one meeting at once, and follows up on changes meanwhile', async () => {
    const { broadcaster, sent, summarize, finish } = setup();
    broadcaster.changed('m1');
    await vi.advanceTimersByTimeAsync(300);
    broadcaster.changed('m1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(summarize).toHaveBeenCalledTimes(1);
    await finish();
    await vi.advanceTimersByTimeAsync(300);
    expect(summarize).toHaveBeenCalledTimes(2);
    await finish([]);
    expect(sent).toHaveLength(2);
  });

  it('keeps meetings apart', async () => {
    const { broadcaster, summarize } = setup();
    broadcaster.changed('m1');
    broadcaster.changed('m2');
    await vi.advanceTimersByTimeAsync(300);
    expect(summarize.mock.calls.map((call: unknown[]) => call[0])).toEqual(['m1', 'm2']);
  });

  it('skips the work when nobody here is in the room', async () => {
    const { broadcaster, summarize } = setup({ listeners: false });
    broadcaster.changed('m1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(summarize).not.toHaveBeenCalled();
  });

  it('logs a failed summary and recovers on the next change', async () => {
    const { broadcaster, summarize, sent, errors } = setup();
    summarize.mockImplementationOnce(() => Promise.reject(new Error('store down')));
    broadcaster.changed('m1');
    await vi.advanceTimersByTimeAsync(300);
    expect(errors).toHaveLength(1);
    broadcaster.changed('m1');
    await vi.advanceTimersByTimeAsync(300);
    expect(summarize).toHaveBeenCalledTimes(2);
    expect(sent).toEqual([]);
  });

  it('sends nothing after close', async () => {
    const { broadcaster, summarize, sent, finish } = setup();
    broadcaster.changed('m1');
    broadcaster.close();
    await vi.advanceTimersByTimeAsync(1000);
    expect(summarize).not.toHaveBeenCalled();
    broadcaster.changed('m2');
    await vi.advanceTimersByTimeAsync(1000);
    await finish();
    expect(sent).toEqual([]);
  });
});
