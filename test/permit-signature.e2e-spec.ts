import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEngines } from '#berkas/testing';
import { debianTool } from './support/debian-tool.js';
import { e2eEngines, Harness, harnessPerSuite, registerDossier, until } from './support/http-harness.js';
import { pdfQrCodes, pdfText } from './support/pdf.js';

const engines = await e2eEngines();
const hasPdfsig = debianTool('pdfsig', 'poppler-utils');
const OFFICIAL = { name: 'Drs. Bambang Sutrisno, M.Si.', nip: '196805121994031005' };

describeEngines(engines)('the signing official signs the permit inside its PDF (PAdES) on %s', (_engine, factory) => {
  let h!: Harness;
  harnessPerSuite(factory, (started) => (h = started));
  const dir = mkdtempSync(join(tmpdir(), 'berkas-signed-'));

  /** A PBG approved, at the signing desk. */
  async function atSigning(): Promise<{ id: string; reg: string; pin: string }> {
    const dossier = await registerDossier(h);
    const { id } = dossier;
    await h.act('verifikator', id, 'complete', { outcome: 'forward' });
    await h.act('tpa', id, 'recommendation', { positive: true, note: 'ok' });
    await h.act('pupr', id, 'recommendation', { positive: true, note: 'ok' });
    await h.act('kasir', id, 'fee', {});
    const total = await until(
      'the SKRD',
      async () => ((await h.as('kasir', 'GET', `/api/dossiers/${id}`)).body.fee as { total: number } | null)?.total,
    );
    await h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, { reference: `SIG-${id.slice(0, 8)}`, amount: total, channel: 'bank' });
    await h.as('kasir', 'POST', `/api/dossiers/${id}/complete`, { outcome: 'forward' });
    expect((await h.act('kabid', id, 'approve', {})).status).toBe(200);
    return dossier;
  }

  const pdf = async (id: string, file: string) => {
    const res = await fetch(`${h.url}/api/dossiers/${id}/documents/${file}`, {
      headers: { authorization: `Bearer ${await h.login('kadis')}` },
    });
    return { status: res.status, name: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('shows the official the numbered draft, then signs it so that pdfsig finds it valid, served byte for byte as signed', async () => {
    const { id, reg } = await atSigning();
    // The draft: numbered, naming the official, marked as a draft, claiming no signature.
    const draft = await pdf(id, 'permit-draft.pdf');
    expect(draft.status).toBe(200);
    expect(draft.name).toBe(`inline; filename="${reg}-izin-draf.pdf"`);
    const draftText = await pdfText(draft.bytes);
    expect(draftText).toContain('DRAF UNTUK DIPERIKSA PEJABAT PENANDATANGAN');
    expect(draftText).toMatch(/Nomor: PBG\/2026\/\d{6}/);
    expect(draftText).toContain(OFFICIAL.name);
    // The law it rests on and how long it holds (issue 20: the permit named neither).
    expect(draftText).toContain('Dasar hukum / Legal basis:');
    expect(draftText).toContain('PP 16/2021 tentang Peraturan Pelaksanaan UU 28/2002 tentang Bangunan Gedung');
    expect(draftText).toMatch(/Masa berlaku \/ Valid\s*:\s*selama bangunan gedung berdiri/);
    // The particulars its service defines (issue 20: for PBG no building address or function; the form never asked).
    expect(draftText).toMatch(/Alamat bangunan gedung\s*:\s*Jl\. Merdeka No\. 10, Bandung/);
    expect(draftText).toMatch(/Fungsi bangunan gedung\s*:\s*Hunian/);
    expect(draftText).toMatch(/Jumlah lantai\s*:\s*2 lantai/);
    expect(draftText).toMatch(/Luas lantai total \(LLt\)\s*:\s*120 m2/);
    expect(draftText).not.toContain('ditandatangani secara elektronik / signed electronically');
    expect(draftText).toContain('akan ditandatangani secara elektronik');
    const number = /Nomor: (PBG\/2026\/\d{6})/.exec(draftText)![1];

    expect((await h.act('kadis', id, 'sign', {})).status).toBe(200);
    expect((await h.act('tu', id, 'issue', {})).status).toBe(200);
    const detail = await until('the issued permit', async () => {
      const d = (await h.as('kadis', 'GET', `/api/dossiers/${id}`)).body as {
        permit?: { number: string; verificationCode: string; signature?: { sha256: string; demo: boolean } };
      };
      return d.permit?.number ? d.permit : undefined;
    });
    // Issued under the number the official signed.
    expect(detail.number).toBe(number);
    const signed = await pdf(id, 'permit.pdf');
    expect(signed.status).toBe(200);
    expect(createHash('sha256').update(signed.bytes).digest('hex')).toBe(detail.signature!.sha256);
    expect(detail.signature!.demo).toBe(true);
    // The same bytes every time: made once, at signing.
    expect((await pdf(id, 'permit.pdf')).bytes.equals(signed.bytes)).toBe(true);
    const text = await pdfText(signed.bytes);
    expect(text).toContain('ditandatangani secara elektronik / signed electronically');
    expect(text).toContain(`NIP ${OFFICIAL.nip}`);
    expect(text).toContain('SERTIFIKAT DEMO');
    expect(await pdfQrCodes(signed.bytes)).toEqual([`${h.url}/verifikasi/${detail.verificationCode}`]);

    if (hasPdfsig) {
      const file = join(dir, `${reg}.pdf`);
      writeFileSync(file, signed.bytes);
      const report = execFileSync('pdfsig', [file], { encoding: 'utf8' });
      expect(report).toContain(`Signer Certificate Common Name: ${OFFICIAL.name}`);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain('Total document signed');
      expect(report).toContain('Signature Validation: Signature is Valid.');
      // Someone changes the holder's name in the file: the signature no longer holds.
      const tampered = Buffer.from(signed.bytes);
      const at = tampered.indexOf('/Title');
      tampered[at + 9] ^= 0x01;
      writeFileSync(file, tampered);
      expect(spawnSync('pdfsig', [file], { encoding: 'utf8' }).stdout).not.toContain('Signature Validation: Signature is Valid.');
    }

    // The verification page says who signed, when, and that the certificate is a demo.
    const page = await until('the verification page', async () => {
      const res = await fetch(`${h.url}/verifikasi/${detail.verificationCode}`);
      return res.status === 200 ? res.text() : undefined;
    });
    expect(page).toContain('Ditandatangani secara elektronik oleh');
    expect(page).toContain(OFFICIAL.name);
    expect(page).toContain(detail.signature!.sha256);
    expect(page).toContain('sertifikat DEMO');
  });

  it('refuses to sign for an officer the decider would refuse, spending no signature and appending nothing', async () => {
    const { id } = await atSigning();
    const before = await h.lastPosition();
    const wrongDesk = await h.as('tu', 'POST', `/api/dossiers/${id}/sign`, {});
    expect(wrongDesk.status).toBe(403);
    expect(await h.lastPosition()).toBe(before);
  });
});
