import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import sharp from 'sharp';
import { clearOlderThan, Measure, type FileStore, type StoredFile } from './file-store.js';
import type { VirusScanner } from './clamd-scanner.js';

/** The types a dossier's file may be. */
export type UploadType = 'application/pdf' | 'image/jpeg' | 'image/png';

/** What each accepted type's bytes begin with: the type is decided by the content, never by the name or a header alone. */
export const UPLOAD_TYPES: Record<UploadType, { magic: number[]; ext: string }> = {
  'application/pdf': { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], ext: 'pdf' },
  'image/jpeg': { magic: [0xff, 0xd8, 0xff], ext: 'jpg' },
  'image/png': { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: 'png' },
};

export const isUploadType = (t: string): t is UploadType => Object.hasOwn(UPLOAD_TYPES, t);

/**
 * Why an upload was not kept, each a reason the person handing it in can act on (answered as `DOCUMENT.<reason>`):
 * not the declared type by its first bytes; damaged (a PDF qpdf finds damaged, an image that does not decode);
 * an encrypted PDF (even one that opens without a password: the desks could not be sure what they read); a PDF
 * carrying JavaScript or a launch action; found by the virus scanner; or a check that must run could not (qpdf
 * missing, the scanner not answering): refused, never let through unchecked.
 */
export const REFUSAL_REASONS = ['UNSUPPORTED_TYPE', 'BROKEN', 'ENCRYPTED', 'ACTIVE_CONTENT', 'INFECTED', 'CHECK_UNAVAILABLE'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The HTTP status each refusal is answered with: 415 for the type, 503 for a check that could not run, else 422. */
export const REFUSAL_STATUS: Record<RefusalReason, number> = {
  UNSUPPORTED_TYPE: 415,
  BROKEN: 422,
  ENCRYPTED: 422,
  ACTIVE_CONTENT: 422,
  INFECTED: 422,
  CHECK_UNAVAILABLE: 503,
};

export class UploadRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/** Passes the bytes on once their beginning matches the declared type; refuses them otherwise. */
class Sniff extends Transform {
  private head = Buffer.alloc(0);
  private checked = false;

  constructor(private readonly type: UploadType) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.checked) return done(null, chunk);
    this.head = Buffer.concat([this.head, chunk]);
    const want = UPLOAD_TYPES[this.type].magic;
    if (this.head.length < want.length) return done();
    if (!want.every((b, i) => this.head[i] === b)) return done(this.refusal());
    this.checked = true;
    const head = this.head;
    this.head = Buffer.alloc(0);
    done(null, head);
  }

  override _flush(done: TransformCallback): void {
    done(this.checked ? null : this.refusal());
  }

  private refusal() {
    return new UploadRefused('UNSUPPORTED_TYPE', `the content is not ${this.type}`);
  }
}

export interface UploadCheckOptions {
  /** A folder of this machine where an upload is held while it is checked (owner-only; emptied as each upload ends). */
  workDir: string;
  /** The virus scanner every upload goes through before anything else, when one is configured. */
  scanner?: VirusScanner;
  /** The qpdf program (Debian's `qpdf`). */
  qpdf?: string;
  /** PDFs checked at once (each a qpdf process; the rest wait, held on disk). Default: the cores. */
  concurrency?: number;
  /**
   * Images decoded at once (the rest wait, held on disk): the decoding is in this process, so ten photos at once
   * take one photo's worth of memory. Default 1.
   */
  imageConcurrency?: number;
  /** Longest a check may take before the upload is refused (ms). */
  timeoutMs?: number;
}

/**
 * The checks every file goes through before it is kept (issue 22): its type by
 * its first bytes, the whole of it held on this machine's disk (never in
 * memory) up to the size limit, the virus scanner when there is one, then by
 * type: a PDF must pass `qpdf --check`, be unencrypted and carry no
 * JavaScript; an image is decoded and written again without its metadata (no
 * EXIF, so no GPS position, no camera serial), turned upright first. What is
 * kept is the checked (for images, the re-encoded) bytes, stored by their
 * hash.
 */
export class UploadChecks {
  private readonly limit: LimitFunction;
  private readonly imageLimit: LimitFunction;
  private readonly qpdf: string;
  private readonly timeoutMs: number;

  constructor(private readonly o: UploadCheckOptions) {
    mkdirSync(o.workDir, { recursive: true, mode: 0o700 });
    // What an upload killed half-way left here (no upload takes an hour): cleared as the process starts.
    void this.clearLeftovers(new Date(Date.now() - 3600_000));
    this.limit = pLimit(o.concurrency ?? Math.max(1, availableParallelism()));
    this.imageLimit = pLimit(o.imageConcurrency ?? 1);
    this.qpdf = o.qpdf ?? 'qpdf';
    this.timeoutMs = o.timeoutMs ?? 60_000;
    // libvips keeps no decoded images between calls and uses one thread per image: ten uploads stay ten bounded decodes.
    sharp.cache(false);
    sharp.concurrency(1);
  }

  /** Clears what uploads cut off by a killed process left in the work folder before `before`; how many. */
  clearLeftovers(before: Date): Promise<number> {
    return clearOlderThan(this.o.workDir, before);
  }

