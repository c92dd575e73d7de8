import path from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

// The import graph has no cycles, type-only imports included: a cycle makes the load order
// decide what is defined, and it ties modules together that should change on their own
// (issue 15). madge reads the sources with TypeScript's own parser.

const root = path.resolve(import.meta.dirname, '../../..');

async function cycles(dirs: string[]): Promise<string[][]> {
  const graph = await madge(
    dirs.map((dir) => path.join(root, dir)),
    {
      baseDir: root,
      fileExtensions: ['ts', 'tsx'],
      tsConfig: path.join(root, 'tsconfig.base.json'),
      detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
    },
  );
  return graph.circular();
}

describe('the import graph', () => {
  it('has no cycles in server/, shared/ and client/', async () => {
    expect(await cycles(['server', 'shared', 'client'])).toEqual([]);
  }, 60_000);

  it('would show a cycle if there were one', async () => {
    const found = await cycles(['test/unit/architecture/cycleFixture']);
    expect(found).toEqual([
      ['test/unit/architecture/cycleFixture/a.ts', 'test/unit/architecture/cycleFixture/b.ts'],
    ]);
  }, 60_000);
});
