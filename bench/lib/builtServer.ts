// Ours runs in the benchmark as production runs it: bundled by the production build's esbuild
// step and started with plain node, so restart time and memory are those of `npm start`.
import path from 'node:path';
import { bundleServer } from '../../scripts/build.mjs';
import { ROOT } from './child';

/** Inside node_modules, so the bundle's npm imports resolve exactly as the source's do. */
const OUT_DIR = path.join(ROOT, 'node_modules/.cache/neuvottelu-bench');
export const BUILT_OURS = path.relative(ROOT, path.join(OUT_DIR, 'ours.js'));

let built: Promise<void> | null = null;

/** Bundles bench/servers/ours.ts once per run. */
export function buildOurs(): Promise<void> {
  built ??= bundleServer({
    entryPoints: { ours: 'bench/servers/ours.ts' },
    outdir: OUT_DIR,
    logLevel: 'warn',
  });
  return built;
}
