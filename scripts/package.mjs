// `node scripts/package.mjs DIR [--offline]`: the installable artefact in DIR, as a container image's
// build stage or an operator would make it: the build (dist), package.json, package-lock.json, the
// start script and LICENSE, then `npm ci --omit=dev` in DIR. DIR then runs with
// `node dist/server/main.js` (or `npm start`) and holds no sources, tests or build tools. The
// production build test runs this same script.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const FILES = ['package.json', 'package-lock.json', 'LICENSE', 'scripts/start.mjs'];

const args = process.argv.slice(2);
const target = args.find((arg) => !arg.startsWith('--'));
if (!target) {
  console.error('usage: node scripts/package.mjs DIR [--offline]');
  process.exit(2);
}
const outDir = path.resolve(target);
await build({ outDir: path.join(outDir, 'dist') });
for (const file of FILES) {
  mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
  copyFileSync(path.join(root, file), path.join(outDir, file));
}
// --ignore-scripts: no production dependency needs an install script (argon2 ships prebuilt
// binaries as optional packages); --offline installs from the npm cache only.
const npm = spawnSync(
  'npm',
  [
    'ci',
    '--omit=dev',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    ...(args.includes('--offline') ? ['--offline'] : []),
  ],
  { cwd: outDir, stdio: 'inherit' },
);
process.exit(npm.status ?? 1);
