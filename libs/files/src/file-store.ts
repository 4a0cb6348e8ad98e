import { createHash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * Where a dossier's files live (issue 22): stored by the SHA-256 of their
 * bytes, so the same scan handed in twice is one object and a file's name in
 * an event (`DocumentAttached`) says exactly which bytes it means. A file is
 * written whole before its event is appended; a crash between the two leaves
 * a file no event names, which the sweep removes after a grace period, and
 * never an event naming nothing.
 */
export interface StoredFile {
  /** Hex SHA-256 of the bytes: the file's name in the store. */
  sha256: string;
  size: number;
}

export interface FileStore {
  /**
   * Streams `content` into the store, hashing and counting as it goes;
   * memory stays at the stream's buffers whatever the file's size. Past
   * `maxBytes` the upload is abandoned, nothing is kept, and FileTooLarge is
   * thrown. The same bytes stored twice are one object.
   */
  put(content: NodeJS.ReadableStream, o: { maxBytes: number }): Promise<StoredFile>;
  /** The file's bytes as a stream, or undefined when the store has no such file. */
  get(sha256: string): Promise<Readable | undefined>;
  has(sha256: string): Promise<boolean>;
  /**
   * Deletes the file; with `storedBefore`, only when it was stored (or stored again) before then, so a file a
   * retried upload has just stored again stays. True when a file was deleted.
   */
  delete(sha256: string, o?: { storedBefore?: Date }): Promise<boolean>;
  /** Every file in the store with when it was (last) stored, for the sweep of files no event names. */
  list(): AsyncIterable<{ sha256: string; storedAt: Date }>;
  /** Clears what uploads cut off half-way (a killed process) left before `before`; how many were cleared. */
  clearIncoming(before: Date): Promise<number>;
}

/** More bytes than the limit allows: nothing was stored. */
export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLarge';
  }
}

export const SHA256 = /^[0-9a-f]{64}$/;

/** A pass-through that hashes and counts what flows through it, and fails past `maxBytes`. */
export class Measure extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new FileTooLarge(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Removes the files of `dir` last written before `before` (what a killed upload left); how many. */
export async function clearOlderThan(dir: string, before: Date): Promise<number> {
  let cleared = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const s = await stat(join(dir, name)).catch(() => undefined);
    if (s && s.mtime < before) {
      await rm(join(dir, name), { force: true });
      cleared++;
    }
  }
  return cleared;
}
