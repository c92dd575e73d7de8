import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertPinnedNedb, NEDB_VERSION } from '../../../server/db/nedbInternals';

// The embedded engine reaches into NeDB's private parts through one seam, written against one
// exact version: package.json must pin that version without a range, and it must be installed.

const root = path.resolve(import.meta.dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('the NeDB seam', () => {
  it('is pinned in package.json to exactly the version its internals were read for', () => {
    expect(manifest.dependencies['@seald-io/nedb']).toBe(NEDB_VERSION);
  });

  it('runs on the installed NeDB', () => {
    expect(() => assertPinnedNedb()).not.toThrow();
  });

  it('is the only module that reaches NeDB internals (its lib/ files, or a cast to its private fields)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !entry.name.startsWith('nedbInternals')) {
          const text = fs.readFileSync(file, 'utf8');
          if (
            /@seald-io\/nedb\/lib\/|as unknown as \{\s*(persistence|executor)|as unknown as Nedb/.test(
              text,
            )
          )
            offenders.push(path.relative(root, file));
        }
      }
    };
    walk(path.join(root, 'server'));
    expect(offenders.filter((file) => !file.endsWith('.d.ts'))).toEqual([]);
  });
});
