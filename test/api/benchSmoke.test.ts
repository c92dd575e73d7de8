// Smoke run of the benchmark harness (`npm run bench -- --quick`): it starts our server and the
// reference y-websocket server, types for a second and prints its table. Timings are never
// asserted; this only checks that the harness works.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-bench-smoke-'));

describe('benchmark harness', () => {
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('runs the typing workload in quick mode against ours and the reference server', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/run.ts',
        '--quick',
        '--workloads=typing',
        '--servers=ours-nedb,ref',
        `--out=${out}`,
      ],
      { cwd: root, timeout: 60_000 },
    );
    console.log(stdout);
    expect(stdout).toContain('1. Typing');
    const result = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
    const rows = result.workloads[0].rows as { server: string; metrics: { p99: number } }[];
    expect(rows.map((row) => row.server)).toEqual(['ours-nedb', 'ref']);
    for (const row of rows) expect(row.metrics.p99).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(out, 'results.md'), 'utf8')).toContain('ours / peer');
    expect(fs.existsSync(path.join(out, 'charts/typing.svg'))).toBe(true);
  }, 90_000);
});
