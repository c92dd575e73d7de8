// `npm run build`: the client with Vite into dist/client, the server and the admin CLI with esbuild
// into dist/server. esbuild bundles our TypeScript (server/ and shared/) into two ES modules and
// leaves every npm package as an import, resolved from node_modules at run time: pdfkit and the
// DejaVu fonts read their files beside their own package, and `npm ci --omit=dev` installs exactly
// what those imports need. Types are checked by `npm run typecheck`, not here.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
export const BUILT_STAMP = '.built';

/** Builds into `outDir` (dist by default): `outDir/client` and `outDir/server/{main,admin}.js`. */
export async function build({ outDir = path.join(root, 'dist'), logLevel = 'warn' } = {}) {
  await buildClient({ outDir: path.join(outDir, 'client'), logLevel });
  await rm(path.join(outDir, 'server'), { recursive: true, force: true });
  await bundleServer({
    entryPoints: { main: 'server/main.ts', admin: 'server/cli/admin.ts' },
    outdir: path.join(outDir, 'server'),
    logLevel,
  });
  // Written last: `npm start` rebuilds when a source is newer than this, or when it is missing
  // because a build stopped half-way.
  await writeFile(path.join(outDir, BUILT_STAMP), `${new Date().toISOString()}\n`);
}

/** The client with Vite's production build (the browser tests build it this way too). */
export async function buildClient({
  outDir = path.join(root, 'dist/client'),
  logLevel = 'warn',
} = {}) {
  const { build: viteBuild } = await import('vite');
  // Vite bundles React's development build unless NODE_ENV says production (a test runner sets test).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await viteBuild({
      configFile: path.join(root, 'vite.config.ts'),
      root: path.join(root, 'client'),
      mode: 'production',
      logLevel,
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

/**
 * Bundles TypeScript entry points the way production runs them. The benchmark bundles its wrapper
 * of the server with this too, so its start-up time and memory are those of the built server.
 * `outdir` must lie inside the project: the bundle's npm imports resolve from node_modules above it.
 */
export async function bundleServer({ entryPoints, outdir, logLevel = 'warn' }) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    // Modules loaded with import() (the engine not chosen, Redis, pdfkit) become their own
    // chunks, so their npm packages load only when used.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'node20.19',
    sourcemap: true,
    logLevel: logLevel === 'silent' ? 'silent' : 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await build();
