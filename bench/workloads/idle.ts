// Workload 3: memory per idle connection and per loaded document, after a forced full GC, and
// whether it comes back once the documents unload.
import { freshRoom, sleep, type RunContext } from '../lib/context';
import { MB, memoryAfterGc, type MemoryPoint } from '../lib/measure';
import type { ServerUnderTest } from '../lib/servers';
import type { Row, WorkloadResult } from '../report/types';

/** Ours unloads a room COLLAB_IDLE_MS (2 s in the bench) after its last connection, swept every second. */
const OURS_UNLOAD_WAIT_MS = 4_500;

async function waitForUnload(server: ServerUnderTest): Promise<number | null> {
  if (server.config.kind === 'ours') {
    await sleep(OURS_UNLOAD_WAIT_MS);
    return null;
  }
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { loaded } = await server.request<{ loaded: number }>('docs');
    if (loaded === 0 || Date.now() > deadline) return loaded;
    await sleep(250);
  }
}

export async function idleWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.idle;
  const rows: Row[] = [];
  for (const config of ctx.configs) {
    await ctx.withServer(config, async (server) => {
      const idleRoom = (await freshRoom(server, 'idle')).room;
      const docRooms: string[] = [];
      for (let i = 0; i < opts.docs; i++) docRooms.push((await freshRoom(server, `doc-${i}`)).room);
      await ctx.withLoad(async (load) => {
        const target = server.target();
        const timeout = 600_000;
        const base = await memoryAfterGc(server);
        await load.request('openIdle', { target, room: idleRoom, count: 1, pool: 'idle' }, timeout);
        const one = await memoryAfterGc(server);
        await load.request(
          'openIdle',
          { target, room: idleRoom, count: opts.connections - 1, pool: 'idle', offset: 1 },
          timeout,
        );
        const connected = await memoryAfterGc(server);
        await load.request(
          'openDocs',
          { target, rooms: docRooms, updates: opts.updatesPerDoc, chunk: opts.chunk, pool: 'docs' },
          timeout,
        );
        const loaded = await memoryAfterGc(server);
        await load.request('closePool', { pool: 'docs' });
        await load.request('closePool', { pool: 'idle' });
        const stillLoaded = await waitForUnload(server);
        const unloaded = await memoryAfterGc(server);
        const per = (a: MemoryPoint, b: MemoryPoint, count: number, key: 'rss' | 'js') =>
          (b[key] - a[key]) / count / 1024;
        const kbPerConnection = per(one, connected, opts.connections - 1, 'rss');
        const heapKbPerConnection = per(one, connected, opts.connections - 1, 'js');
        const grown = loaded.heapUsed - base.heapUsed;
        const row: Row = {
          server: config.id,
          label: config.label,
          persistence: config.persistence,
          valid: true,
          metrics: {
            kbPerConnection,
            heapKbPerConnection,
            // Each loaded document came with one connection of its own.
            kbPerDoc: per(connected, loaded, opts.docs, 'rss') - kbPerConnection,
            heapKbPerDoc: per(connected, loaded, opts.docs, 'js') - heapKbPerConnection,
            baseMb: base.rss / MB,
            loadedMb: loaded.rss / MB,
            unloadedMb: unloaded.rss / MB,
            heapBaseMb: base.heapUsed / MB,
            heapLoadedMb: loaded.heapUsed / MB,
            heapUnloadedMb: unloaded.heapUsed / MB,
            heapReturned: grown > 0 ? (100 * (loaded.heapUsed - unloaded.heapUsed)) / grown : null,
            docsStillLoaded: stillLoaded,
          },
        };
        if (!base.gcForced) row.note = 'no forced GC';
        ctx.log(
          `idle ${config.id}: ${kbPerConnection.toFixed(1)} KB/connection, ` +
            `${(row.metrics.kbPerDoc as number).toFixed(1)} KB/doc, heap returned ${Math.round((row.metrics.heapReturned as number | null) ?? 0)}%`,
        );
        rows.push(row);
      });
    });
  }
  return {
    name: 'idle',
    title: '3. Idle memory',
    method: `${opts.connections} idle connections to one memo (synced, no caret), then ${opts.docs} more memos loaded, each with one connection and the same content (the agenda sections and a paragraph typed as ${opts.updatesPerDoc} updates of ${opts.chunk} characters). Every server runs with --expose-gc and is measured after two forced full GCs: RSS from /proc, heap and external (ArrayBuffers, Buffers) from process.memoryUsage(). Then every connection closes and the documents unload.`,
    columns: [
      { key: 'kbPerConnection', label: 'RSS KB / idle connection', digits: 1 },
      { key: 'heapKbPerConnection', label: 'heap+external KB / idle connection', digits: 1 },
      { key: 'kbPerDoc', label: 'RSS KB / loaded doc', digits: 1 },
      { key: 'heapKbPerDoc', label: 'heap+external KB / loaded doc', digits: 1 },
      { key: 'baseMb', label: 'RSS start MB', digits: 0 },
      { key: 'loadedMb', label: 'RSS loaded MB', digits: 0 },
      { key: 'unloadedMb', label: 'RSS after unload MB', digits: 0 },
      { key: 'heapLoadedMb', label: 'heap loaded MB', digits: 1 },
      { key: 'heapUnloadedMb', label: 'heap after unload MB', digits: 1 },
      { key: 'heapReturned', label: 'heap returned %', digits: 0 },
      { key: 'docsStillLoaded', label: 'docs still loaded', digits: 0 },
    ],
    ratios: ['kbPerConnection', 'heapKbPerConnection', 'kbPerDoc', 'heapKbPerDoc'],
    rows,
    notes: [
      'Per loaded document = (growth while loading the documents) / documents − one connection.',
      'RSS per connection is a difference of two RSS readings divided by the connections, so it carries a few KB of noise either way (page release after GC, allocator arenas); heap+external is steadier.',
      'RSS seldom shrinks after a GC (V8 keeps its pages, malloc its arenas): "heap returned" is the share of the heap growth given back after the unload.',
      'Ours unloads an idle room after COLLAB_IDLE_MS, set to 2 s for the bench (default 30 s); "docs still loaded" is not observable for ours (–). The reference server keeps every document in memory for good when it runs without persistence (its unload only happens through persistence.writeState); Hocuspocus unloads at the last disconnect.',
      'For ours on FerretDB, the database process is not included in the memory figures.',
    ],
  };
}
