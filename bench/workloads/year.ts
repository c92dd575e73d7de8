// Workload 9 (ours on the embedded engine): what a group-year costs. The embedded engine holds
// every document in memory, so its memory and its data files grow with the meetings a group
// keeps: a year of meetings is typed, approved and stored, and the server is measured after a
// restart (the data loaded from disk, nothing else in memory) against the same server before.
import fs from 'node:fs';
import path from 'node:path';
import { freshRoom, type RunContext } from '../lib/context';
import { MB, memoryAfterGc, type MemoryPoint } from '../lib/measure';
import type { ServerUnderTest } from '../lib/servers';
import type { Row, WorkloadResult } from '../report/types';

/** The meetings of one group in a year, as in the domain brief: about two a month, less in summer. */
const MEETINGS_PER_YEAR = 20;

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(file) : fs.statSync(file).size;
  }
  return total;
}

async function restartAndMeasure(
  server: ServerUnderTest,
): Promise<MemoryPoint & { bytes: number }> {
  await server.stop();
  await server.start();
  const memory = await memoryAfterGc(server);
  return { ...memory, bytes: bytesUnder(server.dataDir()) };
}

export async function yearWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.year;
  const rows: Row[] = [];
  const titles = Array.from({ length: opts.sections }, (_, i) => `Asiakohta ${i + 1}`);
  for (const config of ctx.configs.filter((c) => c.kind === 'ours' && c.engine === 'embedded')) {
    await ctx.withServer(config, async (server) => {
      const before = await restartAndMeasure(server);
      await ctx.withLoad(async (load) => {
        for (let meeting = 0; meeting < opts.meetings; meeting++) {
          const { room, meetingId } = await freshRoom(server, 'year', titles);
          await load.request(
            'fillSections',
            { target: server.target(), room, chars: opts.chars, chunk: opts.chunk },
            120_000,
          );
          const approved = await server.ours!.chair.request(
            'POST',
            `/api/meetings/${meetingId}/approval`,
            {},
          );
          if (approved.status !== 201) throw new Error(`approval answered ${approved.status}`);
        }
      });
      // The files as a running server leaves them (appended to since its start), then as the next
      // start compacts them; a second restart loads the compacted files.
      const written = bytesUnder(server.dataDir());
      const after = await restartAndMeasure(server);
      const again = await restartAndMeasure(server);
      const years = opts.meetings / MEETINGS_PER_YEAR;
      const metrics = {
        rssMbPerYear: (after.rss - before.rss) / MB / years,
        rssAgainMbPerYear: (again.rss - before.rss) / MB / years,
        jsMbPerYear: (again.js - before.js) / MB / years,
        writtenMbPerYear: (written - before.bytes) / MB / years,
        dataMbPerYear: (after.bytes - before.bytes) / MB / years,
        rssStartMb: before.rss / MB,
        rssAfterMb: after.rss / MB,
      };
      rows.push({
        server: config.id,
        label: config.label,
        persistence: config.persistence,
        valid: true,
        group: `${opts.meetings} meetings`,
        metrics,
      });
      ctx.log(
        `year ${config.id}: ${metrics.rssMbPerYear.toFixed(1)} MB RSS, ${metrics.jsMbPerYear.toFixed(1)} MB heap+external, ${metrics.dataMbPerYear.toFixed(2)} MB data per group-year`,
      );
    });
  }
  return {
    name: 'year',
    title: '9. A group-year on the embedded engine',
    method: `Ours on the embedded engine only (it holds its data in memory). ${opts.meetings} meetings, each with ${opts.sections} agenda items; a live editor types a paragraph of ${opts.chars} characters into every section in updates of ${opts.chunk} characters, and the chair approves the memo (a stored version, audit entries, the live log compacted as it goes). The server is restarted before, and twice after (the first start compacts the files a running server appended to), and measured after two forced full GCs: RSS from /proc, heap and external from process.memoryUsage(), and the bytes of every file in DATA_DIR. Figures are per group-year of ${MEETINGS_PER_YEAR} meetings.`,
    columns: [
      { key: 'rssMbPerYear', label: 'RSS MB / group-year (1st restart)', digits: 1 },
      { key: 'rssAgainMbPerYear', label: 'RSS MB / group-year (2nd restart)', digits: 1 },
      { key: 'jsMbPerYear', label: 'heap+external MB / group-year', digits: 2 },
      { key: 'writtenMbPerYear', label: 'files MB / group-year before restart', digits: 2 },
      { key: 'dataMbPerYear', label: 'files MB / group-year compacted', digits: 2 },
      { key: 'rssStartMb', label: 'RSS before MB', digits: 0 },
      { key: 'rssAfterMb', label: 'RSS after MB', digits: 0 },
    ],
    ratios: [],
    rows,
    notes: [
      'Heap+external is the data held in memory. RSS grows far more than the heap: loading and compacting the files at start peaks above what stays, and V8 and malloc keep those pages after the GC; it carries several MB of noise either way.',
    ],
  };
}
