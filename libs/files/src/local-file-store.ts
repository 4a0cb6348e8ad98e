import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { clearOlderThan, Measure, SHA256, type FileStore, type StoredFile } from './file-store.js';

/**
 * Files under a folder of the data directory (the embedded default):
 * `objects/ab/abcdef...` by hash, owner-only like the database (folders 0700,
 * files 0600). A file is written under `incoming/`, flushed to disk, then
 * renamed into place, so a crash leaves no half file under its hash.
 */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private path(sha256: string): string {
    return join(this.root, 'objects', sha256.slice(0, 2), sha256);
  }

  async put(content: NodeJS.ReadableStream, o: { maxBytes: number }): Promise<StoredFile> {
    // Taken in at once (before any await), so an error of the content is this upload's, never an unhandled one.
    const measure = new Measure(o.maxBytes);
    let failed: Error | undefined;
    measure.on('error', (e) => (failed ??= e));
    content.on('error', (e) => measure.destroy(e));
    content.pipe(measure);
    const incoming = join(this.root, 'incoming');
    const temp = join(incoming, randomUUID());
    try {
      await mkdir(incoming, { recursive: true, mode: 0o700 });
      if (failed) throw failed;
      await pipeline(measure, createWriteStream(temp, { mode: 0o600 }));
      const handle = await open(temp, 'r');
      await handle.sync();
      await handle.close();
      const sha256 = measure.digest();
      const final = this.path(sha256);
      await mkdir(join(final, '..'), { recursive: true, mode: 0o700 });
      await rename(temp, final);
      const dir = await open(join(final, '..'), 'r');
      await dir.sync().finally(() => dir.close());
      return { sha256, size: measure.size };
    } finally {
      await rm(temp, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!(await this.has(sha256))) return undefined;
    return createReadStream(this.path(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    return stat(this.path(sha256)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async delete(sha256: string, o: { storedBefore?: Date } = {}): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    const stored = await stat(this.path(sha256)).catch(() => undefined);
    if (!stored || (o.storedBefore && stored.mtime >= o.storedBefore)) return false;
    await rm(this.path(sha256), { force: true });
    return true;
  }

  clearIncoming(before: Date): Promise<number> {
    return clearOlderThan(join(this.root, 'incoming'), before);
  }

  async *list(): AsyncIterable<{ sha256: string; storedAt: Date }> {
    const objects = join(this.root, 'objects');
    const shards = await readdir(objects).catch(() => [] as string[]);
    for (const shard of shards)
      for (const name of await readdir(join(objects, shard)).catch(() => [] as string[]))
        if (SHA256.test(name)) yield { sha256: name, storedAt: (await stat(join(objects, shard, name))).mtime };
  }
}
