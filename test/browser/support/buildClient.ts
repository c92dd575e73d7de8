import path from 'node:path';
import { build } from 'vite';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** The browser tests run against the built client that the real server serves: build it once. */
export default async function buildClient() {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build; test what
  // ships instead, and leave dist/client as `npm run build` would.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(repoRoot, 'vite.config.ts'),
      root: path.join(repoRoot, 'client'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
