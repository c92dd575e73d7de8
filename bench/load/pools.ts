// Workloads 3–6 on the load side: clients that stay open between the orchestrator's requests
// (idle connections, loaded documents, the reconnect storm's clients).
import * as Y from 'yjs';
import { MEMO_NODES } from '../../shared/memo/format';
import { addParagraph, ensureLayout, letter, section, sectionCount } from '../lib/memoLayout';
import type { Target } from '../lib/targets';
import { openClient, openMany, waitUntil, type BenchClient } from './clients';
import { closeAll } from './typing';

const pools = new Map<string, BenchClient[]>();

function pool(name: string): BenchClient[] {
  let clients = pools.get(name);
  if (!clients) {
    clients = [];
    pools.set(name, clients);
  }
  return clients;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Idle connections to one room: synced, no presence, nothing typed. */
export async function openIdle(args: {
  target: Target;
  room: string;
  count: number;
  pool: string;
  offset?: number;
}) {
  const started = performance.now();
  const clients = await openMany(args.count, (i) =>
    openClient(args.target, args.room, (args.offset ?? 0) + i, { presence: false }),
  );
  pool(args.pool).push(...clients);
  return { opened: clients.length, ms: performance.now() - started };
}

/**
 * One connection per room, each room given the same memo: the agenda sections and a paragraph
 * typed as `updates` updates of `chunk` characters. Waits until the server has taken it all.
 */
export async function openDocs(args: {
  target: Target;
  rooms: string[];
  updates: number;
  chunk: number;
  pool: string;
}) {
  const started = performance.now();
  const clients = await openMany(
    args.rooms.length,
    (i) => openClient(args.target, args.rooms[i]!, i, { presence: false }),
    10,
  );
  for (const client of clients) {
    ensureLayout(client.doc);
    const text = addParagraph(client.doc, 0);
    for (let u = 0; u < args.updates; u++) {
      let chunk = '';
      for (let c = 0; c < args.chunk; c++) chunk += letter(u * args.chunk + c);
      text.insert(text.length, chunk);
    }
  }
  await waitUntil(() => clients.every((c) => c.acknowledged()), 'the documents to be taken');
  pool(args.pool).push(...clients);
  return { opened: clients.length, ms: performance.now() - started };
}

export function closePool(args: { pool: string }) {
  const clients = pools.get(args.pool) ?? [];
  pools.delete(args.pool);
  closeAll(clients);
  return { closed: clients.length };
}

/** The length of the last paragraph of the first section, or -1 while there is none. */
function lastParagraphLength(doc: Y.Doc): number {
  if (sectionCount(doc) === 0) return -1;
  const paragraph = section(doc, 0).toArray().at(-1);
  if (!(paragraph instanceof Y.XmlElement) || paragraph.nodeName !== MEMO_NODES.paragraph)
    return -1;
  const text = paragraph.get(0);
  return text instanceof Y.XmlText ? text.length : -1;
}

/**
 * Workload 4: a new client opens the room; time until it is synced and holds the stored memo.
 * (The reference server answers the first sync before its persistence has loaded the
 * document, and sends the content afterwards: "synced" alone would time an empty document.)
 */
export async function coldLoad(args: {
  target: Target;
  room: string;
  index: number;
  chars: number;
}) {
  const started = performance.now();
  const client = openClient(args.target, args.room, args.index, { presence: false });
  try {
    let syncedMs = 0;
    const ms = await waitUntil(
      () => {
        if (!client.synced()) return false;
        if (syncedMs === 0) syncedMs = performance.now() - started;
        return lastParagraphLength(client.doc) >= args.chars;
      },
      'the cold load',
      120_000,
      1,
    );
    return { ms, syncedMs, chars: lastParagraphLength(client.doc) };
  } finally {
    client.destroy();
  }
}

/** The shared paragraph the storm clients type into. */
function stormText(doc: Y.Doc): Y.XmlText | null {
  if (sectionCount(doc) === 0) return null;
  const last = section(doc, 0).toArray().at(-1);
  if (!(last instanceof Y.XmlElement) || last.nodeName !== MEMO_NODES.paragraph) return null;
  const text = last.get(0);
  return text instanceof Y.XmlText ? text : null;
}

function converged(clients: readonly BenchClient[], length: number): boolean {
  let reference: string | null = null;
  for (const client of clients) {
    const text = stormText(client.doc);
    if (!text || text.length !== length) return false;
    const content = String(text.toString() as unknown);
    if (reference === null) reference = content;
    else if (content !== reference) return false;
  }
  return true;
}

/**
 * Workload 5, before the kill: `count` clients in one room, every `typeEvery`-th typing `chars`
 * characters into a shared paragraph, until everyone has everything and the server
 * acknowledged it.
 */
export async function stormSetup(args: {
  target: Target;
  room: string;
  count: number;
  chars: number;
  typeEvery: number;
}) {
  const clients = pool('storm');
  clients.push(
    ...(await openMany(args.count, (i) =>
      openClient(args.target, args.room, i, { presence: false }),
    )),
  );
  const first = clients[0]!;
  ensureLayout(first.doc);
  addParagraph(first.doc, 0, 'storm:');
  const base = 'storm:'.length;
  await waitUntil(() => clients.every((c) => stormText(c.doc) !== null), 'the storm paragraph');
  const typists = clients.filter((_, index) => index % args.typeEvery === 0);
  for (let round = 0; round < args.chars; round++) {
    for (const client of typists) {
      const text = stormText(client.doc)!;
      text.insert(Math.floor(Math.random() * (text.length + 1)), letter(round));
    }
    await sleep(50);
  }
  const length = base + typists.length * args.chars;
  await waitUntil(() => converged(clients, length), 'the storm clients to converge', 120_000);
  await waitUntil(
    () => clients.every((c) => c.acknowledged()),
    'the server to acknowledge',
    120_000,
  );
  return { length };
}

/**
 * After the kill: stop reconnecting, and let every `offlineEvery`-th client type one character
 * while offline (most people in a meeting are not typing at the moment the server dies).
 */
export async function stormHold(args: { offlineEvery: number }) {
  const clients = pool('storm');
  for (const client of clients) client.disconnect();
  let typed = 0;
  clients.forEach((client, index) => {
    if (index % args.offlineEvery !== 0) return;
    const text = stormText(client.doc)!;
    text.insert(Math.floor(Math.random() * (text.length + 1)), '*');
    typed += 1;
  });
  await sleep(400);
  return { held: clients.length, typed };
}

/** The storm: everyone reconnects at once; time until all are synced and converged. */
export async function stormRelease(args: { length: number; timeoutMs: number }) {
  const clients = pool('storm');
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const client of clients) client.connect();
  let syncedMs = 0;
  await waitUntil(
    () => {
      if (syncedMs === 0 && clients.every((c) => c.synced()))
        syncedMs = performance.now() - started;
      return syncedMs > 0 && converged(clients, args.length);
    },
    'the storm to settle',
    args.timeoutMs,
  );
  const convergedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await waitUntil(() => clients.every((c) => c.acknowledged()), 'acknowledgements', args.timeoutMs);
  return {
    syncedMs,
    convergedMs,
    acknowledgedMs: performance.now() - started,
    loadCpu: (cpu.user + cpu.system) / 1000 / convergedMs,
  };
}

