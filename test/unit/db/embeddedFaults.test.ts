// The embedded engine when the disk says no: a refused write leaves nothing behind (in memory or
// on the file) and is reported, writes work again once there is room, start-up repairs only a
// last line cut short, and the files are compacted while writes race the compaction.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import Datastore from '@seald-io/nedb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EmbeddedDatabase } from '../../../server/db/embedded';
import { DataFileDamagedError } from '../../../server/db/dataFileCheck';
import { insertIfAbsent } from '../../../server/db/insertIfAbsent';
import { StorageWriteError } from '../../../server/errors';
import { createLogger } from '../../../server/logger';
import { smallDisk } from '../../support/smallDisk';

interface Thing {
  _id: string;
  text: string;
  n?: number;
  writer?: number;
}

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n'))
          if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        callback();
      },
    }),
  );
  return { logger, lines, messages: () => lines.map((line) => String(line.msg)) };
}

/** What a plain NeDB reads from `file` right now: what a process killed at this moment leaves. */
async function onDisk(file: string): Promise<Map<string, unknown>> {
  // Beside the test's other files, not on a disk that may be full.
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'on-disk-')), 'copy.db');
  fs.copyFileSync(file, copy);
  try {
    const plain = new Datastore<Record<string, unknown>>({ filename: copy });
    await plain.loadDatabaseAsync();
    const docs = await plain.findAsync({});
    return new Map(docs.map((doc) => [String(doc._id), doc]));
  } finally {
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

function wholeLines(file: string): string[] {
  const content = fs.readFileSync(file, 'utf8');
  expect(content.endsWith('\n')).toBe(true);
  const lines = content.split('\n').slice(0, -1);
  for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  return lines;
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-faults-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('a full disk', () => {
  const disk = smallDisk(256 * 1024, 'embedded engine, full disk');
  afterAll(() => disk.remove());

  it('refuses the write, keeps nothing of it, and takes it once there is room', async () => {
    const { logger, messages } = logSink();
    let db = await EmbeddedDatabase.open(disk.dir, { logger, compactAfterBytes: 1 << 30 });
    let things = db.collection<Thing>('things');
    const file = path.join(disk.dir, 'things.db');
    const text = (i: number) => `${'Kokouksen muistio. '.repeat(150)}${i}`;
    const acknowledged: string[] = [];
    let refused: unknown = null;
    let refusedId = '';
    disk.limit(process.pid);
    try {
      for (let i = 0; refused === null; i++) {
        if (i > 1000) throw new Error('the disk never filled up');
        try {
          await things.insertOne({ _id: `doc-${i}`, text: text(i) });
          acknowledged.push(`doc-${i}`);
        } catch (error) {
          refused = error;
          refusedId = `doc-${i}`;
        }
      }
      expect(refused).toBeInstanceOf(StorageWriteError);
      expect(['ENOSPC', 'EFBIG']).toContain((refused as StorageWriteError).code);
      // Not in memory: the retried unique-key insert is refused again, not "taken by someone".
      expect(await things.findOne({ _id: refusedId })).toBeNull();
      const retry = { _id: refusedId, text: text(Number(refusedId.slice(4))) };
      await expect(insertIfAbsent(things, retry)).rejects.toThrow(StorageWriteError);
      // Up to the last byte, so that even the smallest line no longer fits.
      for (let i = 0; ; i++) {
        try {
          await things.insertOne({ _id: `t${i}`, text: '' });
          acknowledged.push(`t${i}`);
        } catch {
          break;
        }
      }
      await expect(
        things.updateOne({ _id: 'doc-0' }, { $set: { text: 'muutettu' } }),
      ).rejects.toThrow(StorageWriteError);
      expect((await things.findOne({ _id: 'doc-0' }))?.text).toBe(text(0));
      await expect(things.deleteOne({ _id: 'doc-1' })).rejects.toThrow(StorageWriteError);
      expect(await things.findOne({ _id: 'doc-1' })).not.toBeNull();
      await expect(
        things.findOneAndUpdate({ _id: 'upserted' }, { $set: { text: 'uusi' } }, { upsert: true }),
      ).rejects.toThrow(StorageWriteError);
      expect(await things.findOne({ _id: 'upserted' })).toBeNull();

      // The file holds whole lines only, and exactly what was acknowledged.
      expect(wholeLines(file)).toHaveLength(acknowledged.length);
      expect([...(await onDisk(file)).keys()].sort()).toEqual([...acknowledged].sort());
      expect(await things.countDocuments({})).toBe(acknowledged.length);

      // A restart on the disk still full: it starts, though loading could not compact (on tmpfs
      // there is no room for the new file), and leaves no temporary file behind.
      await db.close();
      db = await EmbeddedDatabase.open(disk.dir, { logger, compactAfterBytes: 1 << 30 });
      things = db.collection<Thing>('things');
      expect(await things.countDocuments({})).toBe(acknowledged.length);
      expect(fs.readdirSync(disk.dir).filter((name) => name.endsWith('~'))).toEqual([]);
      if (disk.mechanism === 'tmpfs')
        expect(messages()).toContain(
          'could not compact a data file; it stays as it was and is tried again later',
        );
    } finally {
      disk.free(process.pid);
    }

    // Room again: the same key goes in, without a restart.
    expect(
      await insertIfAbsent(things, { _id: refusedId, text: text(Number(refusedId.slice(4))) }),
    ).toBe(true);
    await things.updateOne({ _id: 'doc-0' }, { $set: { text: 'muutettu' } });
    await db.close();

    const reopened = await EmbeddedDatabase.open(disk.dir, { logger });
    const again = reopened.collection<Thing>('things');
    const ids = (await again.find({})).map((doc) => doc._id).sort();
    expect(ids).toEqual([...acknowledged, refusedId].sort());
    expect((await again.findOne({ _id: 'doc-0' }))?.text).toBe('muutettu');
    await reopened.close();
  }, 60_000);
});

describe('starting on damaged files', () => {
  async function writeThings(dir: string, count: number): Promise<string> {
    const db = await EmbeddedDatabase.open(dir, { logger: logSink().logger });
    const things = db.collection<Thing>('things');
    for (let i = 0; i < count; i++) await things.insertOne({ _id: `doc-${i}`, text: `rivi ${i}` });
    await db.close();
    return path.join(dir, 'things.db');
  }

  it('drops a last line a write cut short, and says which file and how many bytes', async () => {
    const dir = tempDir();
    const file = await writeThings(dir, 3);
    const torn = '{"_id":"torn","text":"Keskusta ehdot';
    fs.appendFileSync(file, torn);
    const { logger, lines } = logSink();
    const db = await EmbeddedDatabase.open(dir, { logger });
    const things = db.collection<Thing>('things');
    expect((await things.find({})).map((doc) => doc._id).sort()).toEqual([
      'doc-0',
      'doc-1',
      'doc-2',
    ]);
    const warning = lines.find((line) => String(line.msg).includes('unfinished last line'));
    expect(warning).toMatchObject({ file, bytes: Buffer.byteLength(torn), terminated: false });
    // Writes go on after the repaired end, on a line of their own.
    await things.insertOne({ _id: 'doc-3', text: 'rivi 3' });
    expect(wholeLines(file)).toHaveLength(4);
    await db.close();
  });

  it('drops a last line that ended but is not a document (what power loss can leave)', async () => {
    const dir = tempDir();
    const file = await writeThings(dir, 2);
    fs.appendFileSync(file, '\u0000\u0000{"_id":"x"\n');
    const { logger, lines } = logSink();
    const db = await EmbeddedDatabase.open(dir, { logger });
    expect(await db.collection<Thing>('things').countDocuments({})).toBe(2);
    expect(lines.find((line) => String(line.msg).includes('unfinished last line'))).toMatchObject({
      terminated: true,
    });
    await db.close();
  });

  it('refuses to start on damage before the end, naming file and line, and changes nothing', async () => {
    const dir = tempDir();
    const file = await writeThings(dir, 4);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[1] = '{"_id":"doc-1","text":"rik';
    fs.writeFileSync(file, lines.join('\n'));
    const before = fs.readFileSync(file);

    const failure = await EmbeddedDatabase.open(dir, { logger: logSink().logger }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(DataFileDamagedError);
    const message = (failure as Error).message;
    expect(message).toContain(file);
    expect(message).toContain('line 2');
    expect(message).toContain(`sed -i '2d' '${file}'`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);

    // The advice works, and the failed start left the directory unlocked.
    fs.writeFileSync(file, lines.filter((_, i) => i !== 1).join('\n'));
    const db = await EmbeddedDatabase.open(dir, { logger: logSink().logger });
    expect(await db.collection<Thing>('things').countDocuments({})).toBe(3);
    await db.close();
  });
});

describe('compaction while running', () => {
  it('keeps every append that races it, and the file far below what was appended', async () => {
    const dir = tempDir();
    const { logger, messages } = logSink();
    const compactAfterBytes = 16 * 1024;
    const db = await EmbeddedDatabase.open(dir, { logger, compactAfterBytes });
    const log = db.collection<Thing>('log');
    const file = path.join(dir, 'log.db');
    // Like rooms: writers append entries and now and then delete what a snapshot replaced.
    let written = 0;
    const writers = Array.from({ length: 8 }, async (_, writer) => {
      for (let n = 0; n < 150; n++) {
        const entry = { _id: `w${writer}-${n}`, text: 'päivitys '.repeat(20), writer, n };
        written += Buffer.byteLength(JSON.stringify(entry)) + 1;
        await log.insertOne(entry);
        if (n % 10 === 9) await log.deleteMany({ writer, n: { $lt: n - 2 } });
      }
    });
    let largest = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        if (fs.existsSync(file)) largest = Math.max(largest, fs.statSync(file).size);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(writers);
    sampling = false;
    await sampler;

    const compactions = messages().filter((message) => message === 'compacted a data file');
    const live = await log.find({});
    // What a kill -9 now would leave is exactly what the store holds.
    const disk = await onDisk(file);
    expect([...disk.keys()].sort()).toEqual(live.map((doc) => doc._id).sort());
    const finalBytes = fs.statSync(file).size;
    console.log(
      `compaction while running: ${compactions.length} compactions; ${written} bytes of entries ` +
        `appended, the file at most ${largest} bytes, ${finalBytes} at the end`,
    );
    expect(compactions.length).toBeGreaterThan(2);
    // Compacted by size, the file stays far below what was appended to it.
    expect(largest).toBeLessThan(written / 4);
    await db.close();
  }, 60_000);
});

describe('the data directory lock within one process', () => {
  it('refuses a second database on the same directory, naming this process', async () => {
    const dir = tempDir();
    const first = await EmbeddedDatabase.open(dir, { logger: logSink().logger, owner: 'server' });
    const second = await EmbeddedDatabase.open(dir, { logger: logSink().logger }).then(
      () => null,
      (error: unknown) => error as Error,
    );
    expect(second?.message).toContain(`the Neuvottelu server with pid ${process.pid}`);
    await first.close();
    const third = await EmbeddedDatabase.open(dir, { logger: logSink().logger });
    await third.close();
  });
});

describe('the readiness ping', () => {
  it('is a round trip through the engine, not a look at the directory', async () => {
    const dir = tempDir();
    const db = await EmbeddedDatabase.open(dir, { logger: logSink().logger });
    await db.ping();
    expect(fs.existsSync(path.join(dir, 'users.db'))).toBe(true);
    await db.close();
    // The directory is still there; the engine no longer answers, and /readyz must say so.
    expect(fs.existsSync(dir)).toBe(true);
    await expect(db.ping()).rejects.toThrow(/closed/);
  });
});
