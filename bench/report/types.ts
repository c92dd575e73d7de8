// The shape of a bench result: one table per workload.

export type Cell = number | string | boolean | null;

export interface Row {
  /** Server configuration id (CONFIGS). */
  server: string;
  label: string;
  persistence: 'on' | 'off' | 'n/a';
  /** False when the run does not count (its load generator was saturated). */
  valid: boolean;
  note?: string;
  /** Rows of the same group are compared with each other (e.g. the number of editors). */
  group?: string;
  metrics: Record<string, Cell>;
}

export interface Column {
  key: string;
  label: string;
  /** Decimal places. */
  digits?: number;
}

export interface WorkloadResult {
  name: string;
  title: string;
  /** How it was run, in a sentence or two. */
  method: string;
  columns: Column[];
  /** Metrics compared as ours / peer. */
  ratios: string[];
  rows: Row[];
  /** Things a reader must know (e.g. what a server cannot do). */
  notes: string[];
  elapsedMs?: number;
}

export interface BenchMeta {
  startedAt: string;
  finishedAt: string;
  elapsedMs: number;
  quick: boolean;
  node: string;
  cpu: string;
  cores: number;
  pinned: boolean;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  versions: Record<string, string>;
}

export interface BenchResult {
  meta: BenchMeta;
  workloads: WorkloadResult[];
}
