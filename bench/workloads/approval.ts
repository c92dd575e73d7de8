// Workload 6 (ours only): approve a 100-section memo and export its PDF.
import { freshRoom, type RunContext } from '../lib/context';
import { median } from '../lib/measure';
import { ProcessMeter } from '../lib/proc';
import type { Row, WorkloadResult } from '../report/types';

export async function approvalWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const opts = ctx.options.approval;
  const rows: Row[] = [];
  const titles = Array.from({ length: opts.sections }, (_, i) => `Asiakohta ${i + 1}`);
  for (const config of ctx.configs.filter((c) => c.kind === 'ours')) {
    await ctx.withServer(config, async (server) => {
      await ctx.withLoad(async (load) => {
        const chair = server.ours!.chair;
        const runs: { approveMs: number; pdfMs: number; pdfKb: number; cpuMs: number }[] = [];
        // One extra round first, to warm up (PDF fonts, code paths); not counted.
        for (let round = 0; round <= opts.repeats; round++) {
          const { room, meetingId } = await freshRoom(server, 'approval', titles);
          await load.request(
            'fillSections',
            { target: server.target(), room, chars: opts.chars },
            120_000,
          );
          const meter = new ProcessMeter(() => server.pids());
          meter.start();
          const startedAt = performance.now();
          const approved = await chair.request('POST', `/api/meetings/${meetingId}/approval`, {});
          const approveMs = performance.now() - startedAt;
          if (approved.status !== 201) throw new Error(`approval answered ${approved.status}`);
          const pdfAt = performance.now();
          const pdf = await chair.request(
            'GET',
            `/api/meetings/${meetingId}/versions/1/export.pdf`,
          );
          const pdfMs = performance.now() - pdfAt;
          if (pdf.status !== 200) throw new Error(`PDF export answered ${pdf.status}`);
          const used = meter.stop();
          if (round > 0)
            runs.push({ approveMs, pdfMs, pdfKb: pdf.bytes / 1024, cpuMs: used.cpuMs });
        }
        const approveMs = median(runs.map((r) => r.approveMs));
        const pdfMs = median(runs.map((r) => r.pdfMs));
        rows.push({
          server: config.id,
          label: config.label,
          persistence: config.persistence,
          valid: true,
          group: `${opts.sections} sections`,
          metrics: {
            approveMs,
            pdfMs,
            totalMs: median(runs.map((r) => r.approveMs + r.pdfMs)),
            maxTotalMs: Math.max(...runs.map((r) => r.approveMs + r.pdfMs)),
            serverCpuMs: median(runs.map((r) => r.cpuMs)),
            pdfKb: median(runs.map((r) => r.pdfKb)),
          },
        });
        ctx.log(
          `approval ${config.id}: approve ${approveMs.toFixed(0)} ms, pdf ${pdfMs.toFixed(0)} ms`,
        );
      });
    });
  }
  return {
    name: 'approval',
    title: '6. Approval and PDF',
    method: `Ours only (the peers have no approval). A started meeting with ${opts.sections} agenda items, so ${opts.sections} sections, each filled by a live editor with a paragraph of about ${opts.chars} characters and stored; the chair then calls POST /api/meetings/:id/approval and GET /api/meetings/:id/versions/1/export.pdf. Median of ${opts.repeats} memos after one warm-up memo; times are as the HTTP client sees them.`,
    columns: [
      { key: 'approveMs', label: 'approve ms', digits: 0 },
      { key: 'pdfMs', label: 'PDF export ms', digits: 0 },
      { key: 'totalMs', label: 'approve + PDF ms', digits: 0 },
      { key: 'maxTotalMs', label: 'slowest approve + PDF ms', digits: 0 },
      { key: 'serverCpuMs', label: 'server CPU ms', digits: 0 },
      { key: 'pdfKb', label: 'PDF KB', digits: 0 },
    ],
    ratios: [],
    rows,
    notes: [],
  };
}
