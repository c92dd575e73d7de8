// `npm start` and `npm run admin`: run the built server (or admin CLI) with plain node, building it
// first when dist is missing or older than the sources. An installed artefact (dist without the
// sources, production dependencies only) just runs. The build runs in a child process so that
// Vite and esbuild never stay in the server's memory.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const STAMP = '.built'; // scripts/build.mjs writes it last; not imported, that would load Vite
const SOURCES = [
  'server',
  'shared',
  'client',
  'package.json',
  'package-lock.json',
  'vite.config.ts',
  'scripts/build.mjs',
];

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The newest modification time of a file or anything under a folder. */
function newest(file) {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(file, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .reduce((max, entry) => Math.max(max, newest(path.join(file, entry.name))), stat.mtimeMs);
}

function needsBuild() {
  const built = mtime(path.join(dist, STAMP));
  if (mtime(path.join(root, 'server')) === null) {
    if (built === null) throw new Error(`${dist} is not a complete build and there are no sources`);
    return false;
  }
  return built === null || SOURCES.some((source) => newest(path.join(root, source)) > built);
}

const [entry = 'main', ...given] = process.argv.slice(2);
// `npm start` on a developer's machine seeds the demo unless SEED_DEMO says otherwise; a server
// others can reach ignores the switch (server/seed/firstRun.ts). Deployments run without --demo.
const args = given.filter((arg) => arg !== '--demo');
if (args.length !== given.length) process.env.SEED_DEMO ??= 'true';
if (entry !== 'main' && entry !== 'admin') {
  console.error(`usage: node scripts/start.mjs [main|admin] [arguments]`);
  process.exit(2);
}
if (needsBuild()) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
const file = path.join(dist, 'server', `${entry}.js`);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
