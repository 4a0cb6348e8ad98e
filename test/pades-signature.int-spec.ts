import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cadesDetached,
  certificateFacts,
  documentPdf,
  ensureDemoSigning,
  identityFromPkcs12,
  padesSign,
  DEMO_MARK,
} from '#berkas/documents';
import { loadMppProfile } from '#berkas/platform';
import { debianTool } from './support/debian-tool.js';

const hasPdfsig = debianTool('pdfsig', 'poppler-utils');
const mpp = loadMppProfile('data/mpp-profile.json');
const official = { name: 'Drs. Bambang Sutrisno, M.Si.', nip: '196805121994031005', organisation: 'Pemerintah Kota Contoh' };

async function signedPermit(dir: string): Promise<Buffer> {
  const demo = ensureDemoSigning(dir, official);
  const identity = await identityFromPkcs12(readFileSync(demo.p12), demo.passphrase);
  const pdf = await documentPdf(
    {
      kind: 'permit',
      copy: 'original',
      registrationNumber: 'PBG-2026-000005',
      number: 'PBG/2026/000001',
      holder: 'Budi Santoso',
      service: { id: 'Persetujuan Bangunan Gedung', en: 'Building approval' },
      product: { id: 'Persetujuan Bangunan Gedung', en: 'Building approval' },
      particulars: [],
      date: '2026-12-04T03:00:00Z',
      signer: { id: 'Kepala Dinas PMPTSP', en: 'Head of the licensing office' },
      complaints: 'loket pengaduan MPP',
    },
    mpp,
    { zone: 'Asia/Jakarta', verifyUrl: 'https://mpp.example/verifikasi/ABC' },
  );
  return padesSign(
    pdf,
    {
      name: official.name,
      reason: 'Penetapan izin PBG/2026/000001',
      location: 'Kota Contoh',
      contactInfo: 'mpp@kotacontoh.go.id',
      signingTime: new Date('2026-12-04T03:00:00Z'),
    },
    (bytes) => cadesDetached(bytes, identity),
  );
}

describe('PAdES signatures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berkas-pades-'));

  it('makes a demo CA and signing certificate once, named as a demo, and reuses them', () => {
    const first = ensureDemoSigning(dir, official);
    const again = ensureDemoSigning(dir, official);
    expect(again.caPem).toBe(first.caPem);
    return identityFromPkcs12(readFileSync(first.p12), first.passphrase).then((id) => {
      const facts = certificateFacts(id.chain[0]);
      expect(facts.subject).toContain(`CN=${official.name}`);
      expect(facts.subject).toContain(`OU=${DEMO_MARK}`);
      expect(facts.subject).toContain(`serialNumber=NIP ${official.nip}`);
      expect(facts.issuer).toContain('Berkas Demo CA');
      expect(id.chain).toHaveLength(2);
    });
  });

  (hasPdfsig ? it : it.skip)(
    'signs inside the PDF so that pdfsig finds it valid over the whole file, and any change breaks it',
    async () => {
      const signed = await signedPermit(dir);
      const file = join(dir, 'signed.pdf');
      writeFileSync(file, signed);
      const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain(`Signer Certificate Common Name: ${official.name}`);
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signature Validation: Signature is Valid.');
      // One byte of the permit's text changed after signing (a digit of the number in the page content is compressed,
      // so change a byte inside the signed range well before the signature).
      const tampered = Buffer.from(signed);
      const at = tampered.indexOf('/Title');
      tampered[at + 10] = tampered[at + 10] === 0x41 ? 0x42 : 0x41;
      const bad = join(dir, 'tampered.pdf');
      writeFileSync(bad, tampered);
      const broken = spawnSync('pdfsig', [bad], { encoding: 'utf8' }).stdout;
      expect(broken).not.toContain('Signature Validation: Signature is Valid.');
      expect(broken).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    },
  );
});
