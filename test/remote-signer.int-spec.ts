import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentPdf, ensureDemoSigning, LocalPkcs12Signer, RemoteSigner, SigningFailed, type DocumentFacts } from '#berkas/documents';
import { loadMppProfile } from '#berkas/platform';
import { catalogue, sampleApplication } from '#berkas/testing';
import { debianTool } from './support/debian-tool.js';
import { Harness, PBG_REQUEST, registerDossier, until } from './support/http-harness.js';

const hasPdfsig = debianTool('pdfsig', 'poppler-utils');
const mpp = loadMppProfile('data/mpp-profile.json');
const official = { name: 'Drs. Bambang Sutrisno, M.Si.', nip: '196805121994031005', title: 'Kepala Dinas PMPTSP', demo: false };
const NIK = '3273011508680001';
const PASSPHRASE = 'rahasia-kadis';

/**
 * A local stand-in for a BSrE-style signing service: it checks the client's
 * credentials and the official's NIK and passphrase, then signs the PDF with
 * the official's certificate (here the demo one) and answers it as base64.
 */
function standIn(dir: string): Promise<{ url: string; server: Server; calls: number[]; accept: { passphrase: string } }> {
  const demo = ensureDemoSigning(dir, { name: official.name, nip: official.nip, organisation: 'Pemerintah Kota Contoh' });
  const signer = new LocalPkcs12Signer(demo.p12, demo.passphrase, official);
  const calls: number[] = [];
  const accept = { passphrase: PASSPHRASE };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: object) => {
        calls.push(status);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      if (req.url !== '/api/v2/sign/pdf' || req.method !== 'POST') return answer(404, { error: 'not found' });
      if (req.headers.authorization !== `Basic ${Buffer.from('berkas:client-secret').toString('base64')}`)
        return answer(401, { error: 'Unauthorized' });
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        nik: string;
        passphrase: string;
        file: string[];
        signatureProperties: { reason: string; location: string }[];
      };
      if (body.nik !== NIK) return answer(400, { error: 'NIK tidak terdaftar' });
      if (body.passphrase !== accept.passphrase) return answer(400, { error: 'Passphrase anda salah' });
      const [props] = body.signatureProperties;
      signer
        .sign(Buffer.from(body.file[0], 'base64'), {
          reason: props.reason,
          location: props.location,
          contactInfo: '',
          signingTime: new Date(),
        })
        .then((signed) => answer(200, { file: [signed.bytes.toString('base64')] }))
        .catch((e: Error) => answer(500, { error: e.message }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, calls, accept }),
    ),
  );
}

const facts: DocumentFacts = {
  kind: 'permit',
  copy: 'original',
  registrationNumber: 'SIP-DOKTER-2026-000003',
  number: 'SIP-DOKTER/2026/000001',
  holder: 'dr. Sari Wulandari',
  service: { id: 'Surat Izin Praktik (SIP) Dokter', en: "Doctor's practice licence" },
  product: { id: 'Surat Izin Praktik Dokter', en: "Doctor's practice licence" },
  particulars: [],
  date: '2026-12-04T03:00:00Z',
  signer: { id: 'Kepala Dinas PMPTSP', en: 'Head of the licensing office' },
  complaints: 'loket pengaduan MPP',
  signature: official,
};

describe('the remote signer (BSrE-style API) against a local stand-in', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berkas-remote-'));
  let service: Awaited<ReturnType<typeof standIn>>;
  beforeAll(async () => {
    service = await standIn(dir);
  });
  afterAll(() => new Promise<void>((done) => service.server.close(() => done())));
  const remote = (passphrase = PASSPHRASE, url = service.url) =>
    new RemoteSigner({ url, clientId: 'berkas', clientSecret: 'client-secret', nik: NIK, passphrase, official });

  it('gets the permit signed by the service and reads the certificate from the signature it carries', async () => {
    const pdf = await documentPdf(facts, mpp, { zone: 'Asia/Jakarta', verifyUrl: 'https://mpp.example/verifikasi/ABC' });
    const signed = await remote().sign(pdf, { reason: 'Penetapan SIP', location: 'Kota Contoh', contactInfo: '', signingTime: new Date() });
    expect(signed.certificate.subject).toContain(`CN=${official.name}`);
    expect(signed.certificate.issuer).toContain('Berkas Demo CA');
    expect(signed.bytes.subarray(0, pdf.length - 10).equals(pdf.subarray(0, pdf.length - 10))).toBe(true);
    if (hasPdfsig) {
      const file = join(dir, 'remote.pdf');
      writeFileSync(file, signed.bytes);
      const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Total document signed');
    }
  });

  it("refuses with the service's reason when it will not sign, and when it cannot be reached", async () => {
    const pdf = await documentPdf(facts, mpp, { zone: 'Asia/Jakarta' });
    const dictionary = { reason: 'x', location: 'y', contactInfo: '', signingTime: new Date() };
    const wrong = await remote('salah')
      .sign(pdf, dictionary)
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SigningFailed);
    expect((wrong as SigningFailed).reason).toBe('Passphrase anda salah');
    expect((wrong as SigningFailed).getStatus()).toBe(502);
    const away = await remote(PASSPHRASE, 'http://127.0.0.1:9')
      .sign(pdf, dictionary)
      .catch((e: unknown) => e);
    expect(away).toBeInstanceOf(SigningFailed);
    expect((away as SigningFailed).reason).toMatch(/cannot be reached/);
  });

  it('signs at the signing desk through the service, and a refusal there appends nothing and says why', async () => {
    const h = await Harness.start({
      BERKAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'berkas-remote-app-')),
      DATABASE_URL: '',
      SIGNING_REMOTE_URL: service.url,
      SIGNING_REMOTE_CLIENT_ID: 'berkas',
      SIGNING_REMOTE_CLIENT_SECRET: 'client-secret',
      SIGNING_REMOTE_NIK: NIK,
      SIGNING_REMOTE_PASSPHRASE: PASSPHRASE,
    });
    try {
      const { id } = await registerDossier(h, {
        ...PBG_REQUEST,
        service: 'sip-dokter',
        requirements: ['ktp', 'str', 'surat-tempat-praktik'],
        inputs: {},
        particulars: sampleApplication(catalogue().latest('sip-dokter')!).particulars,
      });
      await h.act('verifikator', id, 'complete', { outcome: 'forward' });
      await h.act('dinkes', id, 'complete', { outcome: 'forward' });
      expect((await h.act('kabid', id, 'approve', {})).status).toBe(200);
      // The service refuses (the official's passphrase changed there): 502 with its reason, and nothing recorded.
      service.accept.passphrase = 'diganti';
      const before = await h.lastPosition();
      const refused = await h.act('kadis', id, 'sign', {});
      expect(refused.status).toBe(502);
      expect(String(refused.body.detail ?? refused.body.title)).toContain('Passphrase anda salah');
      expect(Number(await h.lastPosition())).toBe(Number(before) + 1); // the claim only
      service.accept.passphrase = PASSPHRASE;
      expect((await h.as('kadis', 'POST', `/api/dossiers/${id}/sign`, {})).status).toBe(200);
      const detail = await until('the signed permit', async () => {
        const d = (await h.as('kadis', 'GET', `/api/dossiers/${id}`)).body as {
          history: { type: string; data: { document?: { demo: boolean; certificate: { issuer: string } } } }[];
        };
        return d.history.find((e) => e.type === 'PermitSigned')?.data.document;
      });
      expect(detail.demo).toBe(false);
      expect(detail.certificate.issuer).toContain('Berkas Demo CA');
    } finally {
      await h.close();
    }
  }, 180_000);
});
