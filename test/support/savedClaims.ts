// What editors were told was saved, against what the store holds: the fault tests' measure of
// "0 lost". A claim is the whole state of an editor's document at a moment its own rule said
// "all saved" (shared/memo/saveTracker.ts); it is lost if the stored state lacks any item or
// any deletion of it.
import * as Y from 'yjs';
import type { CollabEditor } from './collabClient';

export interface SavedClaims {
  /** The latest claim of each editor: a CRDT's state only grows, so the latest says the most. */
  latest: Map<string, Uint8Array>;
  /** How many moments the editors were told "all saved". */
  count: number;
  stop(): void;
}

/** Every `everyMs`, remember the state of each editor whose changes are all saved. */
export function recordSavedClaims(
  editors: Record<string, CollabEditor>,
  everyMs = 20,
): SavedClaims {
  const claims: SavedClaims = {
    latest: new Map(),
    count: 0,
    stop: () => clearInterval(timer),
  };
  const timer = setInterval(() => {
    for (const [name, editor] of Object.entries(editors)) {
      if (!editor.provider.synced || !editor.allSaved()) continue;
      claims.latest.set(name, Y.encodeStateAsUpdate(editor.doc));
      claims.count += 1;
    }
  }, everyMs);
  return claims;
}

/** How many items and deleted clock ranges of `claim` the `stored` state lacks. */
export function missingFrom(
  stored: Uint8Array,
  claim: Uint8Array,
): { items: number; deletions: number } {
  const storedVector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored));
  let items = 0;
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(claim)))
    items += Math.max(0, clock - (storedVector.get(client) ?? 0));
  const storedDeletes = mergedRanges(Y.decodeUpdate(stored).ds);
  let deletions = 0;
  for (const [client, ranges] of Y.decodeUpdate(claim).ds.clients) {
    const covering = storedDeletes.get(client) ?? [];
    for (const { clock, len } of ranges) {
      if (!covering.some(([from, to]) => from <= clock && clock + len <= to)) deletions += 1;
    }
  }
  return { items, deletions };
}

function mergedRanges(
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
): Map<number, [number, number][]> {
  const merged = new Map<number, [number, number][]>();
  for (const [client, ranges] of ds.clients) {
    const sorted = [...ranges].sort((a, b) => a.clock - b.clock);
    const out: [number, number][] = [];
    for (const { clock, len } of sorted) {
      const last = out.at(-1);
      if (last && clock <= last[1]) last[1] = Math.max(last[1], clock + len);
      else out.push([clock, clock + len]);
    }
    merged.set(client, out);
  }
  return merged;
}
