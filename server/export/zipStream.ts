// A zip written to a stream one entry at a time. `add` resolves once the entry is compressed and
// handed on, and the archive only takes more while its reader keeps up (the pipe's backpressure),
// so memory holds one entry at a time however large the zip grows. A failure (of ours, of the
// archiver, or the reader going away) destroys the output: a cut-off download, never a zip that
// looks complete without its files.
import { ZipArchive } from 'archiver';
import type { Writable } from 'node:stream';

export class ZipStream {
  private readonly archive = new ZipArchive({ zlib: { level: 6 } });
  private failure: Error | null = null;
  private waiting: { name: string; resolve(): void; reject(error: Error): void } | null = null;

  constructor(
    private readonly out: Writable,
    /** The modification time of every entry. */
    private readonly date: Date,
  ) {
    this.archive.on('entry', (entry) => {
      const waiting = this.waiting;
      if (waiting?.name === entry.name) {
        this.waiting = null;
        waiting.resolve();
      }
    });
    this.archive.on('error', (error) => this.abort(error));
    // A warning is a missing file or the like: an entry the zip would silently lack.
    this.archive.on('warning', (error) => this.abort(error));
    out.on('close', () => {
      if (!out.writableFinished) this.abort(new Error('The reader closed the zip before its end.'));
    });
    this.archive.pipe(out);
  }

  /** Appends one file; `compress: false` stores it as it is (PDF streams are compressed). */
  add(name: string, body: Buffer | string, compress = true): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { name, resolve, reject };
      this.archive.append(body, { name, date: this.date, store: !compress });
    });
  }

  /** Writes the central directory and ends the output: only now is the zip complete. */
  async finish(): Promise<void> {
    this.throwIfFailed();
    await this.archive.finalize();
    // The reader may have gone while the central directory was written.
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Stops writing and cuts the output off; the reader sees an incomplete transfer. */
  abort(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.waiting?.reject(error);
    this.waiting = null;
    this.archive.abort();
    this.out.destroy();
  }
}
