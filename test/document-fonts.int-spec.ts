import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentFonts, documentPdf, type DocumentFacts } from '#berkas/documents';
import { loadMppProfile } from '#berkas/platform';
import { debianTool } from './support/debian-tool.js';
import { pdfText } from './support/pdf.js';

const mpp = loadMppProfile('data/mpp-profile.json');
const hasPoppler = debianTool('pdffonts', 'poppler-utils');

// Names the counter accepts, from applicants an Indonesian MPP serves (issue 20: they printed as `dV-dV/ c–(bò`, `s‹\ f`).
const NAMES = [
  'محمد عبد الله الحسيني',
  '王小明',
  '田中 太郎',
  '𠮷田 花子',
  'Nguyễn Thị Ngọc Ánh',
  'Ṣāliḥ bin ʿUmar',
  'Ђорђе Петровић',
  'I Gusti Ayu Ngurah',
];

const facts = (holder: string, kind: DocumentFacts['kind'] = 'permit'): DocumentFacts => ({
  kind,
  copy: 'original',
  registrationNumber: 'PBG-2026-000005',
  number: kind === 'permit' ? 'PBG/2026/000001' : 'SP/2026/000001',
  holder,
  service: { id: 'Persetujuan Bangunan Gedung', en: 'Building approval' },
  product: { id: 'Persetujuan Bangunan Gedung', en: 'Building approval' },
  particulars: [{ label: { id: 'Luas lantai', en: 'Floor area' }, value: '1.250 m2' }],
  date: '2026-12-04T03:00:00Z',
  signer: { id: 'Kepala Dinas PMPTSP', en: 'Head of the licensing office' },
  complaints: 'loket pengaduan MPP',
  ...(kind === 'rejection' ? { reasons: ['Gambar struktur tidak lengkap'] } : {}),
});

describe('documents print every name the counter accepts', () => {
  it('reads each name back from the permit as it was written, in embedded fonts', async () => {
    for (const name of NAMES) {
      const pdf = await documentPdf(facts(name), mpp, { zone: 'Asia/Jakarta', verifyUrl: 'https://mpp.example/verifikasi/ABC' });
      // Readers put a space where the face changes (𠮷 and 田 are in two faces) and where a line wraps: compared without.
      const text = (await pdfText(pdf)).normalize('NFC').replace(/\s+/g, '');
      // pdf.js reads in drawn order: an Arabic name's words are drawn right to left, so they come left to right reversed.
      const rtl = /[\u0600-\u06ff]/.test(name);
      expect(text).toContain((rtl ? name.split(' ').reverse().join(' ') : name).replace(/\s+/g, ''));
    }
  });

  it('claims no electronic signature the file does not carry, and words the rejection letter for an applicant', async () => {
    const permit = await pdfText(await documentPdf(facts('Budi'), mpp, { zone: 'Asia/Jakarta', verifyUrl: 'https://mpp.example/v/X' }));
    expect(permit).not.toMatch(/ditandatangani secara elektronik|signed electronically/);
    expect(permit).toContain('Keaslian dokumen ini dapat diperiksa');
    const letter = await pdfText(await documentPdf(facts('Budi', 'rejection'), mpp, { zone: 'Asia/Jakarta' }));
    expect(letter).toContain('Nama pemohon / Applicant');
    expect(letter).not.toMatch(/pemegang|Holder|kode QR/);
    // The applicant's copy from the tracking page too: their name masked, and no holder anywhere.
    const copy = await pdfText(
      await documentPdf({ ...facts('B*** S***', 'rejection'), copy: 'public-copy' }, mpp, { zone: 'Asia/Jakarta' }),
    );
    expect(copy).toContain('Nama pemohon disamarkan');
    expect(copy).not.toMatch(/pemegang|holder|kode QR|QR code/i);
  });

  it('says which characters no font can draw, so the counter can refuse them', () => {
    const fonts = DocumentFonts.get();
    expect(NAMES.flatMap((n) => fonts.unprintable(n))).toEqual([]);
    // Linear B and a private-use character: no face has them.
    expect(fonts.unprintable('Budi 𐀀\ue000')).toEqual(['𐀀', '\ue000']);
  });

  (hasPoppler ? it : it.skip)('embeds (subsets of) every font it uses, as poppler reports them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berkas-fonts-'));
    const file = join(dir, 'permit.pdf');
    writeFileSync(file, await documentPdf(facts(NAMES.join(' · ')), mpp, { zone: 'Asia/Jakarta', verifyUrl: 'https://mpp.example/v/X' }));
    const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    const families = rows.map((r) => r.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
    expect(families.sort()).toEqual(
      expect.arrayContaining(['IBMPlexSansArabic-Bold', 'NotoSans-Bold', 'NotoSans-Regular', 'NotoSansSC-Regular']),
    );
    // Every font: embedded, subset, with a Unicode map (columns emb sub uni).
    for (const r of rows) expect(r).toMatch(/ yes +yes +yes +\d+ +\d+$/);
    // Poppler turns drawn order back into written order: every name as the counter took it, ligatures included.
    const read = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e\s]/g, '');
    for (const name of NAMES) expect(read).toContain(name.replace(/\s+/g, ''));
  });
});
