import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { payloadTooLarge } from '../errors';
import type { PutOptions } from './store';

/**
 * A pass-through that counts and hashes the bytes on their way to a store, refuses a stream over
 * the limit as soon as it passes it, and holds back the first bytes until `checkHead` accepted
 * them, so a refused type never reaches the store at all.
 */
export class UploadGuard extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private head: Buffer[] | null = [];
  private headLength = 0;

  constructor(private readonly options: PutOptions) {
    super();
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.options.maxBytes) {
      callback(
        payloadTooLarge(
          `The file is larger than ${Math.floor(this.options.maxBytes / (1024 * 1024))} MB.`,
        ),
      );
      return;
    }
    this.hash.update(chunk);
    if (!this.head) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < (this.options.headBytes ?? 0)) {
      callback();
      return;
    }
    callback(this.releaseHead());
  }

  override _flush(callback: TransformCallback) {
    callback(this.head ? this.releaseHead() : null);
  }

  /** Check the held-back bytes and pass them on; an error refuses the stream. */
  private releaseHead(): Error | null {
    const held = Buffer.concat(this.head ?? []);
    this.head = null;
    try {
      this.options.checkHead?.(held.subarray(0, this.options.headBytes ?? held.length));
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
    if (held.length > 0) this.push(held);
    return null;
  }
}