/**
 * A fresh client's view of the storm paragraph (what the server holds). The reference server
 * answers the sync before its persistence has loaded the document and sends the content right
 * after: the probe waits up to `graceMs` after its sync for the text to arrive.
 */
export async function probe(args: {
  target: Target;
  room: string;
  index: number;
  expected: number;
  graceMs: number;
}) {
  const client = openClient(args.target, args.room, args.index, { presence: false });
  try {
    await waitUntil(() => client.synced(), 'the probe to sync', 60_000);
    const length = () => stormText(client.doc)?.length ?? 0;
    await waitUntil(() => length() >= args.expected, 'the stored text', args.graceMs).catch(
      () => undefined,
    );
    return { length: length() };
  } finally {
    client.destroy();
  }
}

/** Workload 6: fill every section's notes of a memo with `chars` characters, and wait until stored. */
/**
 * Writes a paragraph of `chars` characters into every section: in one update, or typed as
 * updates of `chunk` characters each, as a secretary's typing reaches the server.
 */
export async function fillSections(args: {
  target: Target;
  room: string;
  chars: number;
  chunk?: number;
}) {
  const client = openClient(args.target, args.room, 0, { presence: false });
  try {
    await waitUntil(() => client.synced() && sectionCount(client.doc) > 0, 'the memo', 60_000);
    const count = sectionCount(client.doc);
    const chunk = args.chunk ?? args.chars;
    const typeSection = (i: number) => {
      const notes = section(client.doc, i).get(1);
      if (!(notes instanceof Y.XmlElement)) throw new Error(`section ${i} has no notes`);
      const text = new Y.XmlText(`Kohta ${i + 1}: `);
      for (let at = 0; at < args.chars; at += chunk) {
        let body = '';
        for (let c = at; c < Math.min(at + chunk, args.chars); c++) body += letter(i + c);
        client.doc.transact(() => {
          if (at === 0) notes.insert(0, [text]);
          text.insert(text.length, body);
        });
      }
    };
    // One update for the whole memo when no chunk is given (the approval workload's fill).
    if (args.chunk === undefined)
      client.doc.transact(() => {
        for (let i = 0; i < count; i++) typeSection(i);
      });
    else for (let i = 0; i < count; i++) typeSection(i);
    await waitUntil(() => client.acknowledged(), 'the memo to be stored', 60_000);
    return { sections: count };
  } finally {
    client.destroy();
  }
}
