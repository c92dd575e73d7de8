// Writing a run's results: results.json, results.md and charts/<workload>.svg.
import fs from 'node:fs';
import path from 'node:path';
import { consoleSummary, resultMarkdown } from './markdown';
import { barChart, type BarChart } from './svg';
import type { BenchResult, Row, WorkloadResult } from './types';

const COLOURS: Record<string, string> = {
  'ours-nedb': '#1f6feb',
  'ours-ferretdb': '#6cb6ff',
  ref: '#bf8700',
  'ref-leveldb': '#e3b341',
  hocus: '#8250df',
  'hocus-sqlite': '#c297ff',
  'ours-client': '#1f6feb',
};

/** Series whose rows carry labels of their own (the client's routes). */
const SERIES_NAMES: Record<string, string> = { 'ours-client': 'ours, production build' };

/** Targets from the issue, drawn on the charts. */
const TARGET_LINES: Record<string, { value: number; label: string }> = {
  typing: { value: 5, label: 'target p99 ≤ 5 ms (50 editors)' },
  fanout: { value: 20, label: 'target p99 ≤ 20 ms' },
  cold: { value: 150, label: 'target ≤ 150 ms (100k updates)' },
  approval: { value: 300, label: 'target approve + PDF ≤ 300 ms' },
  idle: { value: 32, label: 'target ≤ 32 KB per connection' },
  client: { value: 250, label: 'target reader ≤ 250 KB' },
};

/**
 * What a workload's chart shows: one metric per row group, or (for workloads without groups)
 * several metrics as the groups.
 */
const CHART_METRIC: Record<string, { metrics: { key: string; label?: string }[]; unit: string }> = {
  typing: { metrics: [{ key: 'p99' }], unit: 'p99 latency, ms' },
  fanout: { metrics: [{ key: 'p99' }], unit: 'p99 latency, ms' },
  idle: {
    metrics: [
      { key: 'kbPerConnection', label: 'RSS / connection' },
      { key: 'heapKbPerConnection', label: 'heap+ext / connection' },
    ],
    unit: 'KB per idle connection',
  },
  cold: { metrics: [{ key: 'syncMs' }], unit: 'time until a new client is synced, ms' },
  storm: {
    metrics: [
      { key: 'restartMs', label: 'restart' },
      { key: 'syncedMs', label: 'all synced' },
      { key: 'convergedMs', label: 'all converged' },
    ],
    unit: 'ms',
  },
  approval: {
    metrics: [
      { key: 'approveMs', label: 'approve' },
      { key: 'pdfMs', label: 'PDF' },
      { key: 'totalMs', label: 'approve + PDF' },
    ],
    unit: 'ms (median)',
  },
  client: { metrics: [{ key: 'gzipKb' }], unit: 'JavaScript loaded by the route, KB gzip' },
  instances: {
    metrics: [{ key: 'chartP99' }],
    unit: 'p99 latency, ms (2 instances: cross-instance pairs)',
  },
};

export function chartFor(workload: WorkloadResult): BarChart | null {
  const spec = CHART_METRIC[workload.name];
  if (!spec || workload.rows.length === 0) return null;
  const seriesIds = [...new Set(workload.rows.map((row) => row.server))];
  const labelOf = (id: string) =>
    SERIES_NAMES[id] ?? workload.rows.find((row) => row.server === id)?.label ?? id;
  const rowGroups = [...new Set(workload.rows.map((row) => row.group ?? ''))];
  const find = (id: string, group: string): Row | undefined =>
    workload.rows.find((row) => row.server === id && (row.group ?? '') === group);
  // Either one bar group per row group (one metric), or one per metric (one row group).
  const groups =
    spec.metrics.length === 1
      ? rowGroups.map((group) => ({ group, metric: spec.metrics[0]!.key, label: group }))
      : spec.metrics.map((m) => ({
          group: rowGroups[0] ?? '',
          metric: m.key,
          label: m.label ?? m.key,
        }));
  return {
    title: workload.title,
    unit: spec.unit,
    series: seriesIds.map((id) => ({ name: labelOf(id), colour: COLOURS[id] ?? '#888' })),
    groups: groups.map(({ group, metric, label }) => ({
      label: label || workload.title,
      values: seriesIds.map((id) => {
        const value = find(id, group)?.metrics[metric];
        return typeof value === 'number' ? value : null;
      }),
      invalid: seriesIds.map((id) => find(id, group)?.valid === false),
    })),
    ...(TARGET_LINES[workload.name] && { target: TARGET_LINES[workload.name] }),
  };
}

export function writeResults(result: BenchResult, outDir: string): string {
  fs.mkdirSync(path.join(outDir, 'charts'), { recursive: true });
  fs.writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(result, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'results.md'), resultMarkdown(result));
  for (const workload of result.workloads) {
    const chart = chartFor(workload);
    if (chart)
      fs.writeFileSync(path.join(outDir, 'charts', `${workload.name}.svg`), barChart(chart));
  }
  return consoleSummary(result);
}
