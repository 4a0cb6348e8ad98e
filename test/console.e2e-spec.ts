/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifacts, chromiumPath, launch, seriousViolations } from './support/browser.js';
import { Harness, PBG_REQUEST } from './support/http-harness.js';
import readXlsxFile from 'read-excel-file/node';
import { pdfText } from './support/pdf.js';

/**
 * The officers' console in Debian's Chromium: a PBG dossier registered at the
 * front desk (receipt printed, its QR code read back) and walked through every
 * desk to handover, with an accessibility scan and screenshots of each page.
 */
// jsqr is CommonJS: its function is the module itself.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;
const executable = chromiumPath();
const maybe = executable ? describe : describe.skip;

/** What must never reach an officer's screen: event types, status and role codes, error codes, officer ids. */
const RAW_CODE =
  /\b(Dossier[A-Z]\w+|Step(Started|Completed)|Permit[A-Z]\w+|Fee[A-Z]\w+|in-process|awaiting-payment|front-desk|processor|back-office|[A-Z]{3,}\.[A-Z_]{3,}|officer-[a-z]+|undefined|null|NaN)\b/;

maybe("the officers' console in Chromium", () => {
  let h: Harness;
  let browser: Browser;
  let dir: string;
  const shoot = artifacts('console');
  const violations: Record<string, unknown[]> = {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-console-'));
    h = await Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '' });
    browser = await launch(executable!);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An officer's own browser: a fresh context (its own session), logged in through the form. */
  async function officer(username: string, width = 1366): Promise<{ page: Page; ctx: BrowserContext }> {
    const ctx = await browser.newContext({ viewport: { width, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${String(e)}`));
    await page.goto(`${h.url}/konsol/`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill('demo123');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();
    return { page, ctx };
  }

  /** Checks what an officer sees now: no raw code, no serious accessibility problem; keeps a screenshot. */
  async function look(page: Page, name: string): Promise<void> {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(RAW_CODE);
    violations[name] = await seriousViolations(page);
    await shoot(page, name);
  }

  async function openDossier(page: Page, number: string): Promise<void> {
    await page.getByRole('searchbox').fill(number);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
  }

  /** Takes up the dossier at this officer's desk, then runs one action (its form, its confirmation). */
  async function act(page: Page, action: string, fill: (page: Page) => Promise<void> = async () => undefined, confirm = false) {
    const claim = page.getByRole('button', { name: 'Ambil untuk dikerjakan' });
    if (await claim.isVisible()) {
      await claim.click();
      await page.getByRole('button', { name: action }).waitFor();
    }
    await page.getByRole('button', { name: action }).click();
    await fill(page);
    const submit = page.locator('form.action-form button[type=submit]');
    if (await submit.isVisible()) await submit.click();
    if (confirm) {
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toMatch(/tidak dapat dibatalkan|akan/);
      await dialog.getByRole('button', { name: 'Ya, lanjutkan' }).click();
    }
    await page.getByRole('status').filter({ hasText: 'Tersimpan.' }).waitFor();
  }

  it('registers a PBG dossier from the service definition, with a summary, a printable receipt and its QR code', async () => {
    const { page, ctx } = await officer('loket');
    await look(page, 'home-front-desk-1366');
    await page.getByRole('link', { name: 'Registrasi berkas' }).click();
    // A business service asks for the NIB (13 digits from OSS).
    await page.getByLabel('Pilih layanan').selectOption('reklame');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    expect(await page.getByText('NIB harus 13 digit').isVisible()).toBe(true);
    await page.getByLabel('Pilih layanan').selectOption('pbg');
    // Mandatory requirements are marked; an invalid NIK and an out-of-range index are refused in words, before anything is sent.
    expect(await page.getByText('wajib').count()).toBe(5);
    await page.getByLabel(/Nama pemohon/).fill('Sari Wulandari');
    await page.getByLabel('NIK (16 digit)').fill('1234');
    await page.getByLabel(/Indeks terintegrasi/).fill('120');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    expect(await page.getByText('NIK harus 16 digit').isVisible()).toBe(true);
    expect(await page.getByText(/Harus antara 0.001 dan 5 index/).isVisible()).toBe(true);
    await look(page, 'register-refused-1366');
    await page.getByLabel('NIK (16 digit)').fill('3273014508850002');
    await page.getByLabel(/Telepon/).fill('(021) 555-1234');
    await page.getByLabel(/E-mail/).fill('sari@');
    await page.getByLabel(/NIB badan usaha/).fill('91200');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    expect(await page.getByText('Alamat e-mail tidak sah').isVisible()).toBe(true);
    expect(await page.getByText('NIB harus 13 digit').isVisible()).toBe(true);
    await page.getByLabel(/E-mail/).fill('sari@example.id');
    await page.getByLabel(/NIB badan usaha/).fill('');
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByLabel(/Luas lantai/).fill('150');
    await page.getByLabel(/Indeks terintegrasi/).fill('0.0125');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('heading', { name: 'Periksa sebelum mendaftarkan' }).waitFor();
    // The consent to notices (ticked with the requirements above) is read back before anything is sent.
    expect(await page.locator('dl').innerText()).toMatch(/sari@example\.id[\s\S]*Pemberitahuan\s*Ya, dalam Bahasa Indonesia/);
    await page.getByRole('button', { name: 'Daftarkan berkas' }).click();

    const number = (await page.getByTestId('receipt-number').innerText()).trim();
    const pin = (await page.getByTestId('receipt-pin').innerText()).trim();
    expect(number).toMatch(/^PBG-\d{4}-\d{6}$/);
    expect(pin).toMatch(/^\d{6}$/);
    await page
      .getByText(/\d{1,2} \w+ \d{4}/)
      .first()
      .waitFor(); // the expected completion date
    await look(page, 'receipt-1366');

    // The QR code, read back from its pixels, opens public tracking with the number filled in.
    const svg = await page.locator('.receipt .qr').innerHTML();
    const pixels = await page.evaluate(async (markup: string) => {
      const img = new Image();
      img.src = `data:image/svg+xml;base64,${btoa(markup)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 300;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 300, 300);
      g.drawImage(img, 0, 0, 300, 300);
      return Array.from(g.getImageData(0, 0, 300, 300).data);
    }, svg);
    const decoded = jsQR(Uint8ClampedArray.from(pixels), 300, 300);
    expect(decoded?.data).toBe(`${h.url}/?nomor=${number}`);
    const tracking = await ctx.newPage();
    await tracking.goto(decoded!.data);
    expect(await tracking.locator('#reg').inputValue()).toBe(number);
    await tracking.locator('#pin').fill(pin);
    await tracking.getByRole('button').first().click();
    await tracking.getByText('Sedang diproses').first().waitFor();
    // The applicant's contacts stay on the officers' side.
    expect(await tracking.locator('body').innerText()).not.toMatch(/sari@example|5551234/);
    await tracking.close();

    // Print: the console's chrome is gone, and the layouts print on A5 and on an 80 mm slip.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('.receipt').isVisible()).toBe(true);
    await page.emulateMedia({ media: null });
    const a5 = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    await page.getByLabel('Struk 80 mm').check();
    const slip = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
    const width = (pdf: string) => Number(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)/.exec(pdf)?.[1]);
    // Points, as Chromium rounds them: A5 is 148 mm (419.5 pt), the slip 80 mm (226.8 pt).
    expect(Math.abs(width(a5) - 419.5)).toBeLessThan(2);
    expect(Math.abs(width(slip) - 226.8)).toBeLessThan(2);
    await shoot(page, 'receipt-thermal-1366');

    // The form is empty again: registering the same applicant twice takes a new, deliberate form.
    await page.getByRole('link', { name: 'Registrasi baru' }).click();
    await page.getByLabel('Pilih layanan').selectOption('pbg');
    expect(await page.getByLabel(/Nama pemohon/).inputValue()).toBe('');
    await ctx.close();
    expect(await registered(number)).toBe(1);
    walked.number = number;
    walked.pin = pin;
  }, 120_000);

  const walked = { number: '', pin: '' };
  const registered = async (number: string) => {
    const r = await h.as('supervisor', 'GET', `/api/search?q=${number}`);
    return r.body.total as number;
  };

  it('walks the dossier through every desk to handover, each officer seeing only their actions', async () => {
    const { number } = walked;
    expect(number).not.toBe('');

    // Back office: the queue, sorted and paged, then forward with a confirmation.
    let { page, ctx } = await officer('verifikator');
    await page.getByRole('link', { name: /Back Office/ }).click();
    await page.getByRole('link', { name: number }).waitFor();
    await look(page, 'queue-back-office-1366');
    await page.getByLabel('Urutkan').selectOption('oldest');
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    // What the counter received, as the service lists it.
    expect(await page.getByRole('region', { name: 'Persyaratan diterima' }).innerText()).toContain('Surat kuasa (bila dikuasakan)');
    // What the applicant was told: with no channel set up here, the notice went to the log, and the page says so.
    const notices = page.getByRole('table', { name: 'Pemberitahuan ke pemohon' });
    expect(await notices.innerText()).toMatch(/Berkas diterima[\s\S]*(Belum ada saluran|E-mail)/);
    // Whom to call, and whether the applicant takes notices (officers' side only).
    expect(await page.locator('dl').first().innerText()).toMatch(/sari@example\.id[\s\S]*Pemberitahuan: Ya, dalam Bahasa Indonesia/);
    // Only this desk's actions: no fee, approval or signature here.
    expect(await page.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
    await act(page, 'Teruskan ke tahap berikutnya', undefined, true);
    await look(page, 'dossier-forwarded-1366');
    await ctx.close();

    for (const [user, positive] of [
      ['tpa', 'Memenuhi standar teknis'],
      ['pupr', 'SPPST terbit'],
    ]) {
      ({ page, ctx } = await officer(user));
      await openDossier(page, number);
      await act(page, 'Rekomendasi: memenuhi syarat', async (p) => p.getByLabel('Catatan').fill(positive));
      await ctx.close();
    }

    // The fee: the SKRD previewed from the definition's formula before it goes out, issued, found wrong,
    // cancelled with a reason (it stays in the trail), issued again from the corrected floor area, paid, forwarded.
    ({ page, ctx } = await officer('kasir', 1024));
    await openDossier(page, number);
    await page.getByRole('button', { name: 'Ambil untuk dikerjakan' }).click();
    await page.getByRole('button', { name: 'Tetapkan retribusi (SKRD)' }).waitFor();
    // Now it is in the fee desk's "held by me" filter, which the API applies over the whole queue.
    await page.getByRole('link', { name: 'Antrean meja saya' }).click();
    await page.getByRole('link', { name: /Penetapan Retribusi/ }).click();
    await page.getByLabel('Hanya yang saya kerjakan').check();
    await page.waitForURL(/mine=true/);
    await page.getByRole('link', { name: number }).waitFor();
    const rows = await page.locator('table tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain('Wati (Retribusi)');
    await look(page, 'queue-held-by-me-1024');
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    const issueSkrd = async (area?: string) => {
      await page.getByRole('button', { name: 'Tetapkan retribusi (SKRD)' }).click();
      const floor = page.getByLabel(/Luas lantai/);
      // The inputs come as registered at the counter.
      await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="luas-lantai"]')?.value === '150');
      if (area) await floor.fill(area);
      await page.locator('form.action-form button[type=submit]').click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const preview = await dialog.innerText();
      await look(page, area ? 'dossier-fee-preview-corrected-1024' : 'dossier-fee-preview-1024');
      await dialog.getByRole('button', { name: 'Terbitkan SKRD' }).click();
      await page.getByRole('status').filter({ hasText: 'Tersimpan.' }).waitFor();
      return preview;
    };
    // Out of the definition's range: refused in the form, nothing issued.
    await page.getByRole('button', { name: 'Tetapkan retribusi (SKRD)' }).click();
    // The form fills itself from the registration first; typing before that would be overwritten.
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name="luas-lantai"]')?.value === '150');
    await page.getByLabel(/Luas lantai/).fill('500000');
    await page.locator('form.action-form button[type=submit]').click();
    await page.getByRole('alert').filter({ hasText: 'Harus antara 1 dan 200000 m2' }).waitFor();
    await page.getByRole('button', { name: 'Batal', exact: true }).click();
    // 150 m2 x index 0.0125 x Rp 1.500.000, as the definition's formula gives, stated before it is issued.
    expect(await issueSkrd()).toMatch(/total Rp 2\.812\.500/);
    await page.getByText('Rp 2.812.500').first().waitFor();
    await act(
      page,
      'Batalkan SKRD untuk dikoreksi',
      async (p) => p.getByLabel(/Alasan/).fill('Luas lantai terukur 140 m2, bukan 150'),
      true,
    );
    expect(await page.getByRole('table', { name: 'SKRD yang dibatalkan' }).innerText()).toContain('Luas lantai terukur 140 m2');
    expect(await issueSkrd('140')).toMatch(/total Rp 2\.625\.000/);
    await page.getByText('Rp 2.625.000').first().waitFor();
    await look(page, 'dossier-fee-1024');
    await act(page, 'Catat pembayaran', async (p) => p.getByLabel('Nomor bukti bayar').fill('BPD-0001'));
    // With money paid on it, the bill can no longer be cancelled.
    expect(await page.getByRole('button', { name: 'Batalkan SKRD untuk dikoreksi' }).count()).toBe(0);
    await act(page, 'Teruskan ke tahap berikutnya', undefined, true);
    await ctx.close();

    for (const [user, action] of [
      ['kabid', 'Setujui'],
      ['kadis', 'Tandatangani izin'],
      ['tu', 'Terbitkan izin'],
    ]) {
      ({ page, ctx } = await officer(user));
      await openDossier(page, number);
      await act(page, action, undefined, true);
      await ctx.close();
    }

    ({ page, ctx } = await officer('loket'));
    await openDossier(page, number);
    await act(page, 'Serahkan izin');
    await page.getByText('Izin diserahkan kepada pemohon').first().waitFor();
    // The trail in words: who, what, with the notes given on the way.
    const trail = await page.locator('ol.timeline').innerText();
    expect(trail).toContain('Memenuhi standar teknis');
    expect(trail).toContain('Retribusi ditetapkan');
    expect(trail).toContain('SKRD dibatalkan untuk dikoreksi');
    expect(trail).toContain('Luas lantai terukur 140 m2, bukan 150');
    expect(trail).toMatch(/oleh \w+/);
    await look(page, 'dossier-handed-over-1366');
    // Time travel: the dossier as it was right after the fee was assessed, from the event log.
    await page
      .locator('ol.timeline > li')
      .filter({ hasText: 'Retribusi ditetapkan' })
      .first()
      .getByRole('button', { name: 'Lihat keadaan saat itu' })
      .click();
    const then = page.locator('section.asof');
    await then.getByText(/setelah: Retribusi ditetapkan/).waitFor();
    expect(await then.innerText()).toContain('Menunggu pembayaran retribusi');
    expect(await then.innerText()).toContain('Rp 2.625.000');
    await look(page, 'dossier-as-of-fee-1366');
    await then.getByRole('button', { name: 'Kembali ke keadaan sekarang' }).click();
    expect(await page.locator('section.asof').count()).toBe(0);
    // In English, the same page.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Permit handed over to the applicant').first().waitFor();
    await look(page, 'dossier-handed-over-en-1366');
    await ctx.close();

    const pub = await h.track(number, walked.pin);
    expect(pub.body.status).toMatchObject({ code: 'completed' });
  }, 180_000);

  it('returns a dossier for correction, takes the corrections in at the front desk, then rejects it with reasons', async () => {
    // Registered through the API: the form is tested above.
    const registered = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const number = registered.body.registrationNumber as string;
    await h.eventually(
      () => h.as('verifikator', 'GET', `/api/search?q=${number}`),
      (r) => r.body.total === 1,
    );
    let { page, ctx } = await officer('verifikator');
    await openDossier(page, number);
    await act(page, 'Kembalikan untuk perbaikan', (p) => p.getByLabel(/Alasan/).fill('KTP buram\nGambar struktur belum ditandatangani'));
    // The back office's queue no longer holds it; its "returned" filter does, with the reasons.
    await page.getByRole('link', { name: 'Antrean meja saya' }).click();
    await page.getByRole('link', { name: /Back Office/ }).click();
    await page.getByLabel('Dikembalikan ke pemohon oleh meja ini').check();
    await page.getByRole('link', { name: number }).waitFor();
    expect(await page.locator('table').innerText()).toContain('KTP buram');
    await look(page, 'queue-returned-filter-1366');
    await ctx.close();

    // The front desk's list of dossiers waiting for corrections shows what the applicant must bring.
    ({ page, ctx } = await officer('loket'));
    await page.getByRole('link', { name: /Menunggu perbaikan pemohon/ }).click();
    await page.getByText('Gambar struktur belum ditandatangani').waitFor();
    await look(page, 'returned-queue-1366');
    await page.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    await act(page, 'Terima perbaikan', (p) => p.getByLabel('Catatan').fill('KTP baru diterima'));
    await ctx.close();

    // Back at the back office: a recommendation to reject, which sends it to the decision desk (D6)...
    ({ page, ctx } = await officer('verifikator', 1024));
    await openDossier(page, number);
    await act(page, 'Usulkan penolakan', (p) => p.getByLabel(/Alasan/).fill('KDB melebihi ketentuan RTRW'), true);
    await ctx.close();
    // ... where the only action left is the rejection, after a confirmation that says it cannot be undone.
    ({ page, ctx } = await officer('kabid', 1024));
    await openDossier(page, number);
    expect(await page.getByText('Ada usulan penolakan').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Ambil untuk dikerjakan' }).click();
    await page.getByRole('button', { name: 'Tolak permohonan' }).waitFor();
    expect(await page.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
    await act(page, 'Tolak permohonan', (p) => p.getByLabel(/Alasan/).fill('KDB melebihi ketentuan RTRW'), true);
    await page.getByText('Permohonan ditolak').first().waitFor();
    const trail = await page.locator('ol.timeline').innerText();
    expect(trail).toContain('Dikembalikan ke pemohon untuk perbaikan');
    expect(trail).toContain('KTP buram');
    expect(trail).toContain('Perbaikan diterima dari pemohon');
    expect(trail).toContain('KDB melebihi ketentuan RTRW');
    expect(await page.getByRole('button', { name: 'Ambil untuk dikerjakan' }).count()).toBe(0);
    await look(page, 'dossier-rejected-1024');
    // The rejection letter the applicant is handed: its number, the reasons, and where to object.
    const [letter] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Unduh surat penolakan (PDF)' }).click(),
    ]);
    const text = await pdfText(readFileSync((await letter.path())!));
    expect(text).toMatch(/SURAT PENOLAKAN PERMOHONAN[\s\S]*Nomor: SP\/2026\/\d{6}/);
    expect(text).toContain('KDB melebihi ketentuan RTRW');
    expect(text).toContain(PBG_REQUEST.applicant.name);
    expect(text).toContain('SP4N-LAPOR');
    await ctx.close();
    const pub = await h.track(number, registered.body.pin as string);
    expect(pub.body.status).toMatchObject({ code: 'rejected' });
  }, 120_000);

  it('lets a supervisor hand a dossier held at a desk to another officer there, with a reason in the trail', async () => {
    const registered = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = registered.body.dossierId as string;
    const number = registered.body.registrationNumber as string;
    await h.eventually(
      () => h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {}),
      (r) => r.status === 200,
    );
    const { page, ctx } = await officer('supervisor');
    await h.eventually(
      () => h.as('supervisor', 'GET', `/api/search?q=${number}`),
      (r) => r.body.total === 1,
    );
    await openDossier(page, number);
    await page.getByText('Dikerjakan oleh: Agus Verifikator').waitFor();
    await look(page, 'dossier-supervisor-1366');
    await page.getByLabel('Petugas tujuan').selectOption({ label: 'Lina Verifikator' });
    await page.getByLabel('Alasan').fill('Agus cuti sakit hari ini');
    await page.getByRole('button', { name: 'Alihkan ke petugas lain' }).click();
    await page.getByRole('status').filter({ hasText: 'Tersimpan.' }).waitFor();
    await page.getByText('Dikerjakan oleh: Lina Verifikator').waitFor();
    const trail = await page.locator('ol.timeline').innerText();
    expect(trail).toContain('Berkas dialihkan ke petugas lain');
    expect(trail).toContain('Agus cuti sakit hari ini');
    await ctx.close();
    const detail = await h.as('supervisor', 'GET', `/api/dossiers/${id}`);
    const colleagues = (await h.as('supervisor', 'GET', '/api/colleagues')).body as unknown as { officerId: string; name: string }[];
    expect((detail.body.holders as Record<string, string>)['back-office']).toBe(
      colleagues.find((c) => c.name === 'Lina Verifikator')?.officerId,
    );
  }, 120_000);

  it("gives supervisors a dashboard of the day's flow, backlog per desk, on-time rates over time, time per desk and stuck dossiers, with CSV and XLSX export", async () => {
    for (const width of [1366, 1024]) {
      const { page, ctx } = await officer('supervisor', width);
      await page.getByRole('link', { name: 'Dasbor pengawasan' }).click();
      await page.getByRole('img', { name: 'Berkas masuk dan selesai per hari' }).waitFor();
      // The desks' waiting counts are their queues' totals (what each desk sees).
      const row = page.locator('tr').filter({ has: page.getByRole('link', { name: /Back Office/ }) });
      const waiting = Number(await row.locator('td').nth(1).innerText());
      const queue = await h.as('supervisor', 'GET', '/api/queues/back-office?limit=1');
      expect(waiting).toBe(queue.body.total);
      expect(await page.getByRole('heading', { name: /Berkas macet/ }).isVisible()).toBe(true);
      await look(page, `dashboard-${width}`);
      if (width === 1366) {
        const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).first().click()]);
        const bytes = readFileSync((await file.path())!);
        const lines = bytes
          .toString('utf8')
          .replace(/^\uFEFF/, '')
          .trim()
          .split(/\r\n/);
        expect(lines[0]).toBe('Tanggal,Masuk,Selesai');
        expect(lines.length).toBe(31); // the default period: the last 30 days
        // The three dossiers this suite registered, all today.
        expect(lines.slice(1).reduce((n, l) => n + Number(l.split(',')[1]), 0)).toBe(3);
        // Every table in one workbook, numbers as numbers, agreeing with the queues.
        const [xlsx] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Unduh XLSX (semua tabel)' }).click(),
        ]);
        expect(xlsx.suggestedFilename()).toMatch(/^berkas-dasbor-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
        const sheets = await readXlsxFile(readFileSync((await xlsx.path())!));
        expect(sheets.map((s) => s.sheet)).toEqual([
          'Alur harian',
          'Layanan',
          'Meja',
          'Tren layanan',
          'Tren meja',
          'Berkas macet',
          'Terlama',
          'IKM (SKM)',
        ]);
        const desks = sheets.find((s) => s.sheet === 'Meja')!.data;
        expect(desks[0].slice(0, 2)).toEqual(['Meja', 'Dalam antrean']);
        expect(desks.find((r) => String(r[0]).startsWith('Back Office'))?.[1]).toBe(queue.body.total);
        const flow = sheets.find((s) => s.sheet === 'Alur harian')!.data;
        expect(flow.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(3);
        // On time over the period: the closed PBG dossiers (handed over and rejected today) each counted once.
        const board = (await h.as('supervisor', 'GET', '/api/dashboard')).body as unknown as {
          trend: { unit: string; buckets: string[]; services: { service: string; points: { count: number; rate: number | null }[] }[] };
        };
        const stats = (await h.as('supervisor', 'GET', '/api/statistics')).body as unknown as {
          services: { service: string; closed: number }[];
        };
        expect(board.trend.unit).toBe('day');
        expect(board.trend.buckets).toHaveLength(30);
        const pbg = board.trend.services.find((x) => x.service === 'pbg')!;
        expect(pbg.points.reduce((n, p) => n + p.count, 0)).toBe(stats.services.find((x) => x.service === 'pbg')!.closed);
        expect(pbg.points.at(-1)!.rate).toBe(100);
        const trendRows = sheets.find((s) => s.sheet === 'Tren layanan')!.data.slice(1);
        expect(trendRows.filter((r) => r[0] === board.trend.buckets.at(-1)).map((r) => r[2])).toContain(pbg.points.at(-1)!.count);
        // The stuck threshold is the supervisor's to choose.
        await page.getByLabel('Macet setelah (hari kerja)').fill('1');
        await page.getByRole('button', { name: 'Terapkan' }).click();
        await page.getByRole('heading', { name: /tidak bergerak 1 hari kerja/ }).waitFor();
      }
      await page.getByRole('img', { name: 'Berkas selesai tepat waktu per layanan (%)' }).waitFor();
      await page.getByRole('img', { name: 'Tahap selesai tepat waktu per meja (%)' }).waitFor();
      await page.getByRole('img', { name: 'Rata-rata waktu per meja (jam)' }).waitFor();
      await ctx.close();
    }
    expect((await h.as('verifikator', 'GET', '/api/dashboard')).status).toBe(403);
    const backwards = await h.as('supervisor', 'GET', '/api/dashboard?from=2026-12-01&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('from');
    expect((await h.as('supervisor', 'GET', '/api/dashboard?stuckAfter=0')).status).toBe(400);
    expect((await h.as('verifikator', 'GET', '/api/dashboard/xlsx')).status).toBe(403);
  }, 120_000);

  it('lets an administrator create an officer, change their desks and deactivate them', async () => {
    const { page, ctx } = await officer('admin');
    await page.getByRole('link', { name: 'Petugas', exact: true }).click();
    await page.getByRole('heading', { name: 'Petugas baru' }).waitFor();
    const form = page.locator('section.card').filter({ hasText: 'Petugas baru' });
    await form.getByLabel('Nama pengguna').fill('verifikator3');
    await form.getByLabel('Nama petugas').fill('Dewi Verifikator');
    await form.getByLabel('Peran').selectOption({ label: 'Petugas pemroses' });
    await form.getByLabel('Back Office (Verifikasi)').check();
    await form.getByLabel(/Kata sandi awal/).fill('rahasia-baru-123');
    await form.getByRole('button', { name: 'Buat akun' }).click();
    const row = page.locator('tr').filter({ hasText: 'verifikator3' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Back Office (Verifikasi)');
    expect((await h.request('POST', '/api/auth/login', { username: 'verifikator3', password: 'rahasia-baru-123' })).status).toBe(200);
    // The same username again is refused in words.
    await form.getByLabel('Nama pengguna').fill('verifikator3');
    await form.getByLabel('Nama petugas').fill('Orang Lain');
    await form.getByLabel(/Kata sandi awal/).fill('rahasia-lain-456');
    await form.getByRole('button', { name: 'Buat akun' }).click();
    await page.getByRole('alert').filter({ hasText: 'Nama pengguna itu sudah dipakai' }).waitFor();
    // Desks changed: TPA added.
    await row.getByRole('button', { name: 'Ubah meja' }).click();
    await row.getByLabel('Tim Profesi Ahli (TPA)').check();
    await row.getByRole('button', { name: 'Simpan meja' }).click();
    await page.locator('tr').filter({ hasText: 'verifikator3' }).filter({ hasText: 'Tim Profesi Ahli (TPA)' }).waitFor();
    await look(page, 'officers-1366');
    // Deactivated after a confirmation: no more logins.
    await page.locator('tr').filter({ hasText: 'verifikator3' }).getByRole('button', { name: 'Nonaktifkan' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ya, lanjutkan' }).click();
    await page.locator('tr').filter({ hasText: 'verifikator3' }).filter({ hasText: 'Nonaktif' }).waitFor();
    expect((await h.request('POST', '/api/auth/login', { username: 'verifikator3', password: 'rahasia-baru-123' })).status).toBe(401);
    await ctx.close();
  }, 120_000);

  it('lets a supervisor revoke a handed-over permit, with a reason and a confirmation that says what happens', async () => {
    const { page, ctx } = await officer('supervisor');
    await openDossier(page, walked.number);
    await act(page, 'Cabut izin', async (p) => p.getByLabel(/Alasan/).fill('Bangunan didirikan menyimpang dari gambar'), true);
    await page.getByText('Izin dicabut oleh penerbit').first().waitFor();
    expect(await page.getByRole('button', { name: 'Cabut izin' }).count()).toBe(0);
    await look(page, 'dossier-revoked-1366');
    await ctx.close();
  }, 60_000);

  it("puts an applicant's complaint in the supervisors' queue with its deadline, and takes the answer", async () => {
    // Filed from the tracking page's form, as the applicant would (number and PIN from the receipt).
    const filed = await fetch(`${h.url}/pengaduan`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        registrationNumber: walked.number,
        pin: walked.pin,
        category: 'service',
        text: 'Petugas tidak menjelaskan cara membayar.',
      }).toString(),
    });
    const number = /ADU-[A-Z0-9]+/.exec(await filed.text())?.[0];
    expect(number).toBeDefined();
    const { page, ctx } = await officer('supervisor');
    await page.getByRole('link', { name: 'Pengaduan', exact: true }).click();
    const card = page.locator('article').filter({ hasText: number! });
    for (let i = 0; i < 30 && !(await card.count()); i++) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(await card.innerText()).toMatch(/Sikap petugas[\s\S]*Jawab paling lambat[\s\S]*Petugas tidak menjelaskan cara membayar/);
    await look(page, 'complaints-1366');
    await card.getByLabel(/Jawaban untuk pemohon/).fill('Mohon maaf; cara membayar kini tertulis pada SKRD dan di halaman lacak.');
    await card.getByRole('button', { name: 'Kirim jawaban' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Pengaduan ${number} dijawab.` })
      .waitFor();
    expect(await page.locator('article').filter({ hasText: number! }).count()).toBe(0);
    await ctx.close();
  }, 60_000);

  it('loads in under 200 kB of compressed script, served compressed and cached for good', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const scripts: { url: string; encoding?: string; cache?: string; bytes: number }[] = [];
    page.on('response', async (r) => {
      if (r.request().resourceType() !== 'script') return;
      const sizes = await r.request().sizes();
      scripts.push({
        url: r.url(),
        encoding: r.headers()['content-encoding'],
        cache: r.headers()['cache-control'],
        bytes: sizes.responseBodySize,
      });
    });
    await page.goto(`${h.url}/konsol/`);
    await page.getByLabel('Nama pengguna').waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.encoding).toBe('br');
      expect(s.cache).toContain('immutable');
    }
    // What crossed the wire for the page's script, against the issue's budget.
    expect(scripts.reduce((n, s) => n + s.bytes, 0)).toBeLessThan(200_000);
    // The page ran on the compressed bytes (the login form is there); a client that takes no compression gets the raw build.
    const raw = await fetch(scripts[0].url, { headers: { 'accept-encoding': 'identity' } });
    expect(raw.headers.get('content-encoding')).toBeNull();
    const plain = Buffer.from(await raw.arrayBuffer());
    expect(plain.length).toBeGreaterThan(scripts[0].bytes);
    await ctx.close();
  }, 60_000);

  it('shows every page whole at 1366x768 and 1024x768 (screenshots kept), with nothing wider than the window', async () => {
    const { number } = walked;
    for (const width of [1366, 1024]) {
      // The login page, before anyone is in.
      const ctx0 = await browser.newContext({ viewport: { width, height: 768 }, locale: 'id-ID' });
      const login = await ctx0.newPage();
      await login.goto(`${h.url}/konsol/`);
      await login.getByLabel('Nama pengguna').waitFor();
      await look(login, `login-${width}`);
      await ctx0.close();
      const tour: [string, [string, string, string][]][] = [
        [
          'loket',
          [
            ['home-front-desk', '/konsol/', 'Antrean meja saya'],
            ['register', '/konsol/registrasi', 'Registrasi berkas'],
            ['returned-queue', '/konsol/perbaikan', 'Menunggu perbaikan pemohon'],
            ['search', `/konsol/cari?q=${number}`, 'Hasil pencarian'],
          ],
        ],
        [
          'verifikator',
          [
            ['queue-back-office', '/konsol/antrean/back-office', 'Back Office (Verifikasi)'],
            ['dossier', `/konsol/berkas/${number}`, number],
          ],
        ],
        [
          'supervisor',
          [
            ['dashboard', '/konsol/dasbor', 'Dasbor pengawasan'],
            ['complaints', '/konsol/pengaduan', 'Pengaduan'],
          ],
        ],
        ['admin', [['officers', '/konsol/petugas', 'Petugas']]],
      ];
      for (const [user, pages] of tour) {
        const { page, ctx } = await officer(user, width);
        for (const [name, path, heading] of pages) {
          await page.goto(`${h.url}${path}`);
          await page.getByRole('heading', { name: heading }).first().waitFor();
          if (name === 'register') await page.getByLabel('Pilih layanan').selectOption('pbg');
          // A page that scrolls sideways at an office monitor's width is one nobody reads whole.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          await look(page, `tour-${name}-${width}`);
        }
        await ctx.close();
      }
    }
  }, 180_000);

  it('has no serious accessibility violations on any page it visited, and no script error', () => {
    expect(pageErrors).toEqual([]);
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(33);
    expect(Object.entries(violations).filter(([, v]) => v.length)).toEqual([]);
  });
});
