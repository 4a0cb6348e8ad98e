import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import { FileTooLarge, LocalFileStore, S3FileStore, type FileStore } from '#berkas/files';
import { S3Mock } from '#berkas/testing';
import { javaAndMaven } from './support/java.js';

/**
 * The file store's contract (issue 22), on the data directory and on a real
 * S3 implementation (Adobe's S3Mock from Maven Central, run with java -jar):
 * content-addressed, streamed, refused whole past its limit, nothing left
 * behind by a refused or broken upload.
 */
const hasJava = javaAndMaven('the S3 file store suite (S3Mock)');

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const read = async (s: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
};
/** A stream of `size` bytes in 64 kB chunks, as an upload arrives. */
const chunked = (bytes: Buffer) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
    })(),
  );
const listed = async (store: FileStore) => {
  const out: string[] = [];
  for await (const f of store.list()) out.push(f.sha256);
  return out.sort();
};

interface Made {
  store: FileStore;
  leftovers: () => Promise<string[]>;
  close: () => Promise<void>;
  /** The server-side encryption a stored file has at rest, where the store says (S3), and what was asked. */
  encryption?: { of: (sha256: string) => Promise<string | undefined>; asked: string };
}

function contract(name: string, make: () => Promise<Made>) {
  describe(`the file store on ${name}`, () => {
    let store: FileStore;
    let leftovers: () => Promise<string[]>;
    let close: () => Promise<void>;
    let encryption: Made['encryption'];
    beforeAll(async () => {
      ({ store, leftovers, close, encryption } = await make());
    }, 180_000);
    afterAll(() => close?.());

    it('keeps a file under the SHA-256 of its bytes and gives the same bytes back', async () => {
      const scan = randomBytes(300_000);
      const stored = await store.put(chunked(scan), { maxBytes: 1_000_000 });
      expect(stored).toEqual({ sha256: sha(scan), size: scan.length });
      expect(await store.has(stored.sha256)).toBe(true);
      expect((await read((await store.get(stored.sha256))!)).equals(scan)).toBe(true);
      // The same scan handed in again is the same object.
      expect(await store.put(chunked(scan), { maxBytes: 1_000_000 })).toEqual(stored);
      expect((await listed(store)).filter((s) => s === stored.sha256)).toHaveLength(1);
      if (encryption) expect(await encryption.of(stored.sha256)).toBe(encryption.asked);
    });

    it('streams a file larger than one part (12 MB) and reads it back whole', async () => {
      const drawing = randomBytes(12 * 1024 * 1024);
      const stored = await store.put(chunked(drawing), { maxBytes: 20 * 1024 * 1024 });
      expect(stored.sha256).toBe(sha(drawing));
      expect(sha(await read((await store.get(stored.sha256))!))).toBe(sha(drawing));
    }, 60_000);

    it('refuses a file past its limit, and one whose line breaks mid-way, keeping nothing of either', async () => {
      const before = await listed(store);
      const big = randomBytes(6 * 1024 * 1024);
      await expect(store.put(chunked(big), { maxBytes: 5 * 1024 * 1024 })).rejects.toBeInstanceOf(FileTooLarge);
      const broken = new Readable({
        read() {
          this.push(randomBytes(65536));
          this.destroy(new Error('connection reset'));
        },
      });
      await expect(store.put(broken, { maxBytes: 5 * 1024 * 1024 })).rejects.toThrow('connection reset');
      expect(await store.has(sha(big))).toBe(false);
      expect(await listed(store)).toEqual(before);
      expect(await leftovers()).toEqual([]);
    }, 60_000);

    it('answers nothing for a file it does not have, or for a name that is not a hash, and forgets a deleted one', async () => {
      expect(await store.get('0'.repeat(64))).toBeUndefined();
      expect(await store.get('../../etc/passwd')).toBeUndefined();
      expect(await store.has('not-a-hash')).toBe(false);
      const note = Buffer.from('surat kuasa');
      const { sha256 } = await store.put(chunked(note), { maxBytes: 1000 });
      // The sweep's delete leaves a file stored (or stored again) since the time it names.
      expect(await store.delete(sha256, { storedBefore: new Date(Date.now() - 3600_000) })).toBe(false);
      expect(await store.has(sha256)).toBe(true);
      expect(await store.delete(sha256)).toBe(true);
      expect(await store.delete(sha256)).toBe(false);
      expect(await store.has(sha256)).toBe(false);
      expect(await store.get(sha256)).toBeUndefined();
    });
  });
}

contract('the data directory', async () => {
  const root = mkdtempSync(join(tmpdir(), 'berkas-files-'));
  return {
    store: new LocalFileStore(root),
    leftovers: async () => readdir(join(root, 'incoming')).catch(() => []),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('the file store on the data directory, as the database is kept', () => {
  it("keeps files and folders the owner's only", async () => {
    const root = mkdtempSync(join(tmpdir(), 'berkas-files-'));
    try {
      const { sha256 } = await new LocalFileStore(root).put(chunked(Buffer.from('KTP pemohon')), { maxBytes: 100 });
      expect(statSync(join(root, 'objects', sha256.slice(0, 2), sha256)).mode & 0o777).toBe(0o600);
      expect(statSync(join(root, 'objects', sha256.slice(0, 2))).mode & 0o777).toBe(0o700);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

(hasJava ? contract : describe.skip)('S3 (S3Mock, server-side encryption asked)', async () => {
  const mock = await S3Mock.start('berkas-files', (l) => console.log(l));
  const s3 = new S3Client({
    endpoint: mock.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const store = new S3FileStore(s3, { bucket: mock.bucket, prefix: 'mpp/', serverSideEncryption: 'AES256' });
  return {
    store,
    // The object under its hash keeps the encryption asked of the upload (the copy asks it again).
    encryption: {
      asked: 'AES256',
      of: async (sha256: string) => {
        const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
        return (await s3.send(new HeadObjectCommand({ Bucket: mock.bucket, Key: `mpp/objects/${sha256}` }))).ServerSideEncryption;
      },
    },
    // Nothing left under incoming/ (the upload's temporary key), and no unfinished multipart upload.
    leftovers: async () => {
      const { ListObjectsV2Command, ListMultipartUploadsCommand } = await import('@aws-sdk/client-s3');
      const objects = await s3.send(new ListObjectsV2Command({ Bucket: mock.bucket, Prefix: 'mpp/incoming/' }));
      const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: mock.bucket }));
      return [...(objects.Contents ?? []).map((o) => o.Key ?? ''), ...(uploads.Uploads ?? []).map((u) => `upload ${u.Key}`)];
    },
    close: async () => {
      s3.destroy();
      await mock.stop();
    },
  };
});
