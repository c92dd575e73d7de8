// Workloads 1 and 2 on the load side: editors typing at a steady rate with a caret update per
// keystroke, the others (other editors and any watchers) receiving.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { notify } from '../lib/ipc';
import { LatencyTracker, summarize, type LatencySummary } from '../lib/latency';
import { addParagraph, ensureLayout, letter, section, sectionCount } from '../lib/memoLayout';
import type { Target } from '../lib/targets';
import { openClient, openMany, waitUntil, type BenchClient } from './clients';

export interface TypingArgs {
  target: Target;
  /**
   * Several instances of one server serving the same room: client i connects to
   * `targets[i % targets.length]` and latency is also kept by same-instance and cross-instance
   * pairs. Absent: everyone connects to `target`.
   */
  targets?: Target[];
  room: string;
  editors: number;
  watchers: number;
  /** Editors that apply every update as a real client would; the others are lightened. */
  fullEditors: number;
  /** Watchers that apply every update; the others are lightened. */
  fullWatchers: number;
  /** Keystrokes per second per editor. */
  rate: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
}

export interface TypingResult {
  /** Keystroke → apply at the full clients (`fullEditors` editors, `fullWatchers` watchers). */
  latency: LatencySummary;
  /** Keystroke → arrival at the lightened clients (null when there are none). */
  arrivals: LatencySummary | null;
  /** With several targets: keystroke → apply at full clients, by where sender and receiver are. */
  pairs: { sameInstance: LatencySummary; crossInstance: LatencySummary } | null;
  /** Keystrokes sent inside the measurement window. */
  sent: number;
  /** Receiver applies of those keystrokes (each is expected editors - 1 + watchers times). */
  delivered: number;
  expected: number;
  measureMs: number;
  sentPerSec: number;
  deliveredPerSec: number;
  /** Share of one core the load generator used during the window (1 = saturated). */
  loadCpu: number;
  /** The load generator's event-loop delay p99 during the window, ms. */
  loopDelayP99Ms: number;
  setupMs: number;
  rejections: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function typing(args: TypingArgs): Promise<TypingResult> {
  const setupStarted = performance.now();
  const tracker = new LatencyTracker();
  const targets = args.targets ?? [args.target];
  const instanceOf = (i: number) => i % targets.length;
  const editors = await openMany(args.editors, (i) =>
    openClient(targets[instanceOf(i)]!, args.room, i, { presence: true }),
  );
  const watchers = await openMany(args.watchers, (i) =>
    openClient(targets[instanceOf(args.editors + i)]!, args.room, args.editors + i, {
      presence: false,
    }),
  );
  const everyone = [...editors, ...watchers];
  try {
    if (targets.length > 1)
      everyone.forEach((client, i) => tracker.place(client.doc.clientID, instanceOf(i)));
    // The peers start from an empty document: the first editor writes the agenda sections our
    // server seeds by itself.
    const first = editors[0]!;
    ensureLayout(first.doc);
    await waitUntil(() => everyone.every((c) => sectionCount(c.doc) >= 1), 'the memo layout');
    const baseLength = section(first.doc, 0).length;
    // Everyone types into a paragraph of their own in the first section.
    const texts = editors.map((editor) => addParagraph(editor.doc, 0));
    const expectedLength = baseLength + editors.length;
    await waitUntil(
      () => everyone.every((c) => section(c.doc, 0).length >= expectedLength),
      'every editor paragraph to reach everyone',
    );
    const lightened = new Set([
      ...editors.slice(args.fullEditors),
      ...watchers.slice(args.fullWatchers),
    ]);
    for (const client of everyone) {
      if (lightened.has(client))
        client.lighten((update) => tracker.arrived(update, client.doc.clientID));
      else tracker.watch(client.doc);
    }
    const setupMs = performance.now() - setupStarted;

    const interval = 1000 / args.rate;
    const started = performance.now();
    const due = editors.map(() => started + Math.random() * interval);
    const keystroke = (index: number) => {
      const editor = editors[index]!;
      const text = texts[index]!;
      const doc = editor.doc;
      tracker.markSent(doc.clientID, Y.getState(doc.store, doc.clientID));
      const position = text.length;
      text.insert(position, letter(position));
      const caret = Y.relativePositionToJSON(
        Y.createRelativePositionFromTypeIndex(text, position + 1),
      ) as unknown;
      editor.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
    };
    let typingOn = true;
    const ticker = setInterval(() => {
      if (!typingOn) return;
      const now = performance.now();
      for (let i = 0; i < editors.length; i++) {
        if (due[i]! > now) continue;
        due[i]! += interval;
        // A stalled loop does not burst: skip what is overdue by more than one interval.
        if (due[i]! < now) due[i] = now + interval;
        keystroke(i);
      }
    }, 2);
    const pruner = setInterval(() => tracker.prune(10_000), 1_000);

    await sleep(args.warmupMs);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpuBefore = process.cpuUsage();
    const windowStart = performance.now();
    tracker.recording = true;
    notify('measure-start');
    await sleep(args.measureMs);
    tracker.recording = false;
    const windowMs = performance.now() - windowStart;
    notify('measure-end');
    const cpu = process.cpuUsage(cpuBefore);
    loop.disable();
    typingOn = false;
    clearInterval(ticker);
    // Late deliveries of the window's keystrokes still count.
    const expected = tracker.sentCount * (editors.length - 1 + watchers.length);
    const drainStart = performance.now();
    while (tracker.delivered < expected && performance.now() - drainStart < args.drainMs)
      await sleep(20);
    clearInterval(pruner);
    return {
      latency: summarize(tracker.histogram),
      arrivals: lightened.size > 0 ? summarize(tracker.arrivals) : null,
      pairs:
        targets.length > 1
          ? {
              sameInstance: summarize(tracker.sameInstance),
              crossInstance: summarize(tracker.crossInstance),
            }
          : null,
      sent: tracker.sentCount,
      delivered: tracker.delivered,
      expected,
      measureMs: windowMs,
      sentPerSec: (tracker.sentCount * 1000) / windowMs,
      deliveredPerSec: (tracker.delivered * 1000) / windowMs,
      loadCpu: (cpu.user + cpu.system) / 1000 / windowMs,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      setupMs,
      rejections: everyone.reduce((sum, c) => sum + c.rejections.length, 0),
    };
  } finally {
    closeAll(everyone);
  }
}

export function closeAll(clients: readonly BenchClient[]): void {
  for (const client of clients) {
    try {
      client.destroy();
    } catch {
      // Already gone.
    }
  }
}
