import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { S3Mock } from '#berkas/testing';
import { javaAndMaven } from './support/java.js';
import { debianTool } from './support/debian-tool.js';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';
import { pdfWithJavaScript, phonePhoto, samplePdf } from './support/sample-files.js';

/**
 * A dossier's files over HTTP (issue 22, first part): each stored by its
 * SHA-256 before the event that names it, refused in words when it is not a
 * PDF, JPEG or PNG by its content or is too large, read back only by those who
 * may read the dossier, every read in the access log.
 */
const [[, pglite]] = await e2eEngines();

const pdf = (words: string) => samplePdf(words);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Doc {
  requirement: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  by: string;
  desk?: string;
  replaces?: string;
  replacedAt?: string;
}

describe("a dossier's files (PGlite, files in the data directory)", () => {
  let h: Harness;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await pglite();
    drop = db.drop;
    // A small limit, so that "too large" is quick to reach.
    h = await Harness.start({ ...db.env, FILE_MAX_BYTES: String(256 * 1024), FILE_DOSSIER_MAX_BYTES: String(300 * 1024) });
  });
  afterAll(async () => {
    if (process.env.SHOW_LOG) console.log(h.logs());
    await h.close();
    await drop();
  });

  async function upload(who: string, id: string, body: Buffer, q: Record<string, string>, type = 'application/pdf') {
    const res = await fetch(`${h.url}/api/dossiers/${id}/files?${new URLSearchParams(q)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.login(who)}`, 'content-type': type },
      body: new Uint8Array(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  }
  const documents = async (id: string) =>
    ((await h.as('supervisor', 'GET', `/api/dossiers/${id}`)).body.documents as Doc[] | undefined) ?? [];

  it('takes a scan at the counter, keeps it by its hash, and gives the same bytes to the desk that reads the dossier', async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    const ktp = pdf('KTP Siti Aminah');
    const attached = await upload('loket', id, ktp, { requirement: 'ktp', name: 'KTP pemohon.pdf' });
    expect(attached.status).toBe(200);
    const docs = await h.eventually(
      () => documents(id),
      (d) => d.length === 1,
    );
    expect(docs[0]).toMatchObject({
      requirement: 'ktp',
      name: 'KTP pemohon.pdf',
      contentType: 'application/pdf',
      size: ktp.length,
      sha256: sha(ktp),
      by: 'officer-loket',
    });
    expect(docs[0].desk).toBeUndefined();

    // The verifier (the dossier waits at their desk) reads it: the same bytes, named by the dossier and requirement.
    const res = await fetch(`${h.url}/api/dossiers/${id}/files/${sha(ktp)}`, {
      headers: { authorization: `Bearer ${await h.login('verifikator')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="${r.body.registrationNumber as string}-ktp-1.pdf"`);
    expect(sha(Buffer.from(await res.arrayBuffer()))).toBe(sha(ktp));
    // A desk the dossier never reached may not, and is told why; both reads are in the access log.
    const refused = await h.as('kasir', 'GET', `/api/dossiers/${id}/files/${sha(ktp)}`);
    expect(refused).toMatchObject({ status: 403, body: { code: 'DOSSIER.NOT_YOURS_TO_READ' } });
    const log = (await h.as('supervisor', 'GET', `/api/access-log?dossierId=${id}`)).body.items as {
      officerId: string;
      what: string;
      allowed: boolean;
    }[];
    expect(log.filter((e) => e.what.startsWith('document ')).map((e) => [e.officerId, e.allowed])).toEqual(
      expect.arrayContaining([
        ['officer-verifikator', true],
        ['officer-kasir', false],
      ]),
    );
  });

  it('refuses a file that is not what it claims, a too large one and an unknown requirement, attaching nothing', async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    // A PNG sent as a PDF, and a PDF sent as a JPEG: the content decides.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)]);
    expect(await upload('loket', id, png, { requirement: 'ktp', name: 'ktp.pdf' })).toMatchObject({
      status: 415,
      body: { code: 'DOCUMENT.UNSUPPORTED_TYPE' },
    });
    expect((await upload('loket', id, pdf('x'), { requirement: 'ktp', name: 'ktp.jpg' }, 'image/jpeg')).status).toBe(415);
    expect((await upload('loket', id, pdf('x'), { requirement: 'ktp', name: 'ktp.docx' }, 'application/msword')).status).toBe(415);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(300 * 1024)]);
    expect(await upload('loket', id, big, { requirement: 'gambar-struktur', name: 'struktur.pdf' })).toMatchObject({
      status: 413,
      body: { code: 'DOCUMENT.TOO_LARGE' },
    });
    expect(await upload('loket', id, pdf('x'), { requirement: 'akta-kelahiran', name: 'akta.pdf' })).toMatchObject({
      status: 422,
      body: { code: 'DOCUMENT.UNKNOWN_REQUIREMENT' },
    });
    expect((await upload('loket', id, pdf('x'), { requirement: 'ktp', name: '' })).body).toMatchObject({ errors: [{ field: 'name' }] });
    // A PDF that would run a script when opened, and one cut off on the way: refused with the reason.
    expect(await upload('loket', id, pdfWithJavaScript('Formulir'), { requirement: 'ktp', name: 'ktp.pdf' })).toMatchObject({
      status: 422,
      body: { code: 'DOCUMENT.ACTIVE_CONTENT', detail: expect.stringContaining('JavaScript') },
    });
    const cut = pdf('KTP');
    expect(await upload('loket', id, cut.subarray(0, cut.length - 100), { requirement: 'ktp', name: 'ktp.pdf' })).toMatchObject({
      status: 422,
      body: { code: 'DOCUMENT.BROKEN' },
    });
    expect(await documents(id)).toEqual([]);
  });

  it("keeps a photo without the phone's metadata, records the size kept, and holds a dossier's files to its limit", async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    const photo = await phonePhoto(80, 60, 7);
    expect((await upload('loket', id, photo, { requirement: 'ktp', name: 'ktp.jpg' }, 'image/jpeg')).status).toBe(200);
    const [doc] = await h.eventually(
      () => documents(id),
      (d) => d.length === 1,
    );
    const res = await fetch(`${h.url}/api/dossiers/${id}/files/${doc.sha256}`, {
      headers: { authorization: `Bearer ${await h.login('loket')}` },
    });
    const kept = Buffer.from(await res.arrayBuffer());
    expect(doc.size).toBe(kept.length);
    expect(sha(kept)).toBe(doc.sha256);
    expect((await sharp(kept).metadata()).exif).toBeUndefined();

    // 300 kB for the dossier: a second 200 kB drawing does not fit beside the first, but replaces it.
    const drawing = (v: string) => pdf(`Gambar arsitektur ${v} ${'='.repeat(200 * 1024)}`);
    const first = drawing('v1');
    expect((await upload('loket', id, first, { requirement: 'gambar-arsitektur', name: 'arsitektur.pdf' })).status).toBe(200);
    expect(await upload('loket', id, drawing('v2'), { requirement: 'gambar-struktur', name: 'struktur.pdf' })).toMatchObject({
      status: 422,
      body: { code: 'DOCUMENT.DOSSIER_FULL' },
    });
    const replaced = await upload('loket', id, drawing('v2'), {
      requirement: 'gambar-arsitektur',
      name: 'arsitektur-rev.pdf',
      replaces: sha(first),
    });
    expect(replaced.status).toBe(200);
  });

  it('lets the desk holding the dossier add and replace a file, keeping the replaced one in the trail; a retry adds nothing', async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    const first = pdf('gambar struktur v1');
    // Not at the desk yet (not claimed): a processor must hold the dossier at their desk.
    expect((await h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {})).status).toBe(200);
    expect((await upload('verifikator', id, first, { requirement: 'gambar-struktur', name: 'struktur.pdf' })).status).toBe(200);
    // Another desk, where the dossier is not: refused.
    expect((await upload('tpa', id, pdf('x'), { requirement: 'gambar-struktur', name: 'x.pdf' })).body).toMatchObject({
      code: 'DOSSIER.NOT_AT_DESK',
    });
    const second = pdf('gambar struktur v2, ditandatangani');
    const replaced = await upload('verifikator', id, second, {
      requirement: 'gambar-struktur',
      name: 'struktur-ttd.pdf',
      replaces: sha(first),
    });
    expect(replaced.status).toBe(200);
    const docs = await h.eventually(
      () => documents(id),
      (d) => d.length === 2,
    );
    expect(docs.map((d) => [d.name, d.desk, d.replaces ?? null, Boolean(d.replacedAt)])).toEqual([
      ['struktur.pdf', 'back-office', null, true],
      ['struktur-ttd.pdf', 'back-office', sha(first), false],
    ]);
    // The same file sent again (a retried upload on a slow line): nothing new.
    const again = await upload('verifikator', id, second, { requirement: 'gambar-struktur', name: 'struktur-ttd.pdf' });
    expect(again.status).toBe(200);
    expect(again.body.events).toEqual([]);
    expect((await documents(id)).length).toBe(2);
  });

  // unzip and pdftotext: the archive is checked with the records office's own kind of tools.
  const tools = debianTool('unzip', 'unzip') && debianTool('pdftotext', 'poppler-utils');
  (tools ? it : it.skip)(
    "exports the dossier's archive for the records office: its files, papers and event trail, checked by unzip and poppler",
    async () => {
      const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      const id = r.body.dossierId as string;
      const number = r.body.registrationNumber as string;
      const first = pdf('KTP lama');
      const second = pdf('KTP baru');
      expect((await upload('loket', id, first, { requirement: 'ktp', name: 'ktp.pdf' })).status).toBe(200);
      expect((await upload('loket', id, second, { requirement: 'ktp', name: 'ktp-baru.pdf', replaces: sha(first) })).status).toBe(200);
      await h.eventually(
        () => documents(id),
        (d) => d.length === 2,
      );
      // A desk officer may not take the archive out; a supervisor may, and it is in the access log.
      expect((await h.as('verifikator', 'GET', `/api/dossiers/${id}/archive.zip`)).status).toBe(403);
      const res = await fetch(`${h.url}/api/dossiers/${id}/archive.zip`, {
        headers: { authorization: `Bearer ${await h.login('supervisor')}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${number}-arsip.zip"`);
      const dir = mkdtempSync(join(tmpdir(), 'berkas-archive-'));
      try {
        const zip = join(dir, 'arsip.zip');
        writeFileSync(zip, Buffer.from(await res.arrayBuffer()));
        expect(execFileSync('unzip', ['-t', zip]).toString()).toContain('No errors detected');
        const listed = execFileSync('unzip', ['-Z1', zip]).toString().trim().split('\n').sort();
        expect(listed).toEqual(
          [`berkas/${number}-ktp-1-diganti.pdf`, `berkas/${number}-ktp-2.pdf`, `${number}-jejak-peristiwa.pdf`, 'manifest.json'].sort(),
        );
        const read = (entry: string) => execFileSync('unzip', ['-p', zip, entry], { maxBuffer: 64 * 1024 * 1024 });
        expect(sha(read(`berkas/${number}-ktp-1-diganti.pdf`))).toBe(sha(first));
        expect(sha(read(`berkas/${number}-ktp-2.pdf`))).toBe(sha(second));
        const manifest = JSON.parse(read('manifest.json').toString()) as {
          lastEventVersion: number;
          entries: { path: string; sha256: string }[];
        };
        for (const e of manifest.entries) expect(sha(read(e.path))).toBe(e.sha256);
        expect(manifest.lastEventVersion).toBeGreaterThanOrEqual(4);
        writeFileSync(join(dir, 'trail.pdf'), read(`${number}-jejak-peristiwa.pdf`));
        const trail = execFileSync('pdftotext', ['-layout', join(dir, 'trail.pdf'), '-']).toString();
        expect(trail).toContain('JEJAK PERISTIWA BERKAS');
        expect(trail).toContain(number);
        expect(trail).toContain('Berkas diterima di loket');
        expect(trail).toContain(`SHA-256: ${sha(second)}`);
        expect(trail).toContain('Rina Loket');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const log = (await h.as('supervisor', 'GET', `/api/access-log?dossierId=${id}`)).body.items as { officerId: string; what: string }[];
      expect(log.some((e) => e.officerId === 'officer-supervisor' && e.what === 'archive')).toBe(true);
    },
  );
});

const hasJava = javaAndMaven("a dossier's files on S3 (S3Mock)");

(hasJava ? describe : describe.skip)("a dossier's files on an S3-compatible store (the whole server on S3Mock)", () => {
  let h: Harness;
  let mock: S3Mock;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    mock = await S3Mock.start('berkas-e2e');
    const db = await pglite();
    drop = db.drop;
    h = await Harness.start({
      ...db.env,
      FILE_STORE: 's3',
      S3_BUCKET: mock.bucket,
      S3_ENDPOINT: mock.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'mpp-kota/',
      S3_SSE: 'AES256',
      S3_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await drop?.();
    await mock?.stop();
  });

  it('stores an upload in the bucket under its hash, encrypted, and reads it back to the desk', async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    const scan = samplePdf('Sertifikat hak milik, disimpan di S3');
    const res = await fetch(`${h.url}/api/dossiers/${id}/files?requirement=bukti-tanah&name=shm.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.login('loket')}`, 'content-type': 'application/pdf' },
      body: new Uint8Array(scan),
    });
    expect(res.status).toBe(200);
    // In the bucket, under the prefix and the hash, with the encryption asked.
    const s3 = new S3Client({
      endpoint: mock.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const head = await s3.send(new HeadObjectCommand({ Bucket: mock.bucket, Key: `mpp-kota/objects/${sha(scan)}` }));
    expect([head.ContentLength, head.ServerSideEncryption]).toEqual([scan.length, 'AES256']);
    const back = await fetch(`${h.url}/api/dossiers/${id}/files/${sha(scan)}`, {
      headers: { authorization: `Bearer ${await h.login('verifikator')}` },
    });
    expect(back.status).toBe(200);
    expect(sha(Buffer.from(await back.arrayBuffer()))).toBe(sha(scan));
    // The records office's archive streams it from the bucket too.
    const archive = await fetch(`${h.url}/api/dossiers/${id}/archive.zip`, {
      headers: { authorization: `Bearer ${await h.login('supervisor')}` },
    });
    expect(archive.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'berkas-s3-archive-'));
    try {
      writeFileSync(join(dir, 'a.zip'), Buffer.from(await archive.arrayBuffer()));
      const inside = execFileSync('unzip', ['-p', join(dir, 'a.zip'), `berkas/${r.body.registrationNumber as string}-bukti-tanah-1.pdf`]);
      expect(sha(inside)).toBe(sha(scan));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