  /** Receives, checks and stores one upload; UploadRefused or FileTooLarge when it is not kept (nothing is). */
  async accept(content: NodeJS.ReadableStream, type: UploadType, maxBytes: number, store: FileStore): Promise<StoredFile> {
    // Taken in at once (before any await), so an error of the content is this upload's, never an unhandled one.
    // (The request itself is piped, not put in the pipeline: a refusal must not destroy the socket its answer goes on.)
    const sniff = new Sniff(type);
    content.on('error', (e) => sniff.destroy(e));
    content.pipe(sniff);
    const held = join(this.o.workDir, randomUUID());
    const cleaned = `${held}.clean`;
    const received = pipeline(sniff, new Measure(maxBytes), createWriteStream(held, { mode: 0o600 }));
    try {
      await received;
      return await (type === 'application/pdf' ? this.limit : this.imageLimit)(async () => {
        await this.scan(held);
        let keep = held;
        if (type === 'application/pdf') await this.checkPdf(held);
        else {
          await this.reencode(held, cleaned, type);
          keep = cleaned;
        }
        // A re-encoded image can come out a little larger than it went in: the limit applied to what was handed in.
        return store.put(createReadStream(keep), { maxBytes: Math.max(maxBytes * 2, maxBytes + 1_048_576) });
      });
    } finally {
      await Promise.all([rm(held, { force: true }), rm(cleaned, { force: true })]);
    }
  }

  private async scan(path: string): Promise<void> {
    if (!this.o.scanner) return;
    const found = await this.o.scanner.scan(path);
    if (found) throw new UploadRefused('INFECTED', `the virus scanner found ${found}`);
  }

  private async checkPdf(path: string): Promise<void> {
    // `--is-encrypted`: 0 encrypted, 2 not (any other answer is a file qpdf cannot open, which --check names).
    const encrypted = await this.run(['--is-encrypted', path]);
    if (encrypted.code === 0) throw new UploadRefused('ENCRYPTED', 'the PDF is encrypted: save it again without a password or protection');
    const check = await this.run(['--check', path]);
    // 2: errors; 3: warnings, of which a damaged file (a cross-reference table rebuilt, the end cut off) is refused too.
    if (check.code === 2 || (check.code === 3 && /damaged|can't find|unable to find/i.test(check.stderr)))
      throw new UploadRefused('BROKEN', 'the PDF is damaged or cut off: scan or save it again');
    if (check.code !== 0 && check.code !== 3) throw new UploadRefused('BROKEN', 'the PDF cannot be read');
    // Every object, those packed in object streams too, with names in their canonical form (so /J#53 is /JS).
    const active = await this.run(['--json=2', '--json-key=qpdf', path], /"\/(JS|JavaScript|Launch)"/);
    if (active.matched) throw new UploadRefused('ACTIVE_CONTENT', 'the PDF carries JavaScript or a launch action: print it to a new PDF');
    if (active.code !== 0 && active.code !== 3) throw new UploadRefused('BROKEN', 'the PDF cannot be read');
  }

  private async reencode(path: string, out: string, type: UploadType): Promise<void> {
    try {
      // `rotate()` with no angle applies the EXIF orientation before the EXIF goes; sharp writes no metadata by default.
      const image = sharp(path, { failOn: 'error', limitInputPixels: 120_000_000, sequentialRead: true }).rotate();
      // Huffman tables not optimised: optimising holds every coefficient of the image (about 350 MB for 24 megapixels);
      // without it libvips writes as it decodes, for a file some 7% larger.
      await (type === 'image/jpeg' ? image.jpeg({ quality: 90, optimiseCoding: false }) : image.png()).toFile(out);
    } catch {
      throw new UploadRefused('BROKEN', 'the image cannot be read whole: take or save it again');
    }
  }

  /** Runs qpdf; `look`: stop early and say so when its output matches (the output is never held whole). */
  private run(args: string[], look?: RegExp): Promise<{ code: number | null; stderr: string; matched: boolean }> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.qpdf, args, { stdio: ['ignore', look ? 'pipe' : 'ignore', 'pipe'], timeout: this.timeoutMs });
      let stderr = '';
      let tail = '';
      let matched = false;
      child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      child.stdout?.on('data', (d: Buffer) => {
        const text = tail + d.toString('latin1');
        if (look!.test(text) && !matched) {
          matched = true;
          child.kill();
        }
        tail = text.slice(-40);
      });
      child.on('error', (e: NodeJS.ErrnoException) =>
        reject(
          e.code === 'ENOENT'
            ? new UploadRefused('CHECK_UNAVAILABLE', `the PDF checker (${this.qpdf}) is not installed`)
            : new UploadRefused('CHECK_UNAVAILABLE', `the PDF checker failed: ${e.message}`),
        ),
      );
      child.on('close', (code, signal) => {
        if (signal && !matched) return reject(new UploadRefused('CHECK_UNAVAILABLE', 'the PDF check took too long'));
        resolve({ code, stderr, matched });
      });
    });
  }
}
