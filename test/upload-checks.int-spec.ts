import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { ClamdScanner, LocalFileStore, UploadChecks, UploadRefused, type UploadType } from '#berkas/files';
import { Clamd, CLAMD_TEST_MARKER } from '#berkas/testing';
import { debianTool } from './support/debian-tool.js';
import { pdfWithJavaScript, phonePhoto, samplePdf } from './support/sample-files.js';

/**
 * What an upload goes through before it is kept (issue 22): PDFs checked whole
 * by qpdf (damaged, encrypted or scripted ones refused with their reason),
 * photos written again without the phone's metadata and turned upright, every
 * file through a real ClamAV daemon when one is configured, and nothing left
 * on disk by an upload that was refused.
 */
const hasQpdf = debianTool('qpdf', 'qpdf');
const hasClamd = debianTool('clamd', 'clamav-daemon');

const read = async (s: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
};

(hasQpdf ? describe : describe.skip)('the checks an upload passes before it is kept', () => {
  let root: string;
  let store: LocalFileStore;
  let checks: UploadChecks;
  const work = () => join(root, 'uploads');
  const accept = (bytes: Buffer, type: UploadType, o: { checks?: UploadChecks; max?: number } = {}) =>
    (o.checks ?? checks).accept(Readable.from([bytes]), type, o.max ?? 1_000_000, store);
  const count = async () => {
    let n = 0;
    for await (const _ of store.list()) n++;
    return n;
  };
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'kept',
      (e: unknown) => (e instanceof UploadRefused ? e.reason : String(e)),
    );

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'berkas-checks-'));
    store = new LocalFileStore(join(root, 'files'));
    checks = new UploadChecks({ workDir: work() });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  afterEach(() => expect(readdirSync(work())).toEqual([]));

  it('keeps a sound PDF as it was handed in', async () => {
    const pdf = samplePdf('Surat pernyataan pemilik lahan');
    const kept = await accept(pdf, 'application/pdf');
    expect(kept.size).toBe(pdf.length);
    expect(await read((await store.get(kept.sha256))!)).toEqual(pdf);
  });

  it('refuses a PDF cut off on the way, an encrypted one and one carrying JavaScript, each with its reason', async () => {
    const pdf = samplePdf('Gambar denah lantai 1');
    expect(await refusal(accept(pdf.subarray(0, pdf.length - 120), 'application/pdf'))).toBe('BROKEN');
    expect(await refusal(accept(Buffer.from('%PDF-1.7\nbukan PDF sungguhan\n%%EOF\n'), 'application/pdf'))).toBe('BROKEN');

    // Encrypted, even with no password needed to open it (only "owner" restrictions).
    const dir = mkdtempSync(join(tmpdir(), 'berkas-pdf-'));
    try {
      writeFileSync(join(dir, 'in.pdf'), pdf);
      execFileSync('qpdf', ['--encrypt', '', 'pemilik', '256', '--', join(dir, 'in.pdf'), join(dir, 'locked.pdf')]);
      expect(await refusal(accept(readFileSync(join(dir, 'locked.pdf')), 'application/pdf'))).toBe('ENCRYPTED');

      // JavaScript, also when packed in a compressed object stream where the bytes never show it.
      const scripted = pdfWithJavaScript('Formulir');
      expect(await refusal(accept(scripted, 'application/pdf'))).toBe('ACTIVE_CONTENT');
      writeFileSync(join(dir, 'js.pdf'), scripted);
      execFileSync('qpdf', [join(dir, 'js.pdf'), '--object-streams=generate', join(dir, 'packed.pdf')]);
      const packed = readFileSync(join(dir, 'packed.pdf'));
      expect(packed.includes('JavaScript')).toBe(false);
      expect(await refusal(accept(packed, 'application/pdf'))).toBe('ACTIVE_CONTENT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await refusal(accept(pdf, 'image/png'))).toBe('UNSUPPORTED_TYPE');
  });

  it("keeps a phone photo upright and without the phone's metadata: no position, no make or model", async () => {
    const photo = await phonePhoto(64, 48);
    const before = await sharp(photo).metadata();
    expect(before.exif).toBeDefined();
    expect(before.orientation).toBe(6);

    const kept = await accept(photo, 'image/jpeg');
    const bytes = await read((await store.get(kept.sha256))!);
    const after = await sharp(bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(bytes.includes('Galaxy')).toBe(false);
    // Turned upright: the sideways 64×48 is stored 48×64.
    expect([after.width, after.height]).toEqual([48, 64]);
    expect(kept.size).toBe(bytes.length);

    // The same photo handed in again is the same stored file (a retried upload).
    expect((await accept(photo, 'image/jpeg')).sha256).toBe(kept.sha256);
  });

  it('re-encodes a PNG and refuses an image that does not decode', async () => {
    const png = await sharp({ create: { width: 20, height: 10, channels: 4, background: '#336699' } })
      .withMetadata({ density: 300 })
      .png()
      .toBuffer();
    const kept = await accept(png, 'image/png');
    const meta = await sharp(await read((await store.get(kept.sha256))!)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 20, 10]);

    const photo = await phonePhoto(64, 48, 2);
    expect(await refusal(accept(photo.subarray(0, photo.length / 2), 'image/jpeg'))).toBe('BROKEN');
  });

  it('refuses a PDF when qpdf cannot run, rather than keeping it unchecked', async () => {
    const without = new UploadChecks({ workDir: work(), qpdf: '/nonexistent/qpdf' });
    expect(await refusal(accept(samplePdf('x'), 'application/pdf', { checks: without }))).toBe('CHECK_UNAVAILABLE');
  });

  (hasClamd ? describe : describe.skip)('with a ClamAV daemon configured', () => {
    let clamd: Clamd;
    let scanned: UploadChecks;
    beforeAll(async () => {
      clamd = await Clamd.start();
      scanned = new UploadChecks({ workDir: work(), scanner: new ClamdScanner(clamd.address) });
    }, 90_000);
    afterAll(() => clamd?.stop());

    it('refuses a file the scanner finds a virus in, keeps a clean one, and refuses all when the scanner is down', async () => {
      const clean = samplePdf('Sertifikat tanah');
      expect(await refusal(accept(clean, 'application/pdf', { checks: scanned }))).toBe('kept');
      const infected = samplePdf(`Lampiran ${CLAMD_TEST_MARKER}`);
      const before = await count();
      expect(await refusal(accept(infected, 'application/pdf', { checks: scanned }))).toBe('INFECTED');
      expect(await count()).toBe(before);
      // Larger than one INSTREAM chunk, the marker in the last one.
      const big = samplePdf(`${'x'.repeat(200_000)} ${CLAMD_TEST_MARKER}`);
      expect(await refusal(accept(big, 'application/pdf', { checks: scanned }))).toBe('INFECTED');

      await clamd.stop();
      expect(await refusal(accept(samplePdf('Sertifikat tanah 2'), 'application/pdf', { checks: scanned }))).toBe('CHECK_UNAVAILABLE');
    }, 60_000);
  });
});
