/**
 * `npm run bench`, uploads (issue 22): ten 20 MB files sent at once to one
 * server, its resident memory sampled every 20 ms. Ten scanned PDFs (a 20 MB
 * image stream each, checked by qpdf), then ten 20 MB phone photos (decoded
 * and re-encoded without metadata). Beside the peaks, in the same run: the
 * server idle, and the bytes in flight (what a server holding uploads in
 * memory would hold on top of its idle size).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Harness, PBG_REQUEST } from '../support/http-harness.js';
import { samplePdf } from '../support/sample-files.js';

const FILES = 10;
const MB = 1024 * 1024;
const rss = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

const dir = mkdtempSync(join(tmpdir(), 'berkas-upload-bench-'));
const h = await Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '', DEMO_DOSSIERS: 'false', FILE_MAX_BYTES: String(21 * MB) });
try {
  /** A scanner's PDF: one page and a 20 MB image stream (random bytes, so nothing compresses them). */
  const scan = (i: number) =>
    samplePdf(`Pindaian ${i}`, {
      objects: [
        `<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length ${20 * MB} >>\nstream\n${randomBytes(20 * MB).toString('latin1')}\nendstream`,
      ],
    });
  /** A 20 MB photo: 24 megapixels of noise at high quality, as a phone's camera writes it. */
  const photo = async (i: number) => {
    const noise = randomBytes(6000 * 4000 * 3);
    noise[0] = i;
    let q = 97;
    let out = await sharp(noise, { raw: { width: 6000, height: 4000, channels: 3 } })
      .jpeg({ quality: q })
      .toBuffer();
    while (out.length > 20 * MB && q > 60)
      out = await sharp(noise, { raw: { width: 6000, height: 4000, channels: 3 } })
        .jpeg({ quality: (q -= 3) })
        .toBuffer();
    return out;
  };

  const dossiers = await Promise.all(
    Array.from({ length: FILES }, async () => (await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST)).body.dossierId as string),
  );
  const token = await h.login('loket');
  await new Promise((r) => setTimeout(r, 2000));
  const idle = rss(h.pid);

  const round = async (files: Buffer[], type: string) => {
    let peak = rss(h.pid);
    const sampler = setInterval(() => (peak = Math.max(peak, rss(h.pid))), 20);
    const started = Date.now();
    const statuses = await Promise.all(
      files.map((body, i) =>
        fetch(`${h.url}/api/dossiers/${dossiers[i]}/files?requirement=gambar-arsitektur&name=berkas-${i}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': type },
          body: new Uint8Array(body),
        }).then((r) => r.status),
      ),
    );
    clearInterval(sampler);
    return { peak, seconds: (Date.now() - started) / 1000, statuses, bytes: files.reduce((s, f) => s + f.length, 0) };
  };

  const pdfs = Array.from({ length: FILES }, (_, i) => scan(i));
  const pdf = await round(pdfs, 'application/pdf');
  pdfs.length = 0;
  const photos: Buffer[] = [];
  for (let i = 0; i < FILES; i++) photos.push(await photo(i));
  const jpeg = await round(photos, 'image/jpeg');

  const mb = (n: number) => `${(n / MB).toFixed(0)} MB`;
  console.log(`\nuploads: ${FILES} at once to one server (resident memory of the server process)`);
  console.log(`  idle, before                        ${mb(idle)}`);
  for (const [name, r] of [
    ['PDFs, 20 MB each (qpdf)', pdf],
    ['photos, 20 MB each (re-encoded)', jpeg],
  ] as const) {
    console.log(
      `  ${name.padEnd(35)}  peak ${mb(r.peak)} (+${mb(r.peak - idle)} over idle) for ${mb(r.bytes)} in flight; ` +
        `${r.seconds.toFixed(1)} s; answers ${[...new Set(r.statuses)].join(',')}`,
    );
  }
  console.log(`  baseline: holding the uploads in memory would add at least ${mb(pdf.bytes)} over idle`);
} finally {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
}
