// Workload 7: how much JavaScript the reader route and the meeting-room route load, gzipped,
// from a production build (vite build with a manifest, into a temporary directory).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT } from '../lib/child';
import type { RunContext } from '../lib/context';
import type { Row, WorkloadResult } from '../report/types';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Route chunks, by their source relative to client/ (the Vite root). */
const ROUTES = [
  {
    id: 'reader',
    label: 'reader route (approved memo, /groups/:g/meetings/:m/versions/:n)',
    chunk: 'screens/Version/VersionScreen.tsx',
  },
  {
    id: 'meeting-room',
    label: 'meeting room (live editor, /groups/:g/meetings/:m/memo)',
    chunk: 'screens/MeetingRoom/MeetingRoomScreen.tsx',
  },
] as const;

/** Sources whose presence in a chunk means the editor came with it. */
const EDITOR_SOURCES = [
  /node_modules\/@tiptap\//,
  /node_modules\/prosemirror-/,
  /node_modules\/yjs\//,
];

/** Every chunk `key` loads before it runs: itself and its static imports, transitively. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
  seen.add(key);
  for (const imported of chunk.imports ?? []) closure(manifest, imported, seen);
  return seen;
}

function build(outDir: string): void {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--manifest',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

export function clientWorkload(ctx: RunContext): Promise<WorkloadResult> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-bench-client-'));
  try {
    ctx.log('client: vite build');
    build(outDir);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'),
    ) as Manifest;
    const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
    if (!entryKey) throw new Error('no entry in the manifest');
    const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(outDir, file))).length;
    const raw = (file: string) => fs.statSync(path.join(outDir, file)).size;
    const hasEditor = (file: string) => {
      const map = path.join(outDir, `${file}.map`);
      if (!fs.existsSync(map)) return false;
      const { sources } = JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[] };
      return sources.some((source) => EDITOR_SOURCES.some((pattern) => pattern.test(source)));
    };
    const measure = (keys: Set<string>) => {
      const files = [...keys].map((key) => manifest[key]!.file).filter((f) => f.endsWith('.js'));
      return {
        files: files.length,
        gzipKb: files.reduce((sum, f) => sum + gzip(f), 0) / 1024,
        rawKb: files.reduce((sum, f) => sum + raw(f), 0) / 1024,
        editor: files.some(hasEditor),
      };
    };
    const entry = closure(manifest, entryKey);
    const rows: Row[] = [];
    const row = (id: string, label: string, keys: Set<string>): Row => {
      const m = measure(keys);
      return {
        server: 'ours-client',
        label,
        persistence: 'n/a',
        valid: true,
        group: id,
        metrics: {
          gzipKb: m.gzipKb,
          rawKb: m.rawKb,
          chunks: m.files,
          editor: m.editor ? 'yes' : 'no',
        },
      };
    };
    rows.push(row('entry', 'every route first (entry chunk and its imports)', entry));
    for (const route of ROUTES) {
      const keys = closure(manifest, route.chunk, new Set(entry));
      rows.push(row(route.id, route.label, keys));
    }
    const all = Object.values(manifest)
      .map((chunk) => chunk.file)
      .filter((file) => file.endsWith('.js'));
    rows.push({
      server: 'ours-client',
      label: 'every JavaScript chunk of the build',
      persistence: 'n/a',
      valid: true,
      group: 'all',
      metrics: {
        gzipKb: all.reduce((sum, f) => sum + gzip(f), 0) / 1024,
        rawKb: all.reduce((sum, f) => sum + raw(f), 0) / 1024,
        chunks: all.length,
        editor: 'yes',
      },
    });
    for (const r of rows)
      ctx.log(
        `client ${r.group}: ${(r.metrics.gzipKb as number).toFixed(1)} KB gzip, editor ${String(r.metrics.editor)}`,
      );
    return Promise.resolve({
      name: 'client',
      title: '7. Client JavaScript',
      method:
        'vite build --manifest into a temporary directory; a route loads the entry chunk with its static imports, then the lazy route chunk with its static imports (the manifest\'s import graph). Sizes are each file gzipped with zlib\'s default level, summed. "editor" tells whether any of those chunks holds TipTap, ProseMirror or Yjs (from the source maps).',
      columns: [
        { key: 'gzipKb', label: 'JS KB gzip', digits: 1 },
        { key: 'rawKb', label: 'JS KB raw', digits: 1 },
        { key: 'chunks', label: 'chunks', digits: 0 },
        { key: 'editor', label: 'editor included' },
      ],
      ratios: [],
      rows,
      notes: [],
    });
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}
