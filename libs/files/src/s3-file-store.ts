import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  type S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Measure, SHA256, type FileStore, type StoredFile } from './file-store.js';

export interface S3FileStoreOptions {
  bucket: string;
  /** Keys start with it (`berkas/` gives `berkas/objects/<sha256>`); empty for the bucket's root. */
  prefix: string;
  /** Server-side encryption the store applies at rest (`AES256`, `aws:kms`), where it offers it. */
  serverSideEncryption?: ServerSideEncryption;
}

const missing = (e: unknown) =>
  e instanceof NotFound || e instanceof NoSuchKey || (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

/**
 * Files in an S3-compatible bucket (production): `<prefix>objects/<sha256>`.
 * The bytes stream to `<prefix>incoming/<uuid>` in parts (multipart upload,
 * a few parts in memory at most), hashed on the way; the finished object is
 * then copied under its hash and the incoming one deleted. An abandoned or
 * refused upload leaves nothing under `objects/`.
 */
export class S3FileStore implements FileStore {
  constructor(
    private readonly s3: S3Client,
    private readonly o: S3FileStoreOptions,
  ) {}

  private key(sha256: string): string {
    return `${this.o.prefix}objects/${sha256}`;
  }

  async put(content: NodeJS.ReadableStream, o: { maxBytes: number }): Promise<StoredFile> {
    const measure = new Measure(o.maxBytes);
    const body = new PassThrough();
    content.on('error', (e) => measure.destroy(e));
    content.pipe(measure).pipe(body);
    measure.on('error', (e) => body.destroy(e));
    const incoming = `${this.o.prefix}incoming/${randomUUID()}`;
    const sse = this.o.serverSideEncryption ? { ServerSideEncryption: this.o.serverSideEncryption } : {};
    const upload = new Upload({
      client: this.s3,
      params: { Bucket: this.o.bucket, Key: incoming, Body: body, ...sse },
      queueSize: 2,
      partSize: 5 * 1024 * 1024,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
      const sha256 = measure.digest();
      // Copied even when the object is there: its time is refreshed, so the sweep's grace period starts again.
      await this.s3.send(
        new CopyObjectCommand({ Bucket: this.o.bucket, CopySource: `${this.o.bucket}/${incoming}`, Key: this.key(sha256), ...sse }),
      );
      return { sha256, size: measure.size };
    } finally {
      await this.s3.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: incoming })).catch(() => undefined);
    }
  }

  async get(sha256: string): Promise<Readable | undefined> {
    if (!SHA256.test(sha256)) return undefined;
    try {
      const r = await this.s3.send(new GetObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
      return r.Body as Readable;
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  }

  /** The object's metadata, or undefined when the store has no such file. */
  private async head(sha256: string) {
    if (!SHA256.test(sha256)) return undefined;
    try {
      return await this.s3.send(new HeadObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
    } catch (e) {
      if (missing(e)) return undefined;
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return (await this.head(sha256)) !== undefined;
  }

  async delete(sha256: string, o: { storedBefore?: Date } = {}): Promise<boolean> {
    const head = await this.head(sha256);
    if (!head || (o.storedBefore && (!head.LastModified || head.LastModified >= o.storedBefore))) return false;
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: this.key(sha256) }));
    return true;
  }

  async clearIncoming(before: Date): Promise<number> {
    let cleared = 0;
    for await (const o of this.objects('incoming/'))
      if (o.LastModified && o.LastModified < before) {
        await this.s3.send(new DeleteObjectCommand({ Bucket: this.o.bucket, Key: o.Key }));
        cleared++;
      }
    return cleared;
  }

  /** The objects under the prefix's `under` folder, page by page. */
  private async *objects(under: string) {
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.o.bucket, Prefix: `${this.o.prefix}${under}`, ContinuationToken: token }),
      );
      yield* page.Contents ?? [];
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async *list(): AsyncIterable<{ sha256: string; storedAt: Date }> {
    for await (const o of this.objects('objects/')) {
      const sha256 = (o.Key ?? '').slice(`${this.o.prefix}objects/`.length);
      if (SHA256.test(sha256)) yield { sha256, storedAt: o.LastModified ?? new Date(0) };
    }
  }
}
