import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendThroughOpenFile } from '../../../server/db/openFileAppends';

type Store = Datastore<Record<string, unknown>>;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'open-file-appends-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const OPTIONS = { compactAfterBytes: 1 << 30 };

async function openStore(file: string) {
  const store: Store = new Datastore({ filename: file });
  const appender = appendThroughOpenFile(store, OPTIONS);
  await store.loadDatabaseAsync();
  return { store, appender, close: () => appender.close() };
}

async function idsIn(file: string): Promise<string[]> {
  const fresh: Store = new Datastore({ filename: file });
  await fresh.loadDatabaseAsync();
  const docs = await fresh.findAsync({}).sort({ _id: 1 });
  return docs.map((doc) => String(doc._id));
}

describe('NeDB appends through an open file', () => {
  it('writes NeDB’s own lines, dates included, that a plain NeDB reads back', async () => {
    const file = path.join(dir, 'things.db');
    const { store, close } = await openStore(file);
    const at = new Date('2026-11-24T10:00:00Z');
    await store.insertAsync({ _id: 'a', at, text: 'rivi\nja "lainaus"' });
    await store.updateAsync({ _id: 'a' }, { $set: { text: 'muutettu' } });
    await store.insertAsync({ _id: 'b', n: 2 });
    await store.removeAsync({ _id: 'b' }, {});
    await close();

    const fresh: Store = new Datastore({ filename: file });
    await fresh.loadDatabaseAsync();
    const docs = await fresh.findAsync({});
    expect(docs).toEqual([{ _id: 'a', at, text: 'muutettu' }]);
  });

  it('keeps appending to the live file after a compaction renamed a new one over it', async () => {
    const file = path.join(dir, 'things.db');
    const { store, close } = await openStore(file);
    await store.insertAsync({ _id: 'before' });
    await store.compactDatafileAsync();
    await store.insertAsync({ _id: 'after' });
    // Without closing first: what a killed process leaves behind.
    expect(await idsIn(file)).toEqual(['after', 'before']);
    await close();
  });

  it('has every acknowledged insert on disk when the process is killed', async () => {
    const file = path.join(dir, 'killed.db');
    // A child inserts, reports each acknowledged insert, and is then SIGKILLed mid-stream.
    const script = `
      const Datastore = require('@seald-io/nedb');
      const { appendThroughOpenFile } = require(${JSON.stringify(path.resolve('server/db/openFileAppends.ts'))});
      (async () => {
        const store = new Datastore({ filename: ${JSON.stringify(file)} });
        appendThroughOpenFile(store, { compactAfterBytes: 1 << 30 });
        await store.loadDatabaseAsync();
        for (let i = 0; i < 200; i++) {
          await store.insertAsync({ _id: String(i).padStart(3, '0') });
          process.stdout.write(i + '\\n');
          if (i === 150) process.kill(process.pid, 'SIGKILL');
        }
      })();
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      encoding: 'utf8',
    });
    expect(child.signal).toBe('SIGKILL');
    const acknowledged = child.stdout.trim().split('\n').length;
    expect(acknowledged).toBe(151);
    const ids = await idsIn(file);
    expect(ids.length).toBeGreaterThanOrEqual(acknowledged);
    expect(ids.slice(0, acknowledged)).toEqual(
      Array.from({ length: acknowledged }, (_, i) => String(i).padStart(3, '0')),
    );
  });

  it('acknowledges a write only after an fdatasync that covers it', async () => {
    const { store, appender, close } = await openStore(path.join(dir, 'synced.db'));
    for (let i = 0; i < 5; i++) {
      await store.insertAsync({ _id: `one-by-one-${i}` });
      await appender.flush();
      // One at a time, each write needs a sync of its own before it may be reported stored.
      expect(appender.stats).toMatchObject({ appends: i + 1, syncs: i + 1 });
    }
    await close();
  });

  it('syncs writes that arrive together once (group commit)', async () => {
    const { store, appender, close } = await openStore(path.join(dir, 'grouped.db'));
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        await store.insertAsync({ _id: `together-${i}` });
        await appender.flush();
      }),
    );
    expect(appender.stats.appends).toBe(100);
    expect(appender.stats.syncs).toBeGreaterThanOrEqual(1);
    expect(appender.stats.syncs).toBeLessThanOrEqual(2);
    await close();
  });
});
