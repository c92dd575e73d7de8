import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    tempRoot: string;
  }
}

/**
 * One temporary directory per test project and run, for the data directories the tests make
 * (test/support/engines.ts); removed with everything in it when the run ends, failed or not.
 */
export default function setup(project: TestProject) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `neuvottelu-${project.name}-`));
  project.provide('tempRoot', root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
