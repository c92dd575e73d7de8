// What the embedded engine accepts when it starts on its data files. A write cut short (a full
// disk, a file size limit, a crash or power loss in the middle of write(2)) can only leave damage
// at the very end of a file, and a write that did not finish was never acknowledged: that tail is
// dropped, and the log says how much. Damage anywhere else is not ours to guess about: start-up
// stops with the file, the line and what to do. (NeDB on its own dropped up to 10 % of any
// file's lines without a word, and refused small files with a cut-off last line.)
import fs from 'node:fs/promises';
import readline from 'node:readline';
import { createReadStream } from 'node:fs';
import { deserialize } from './nedbInternals';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

export interface DroppedTail {
  file: string;
  /** Where the dropped bytes started. */
  offset: number;
  bytes: number;
  /** Whether the dropped line ended in a newline (a whole line that does not parse). */
  terminated: boolean;
}

/**
 * Cut off `file`'s last line when a write left it unfinished: no newline at its end, or a final
 * line that is not a document. Returns what was dropped, or null when the end is whole.
 */
export async function dropTornTail(file: string): Promise<DroppedTail | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r+');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0) return null;
    const lastByte = Buffer.alloc(1);
    await handle.read(lastByte, 0, 1, size - 1);
    const terminated = lastByte[0] === NEWLINE;
    // The final line starts after the newline before it (a terminated line's own newline aside).
    const lineStart = (await lastNewlineBefore(handle, terminated ? size - 1 : size)) + 1;
    if (terminated) {
      const line = Buffer.alloc(size - 1 - lineStart);
      await handle.read(line, 0, line.length, lineStart);
      if (line.length === 0 || parses(line.toString('utf8'))) return null;
    }
    await handle.truncate(lineStart);
    await handle.sync();
    return { file, offset: lineStart, bytes: size - lineStart, terminated };
  } finally {
    await handle.close();
  }
}

/** The offset of the last newline before `end`, or -1 when there is none. */
async function lastNewlineBefore(handle: fs.FileHandle, end: number): Promise<number> {
  const buffer = Buffer.alloc(CHUNK);
  for (let stop = end; stop > 0; stop -= CHUNK) {
    const start = Math.max(0, stop - CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, stop - start, start);
    const found = buffer.subarray(0, bytesRead).lastIndexOf(NEWLINE);
    if (found !== -1) return start + found;
  }
  return -1;
}

function parses(line: string): boolean {
  try {
    deserialize(line);
    return true;
  } catch {
    return false;
  }
}

/** A data file damaged before its end: the embedded engine does not start on it. */
export class DataFileDamagedError extends Error {
  override name = 'DataFileDamagedError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly offset: number,
    readonly damagedLines: number,
  ) {
    super(
      `${file}: line ${line} (at byte ${offset}) is not a readable document` +
        (damagedLines > 1 ? `, and ${damagedLines - 1} more line(s) after it are not either` : '') +
        `. The server does not start on damaged data. Stop here and keep a copy of the data ` +
        `directory as it is. Then restore it from a backup, or, losing only what that line ` +
        `held, delete the line (sed -i '${line}d' '${file}') and start the server again.`,
    );
  }
}

/** Find the first line of `file` that is not a document, for an error that names it. */
export async function findDamage(file: string): Promise<DataFileDamagedError | null> {
  const lines = readline.createInterface({
    input: createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  let number = 0;
  let offset = 0;
  let first: { line: number; offset: number } | null = null;
  let damaged = 0;
  for await (const line of lines) {
    number += 1;
    if (line !== '' && !parses(line)) {
      first ??= { line: number, offset };
      damaged += 1;
    }
    offset += Buffer.byteLength(line, 'utf8') + 1;
  }
  return first ? new DataFileDamagedError(file, first.line, first.offset, damaged) : null;
}
