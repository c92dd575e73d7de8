import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const apiPort = Number(process.env.API_PORT ?? 3000);
const apiTarget = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
      '/julkinen': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
      '/collab': { target: apiTarget, ws: true },
    },
  },
  test: {
    root: '.',
    // The integration and browser tests mostly wait on servers, a database and Chromium: three
    // files at a time keep two cores busy (vitest's default on two cores is one at a time).
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          globalSetup: ['test/support/tempRoot.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The one shared MongoDB-compatible server of the run.
          globalSetup: ['test/support/tempRoot.ts', 'test/support/globalSetup.ts'],
          include: ['test/contract/**/*.test.ts', 'test/api/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/tempRoot.ts', 'test/browser/support/buildClient.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One Chromium at a time: two cores do not fit more.
          fileParallelism: false,
        },
      },
    ],
  },
});
