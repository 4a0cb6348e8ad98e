/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromiumPath, launch } from './support/browser.js';
import { lookUp, phone } from './support/public-phone.js';
import { Harness, PBG_REQUEST } from './support/http-harness.js';
import { pdfWithJavaScript, phonePhoto, samplePdf } from './support/sample-files.js';

/**
 * Corrections handed in online (issue 22): an applicant whose dossier came
 * back for corrections uploads the corrected files from the tracking page
 * with the number and PIN; the dossier goes back into process with the files
 * in it, in the applicant's name, without a trip to the counter. Refused
 * files, a wrong PIN, a dossier not waiting for corrections and a line that
 * breaks mid-upload are each said plainly, and file nothing.
 */
const executable = chromiumPath();
if (!executable && process.env.CI === 'true') throw new Error('Chromium is needed for the online corrections test');
if (!executable) console.warn('\n*** online corrections in Chromium SKIPPED: no Chromium ***\n');

interface Doc {
  requirement: string;
  name: string;
  by: string;
  sha256: string;
}

(executable ? describe : describe.skip)('corrections sent online from the tracking page', () => {
  let h: Harness;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-online-corrections-'));
    h = await Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '', DEMO_DOSSIERS: 'false', COMPLAINT_INTAKE_MS: '200' });
    browser = await launch(executable!);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A PBG dossier the verifier returned for corrections: its number, PIN and id. */
  async function returned(reason: string) {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    expect((await h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {})).status).toBe(200);
    expect((await h.as('verifikator', 'POST', `/api/dossiers/${id}/return`, { reasons: [reason] })).status).toBe(200);
    await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${id}`),
      (d) => d.body.lifecycle === 'returned',
    );
    return { id, number: r.body.registrationNumber as string, pin: r.body.pin as string };
  }
  const documents = async (id: string) =>
    ((await h.as('supervisor', 'GET', `/api/dossiers/${id}`)).body.documents as Doc[] | undefined) ?? [];

  it("takes the corrected drawing and a photo from a phone, and the dossier is back in process with them, in the applicant's name", async () => {
    const r = await returned('Gambar struktur belum ditandatangani tenaga ahli');
    writeFileSync(join(dir, 'struktur-ttd.pdf'), samplePdf('Gambar struktur, ditandatangani Ir. Sari'));
    writeFileSync(join(dir, 'ktp.jpg'), await phonePhoto(64, 48, 3));
    const { page, ctx } = await phone(browser);
    await lookUp(page, h.url, r);
    const fix = page.getByRole('region', { name: /perlu diperbaiki/ });
    expect(await fix.innerText()).toContain('Atau kirim perbaikannya dari sini');
    await fix.getByLabel(/Gambar dan perhitungan struktur/).setInputFiles(join(dir, 'struktur-ttd.pdf'));
    await fix.getByLabel(/KTP/).setInputFiles(join(dir, 'ktp.jpg'));
    await fix.getByLabel(/Catatan untuk petugas/).fill('Gambar sudah ditandatangani');
    await Promise.all([page.waitForURL(/\/perbaikan\/diterima/), fix.getByRole('button', { name: /Kirim perbaikan/ }).click()]);
    expect(await page.locator('main').innerText()).toContain('Berkas perbaikan Anda sudah kami terima');

    // The officers' side takes it in: the files in the dossier by the applicant online, the dossier back at the desk.
    const docs = await h.eventually(
      () => documents(r.id),
      (d) => d.length === 2,
      15_000,
    );
    expect(docs.map((d) => [d.requirement, d.name, d.by]).sort()).toEqual([
      ['gambar-struktur', 'struktur-ttd.pdf', 'applicant-online'],
      ['ktp', 'ktp.jpg', 'applicant-online'],
    ]);
    const d = await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${r.id}`),
      (x) => x.body.lifecycle === 'in-process',
    );
    expect(d.body.lifecycle).toBe('in-process');
    const history = d.body.history as { type: string; officerId: string; data: { note?: string } }[];
    const resubmitted = history.find((e) => e.type === 'CorrectionsResubmitted');
    expect(resubmitted).toMatchObject({ officerId: 'applicant-online', data: { note: 'Gambar sudah ditandatangani' } });

    // Back on the page: no form any more (the dossier is not with the applicant), and sending again is refused in words.
    await lookUp(page, h.url, r);
    expect(await page.getByRole('button', { name: /Kirim perbaikan/ }).count()).toBe(0);
    const again = new FormData();
    again.set('registrationNumber', r.number);
    again.set('pin', r.pin);
    again.set('berkas-ktp', new Blob([new Uint8Array(samplePdf('KTP lagi'))], { type: 'application/pdf' }), 'ktp.pdf');
    const res = await fetch(`${h.url}/perbaikan`, { method: 'POST', body: again, redirect: 'manual' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('tidak menunggu perbaikan dari Anda');
    await ctx.close();
  }, 90_000);

  it('refuses a scripted PDF and a wrong PIN with a sentence, files nothing, and says so plainly when the line breaks', async () => {
    const r = await returned('KTP buram');
    const send = async (pin: string, file: Buffer, name: string) => {
      const form = new FormData();
      form.set('registrationNumber', r.number);
      form.set('pin', pin);
      form.set('berkas-ktp', new Blob([new Uint8Array(file)], { type: 'application/pdf' }), name);
      const res = await fetch(`${h.url}/perbaikan`, { method: 'POST', body: form, redirect: 'manual' });
      return { status: res.status, text: await res.text() };
    };
    const scripted = await send(r.pin, pdfWithJavaScript('KTP'), 'ktp.pdf');
    expect(scripted.status).toBe(422);
    expect(scripted.text).toContain('berisi JavaScript');
    const wrong = await send(r.pin === '000000' ? '111111' : '000000', samplePdf('KTP jelas'), 'ktp.pdf');
    expect(wrong.status).toBe(404);
    await new Promise((done) => setTimeout(done, 600));
    expect(await documents(r.id)).toEqual([]);

    // On the phone: the line drops as the form is sent. The page says nothing was kept and keeps the form to send again.
    writeFileSync(join(dir, 'ktp-jelas.pdf'), samplePdf('KTP jelas'));
    const { page, ctx } = await phone(browser);
    await lookUp(page, h.url, r);
    const fix = page.getByRole('region', { name: /perlu diperbaiki/ });
    await fix.getByLabel(/KTP/).setInputFiles(join(dir, 'ktp-jelas.pdf'));
    await page.route('**/perbaikan', (route) => route.abort('internetdisconnected'));
    await fix.getByRole('button', { name: /Kirim perbaikan/ }).click();
    const said = fix.locator('.upload-state.failed');
    await said.waitFor();
    expect(await said.innerText()).toContain('Koneksi terputus sebelum perbaikan terkirim; belum ada yang tersimpan');
    expect(await fix.getByRole('button', { name: /Kirim perbaikan/ }).isEnabled()).toBe(true);
    // The line is back: the same form goes through.
    await page.unroute('**/perbaikan');
    await Promise.all([page.waitForURL(/\/perbaikan\/diterima/), fix.getByRole('button', { name: /Kirim perbaikan/ }).click()]);
    await h.eventually(
      () => documents(r.id),
      (d) => d.length === 1,
      15_000,
    );
    await ctx.close();
  }, 90_000);
});
