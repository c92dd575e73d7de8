import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { FileDocumentStore } from '../../../server/documents/fileStore';
import { StorageWriteError } from '../../../server/errors';
import { smallDisk } from '../../support/smallDisk';

// Invariant 4 for documents on the embedded engine: a disk that fills during an upload leaves no
// file behind and fails with StorageWriteError (503); once there is room the next upload works,
// without a restart.

const MIB = 1024 * 1024;

function everyFile(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('documents under DATA_DIR on a full disk', () => {
  const disk = smallDisk(1 * MIB, 'documents, full disk');
  afterAll(() => disk.remove());

  it('stores nothing of an upload the disk cannot hold, and works again once there is room', async () => {
    const store = await FileDocumentStore.open(disk.dir);
    const kept = await store.put(Readable.from([Buffer.alloc(64 * 1024, 1)]), {
      maxBytes: 20 * MIB,
    });
    const before = everyFile(disk.dir);
    disk.limit(process.pid);
    let failure: unknown;
    try {
      await store.put(Readable.from([Buffer.alloc(2 * MIB, 2)]), { maxBytes: 20 * MIB });
    } catch (error) {
      failure = error;
    } finally {
      disk.free(process.pid);
    }
    expect(failure).toBeInstanceOf(StorageWriteError);
    expect(['ENOSPC', 'EFBIG']).toContain((failure as StorageWriteError).code);
    expect(everyFile(disk.dir)).toEqual(before);

    const later = await store.put(Readable.from([Buffer.alloc(2 * MIB, 3)]), {
      maxBytes: 20 * MIB,
    });
    expect(later.size).toBe(2 * MIB);
    for (const id of [kept.id, later.id]) await store.delete(id);
    expect(everyFile(disk.dir)).toEqual([]);
  });

  it('throws away what an earlier process left half-written', async () => {
    const store = await FileDocumentStore.open(disk.dir);
    const left = path.join(store.dir, '.incoming', 'x.part');
    fs.writeFileSync(left, 'half');
    await FileDocumentStore.open(disk.dir);
    expect(fs.existsSync(left)).toBe(false);
  });
});
