// Markdown tables: one per workload, then the ratio ours / peer for each peer.
import type { BenchResult, Cell, Column, Row, WorkloadResult } from './types';

export function formatCell(value: Cell | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '–';
    return value.toLocaleString('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  }
  return String(value);
}

function table(header: string[], body: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

export const isOurs = (row: Row) => row.server.startsWith('ours');

/** ours / peer for one metric; null when either side is missing, invalid or zero. */
export function ratio(ours: Row | undefined, peer: Row, metric: string): number | null {
  if (!ours?.valid || !peer.valid) return null;
  const a = ours.metrics[metric];
  const b = peer.metrics[metric];
  // A ratio of a negative or zero reading (RSS noise, a CPU tick not reached) means nothing.
  if (typeof a !== 'number' || typeof b !== 'number' || a <= 0 || b <= 0) return null;
  return a / b;
}

function mainTable(workload: WorkloadResult): string {
  const columns: Column[] = workload.columns;
  const grouped = workload.rows.some((row) => row.group);
  const header = [
    ...(grouped ? ['load'] : []),
    'server',
    'persistence',
    ...columns.map((c) => c.label),
    'valid',
  ];
  const body = workload.rows.map((row) => [
    ...(grouped ? [row.group ?? ''] : []),
    row.label,
    row.persistence,
    ...columns.map((c) => formatCell(row.metrics[c.key], c.digits)),
    row.valid ? 'yes' : `**no**${row.note ? `: ${row.note}` : ''}`,
  ]);
  return table(header, body);
}

function ratioTable(workload: WorkloadResult): string | null {
  const ours = workload.rows.filter(isOurs);
  const peers = workload.rows.filter((row) => !isOurs(row));
  if (ours.length === 0 || peers.length === 0 || workload.ratios.length === 0) return null;
  const labels = new Map(workload.columns.map((c) => [c.key, c.label]));
  const oursIds = [...new Set(ours.map((row) => row.server))];
  const header = [
    ...(workload.rows.some((row) => row.group) ? ['load'] : []),
    'peer',
    ...oursIds.flatMap((id) => workload.ratios.map((m) => `${labels.get(m) ?? m}: ${id} / peer`)),
  ];
  const body = peers.map((peer) => [
    ...(peer.group !== undefined ? [peer.group] : []),
    peer.label,
    ...oursIds.flatMap((id) => {
      const mine = ours.find((row) => row.server === id && row.group === peer.group);
      return workload.ratios.map((m) => {
        const value = ratio(mine, peer, m);
        return value === null ? '–' : `${formatCell(value, 2)}×`;
      });
    }),
  ]);
  return table(header, body);
}

export function workloadMarkdown(workload: WorkloadResult, level = '##'): string {
  const parts = [`${level} ${workload.title}`, '', workload.method, '', mainTable(workload)];
  const ratios = ratioTable(workload);
  if (ratios) parts.push('', 'Ratio ours / peer (below 1: ours is lower):', '', ratios);
  if (workload.notes.length > 0) parts.push('', ...workload.notes.map((note) => `- ${note}`));
  parts.push('', `![${workload.title}](charts/${workload.name}.svg)`);
  return parts.join('\n');
}

export function resultMarkdown(result: BenchResult): string {
  const { meta } = result;
  const head = [
    `# Benchmark results${meta.quick ? ' (quick smoke run: sizes and durations are tiny)' : ''}`,
    '',
    `Run ${meta.startedAt} – ${meta.finishedAt} (${Math.round(meta.elapsedMs / 1000)} s) on ${meta.cores} × ${meta.cpu}, Node ${meta.node}. ` +
      `Servers pinned to core 0, load generators to core 1: ${meta.pinned ? 'yes (taskset)' : 'no (taskset missing)'}. ` +
      `Load average before ${meta.loadAverageBefore.join(' / ')}, after ${meta.loadAverageAfter.join(' / ')}.`,
    '',
    `Versions: ${Object.entries(meta.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}.`,
  ];
  return [head.join('\n'), ...result.workloads.map((w) => workloadMarkdown(w))].join('\n\n') + '\n';
}

/** The console's short version: one line per row with the first metrics. */
export function consoleSummary(result: BenchResult): string {
  const lines: string[] = [];
  for (const workload of result.workloads) {
    lines.push(`\n${workload.title}`);
    const shown = workload.columns.slice(0, 6);
    lines.push(
      table(
        ['load', 'server', ...shown.map((c) => c.label), 'valid'],
        workload.rows.map((row) => [
          row.group ?? '',
          row.server,
          ...shown.map((c) => formatCell(row.metrics[c.key], c.digits)),
          row.valid ? 'yes' : 'NO',
        ]),
      ),
    );
  }
  return lines.join('\n');
}
