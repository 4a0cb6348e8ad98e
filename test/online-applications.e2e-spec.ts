/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, consoleSession } from './support/console-session.js';
import { seriousViolations } from './support/browser.js';
import { phone } from './support/public-phone.js';
import { PBG_REQUEST } from './support/http-harness.js';
import { pdfWithJavaScript, phonePhoto, samplePdf } from './support/sample-files.js';

/**
 * Applications handed in online (issue 22, item 5a): the applicant fills a
 * service's form on the public site with a file per requirement and gets an
 * application number and a PIN; the front desk or the verifier accepts it as
 * a registration (the applicant then tracks the dossier) or returns it with
 * reasons; nobody else reads it; an address's applications are limited.
 */
if (!chromium && process.env.CI === 'true') throw new Error('Chromium is needed for the online application test');
if (!chromium) console.warn('\n*** online applications in Chromium SKIPPED: no Chromium ***\n');

interface Problem {
  status: number;
  text: string;
}

/** The PBG form as a phone posts it: the applicant, the building, the floor area, the five drawings and papers, consent. */
function pbgForm(
  o: { name?: string; nik?: string; consent?: boolean; floor?: string; skip?: string[]; pdf?: (what: string) => Buffer } = {},
) {
  const form = new FormData();
  const p = PBG_REQUEST.particulars as Record<string, string | number>;
  form.set('nama', o.name ?? 'Siti Rahmawati');
  form.set('nik', o.nik ?? '3273014512900002');
  form.set('telepon', '0812 3456 7890');
  form.set('email', 'siti@example.id');
  form.set('pemberitahuan', 'ya');
  if (o.consent !== false) form.set('persetujuan', 'ya');
  for (const [k, v] of Object.entries(p)) form.set(`p-${k}`, String(v));
  form.set('i-luas-lantai', o.floor ?? '120,5');
  form.set('catatan', 'Rumah tinggal dua lantai');
  const pdf = o.pdf ?? samplePdf;
  for (const r of PBG_REQUEST.requirements)
    if (!o.skip?.includes(r))
      form.append(`berkas-${r}`, new Blob([new Uint8Array(pdf(`${r} Siti`))], { type: 'application/pdf' }), `${r}.pdf`);
  return form;
}

(chromium ? describe : describe.skip)('applications handed in online', () => {
  const session = consoleSession('online-applications', { DEMO_DOSSIERS: 'false' });
  const { officer, look, violations, pageErrors } = session;
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'berkas-apply-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const post = async (service: string, form: FormData): Promise<Problem & { location: string | null }> => {
    const res = await fetch(`${session.h.url}/daftar/${service}`, { method: 'POST', body: form, redirect: 'manual' });
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  };
  /** Applications this address (the test's) filed today. */
  let filed = 0;
  /** Files a good application: its number, PIN and the draft's id as the desk sees it. */
  async function apply(form = pbgForm()) {
    const r = await post('pbg', form);
    expect(r.status).toBe(303);
    filed++;
    const page = await (await fetch(`${session.h.url}${r.location}`)).text();
    const number = /class="draft-number">([^<]+)</.exec(page)![1];
    const pin = /class="draft-pin">(\d{6})</.exec(page)![1];
    const listed = (await session.h.as('loket', 'GET', '/api/drafts')).body.items as { id: string; number: string }[];
    return { number, pin, id: listed.find((d) => d.number === number)!.id };
  }
  const status = async (number: string, pin: string) => {
    const res = await fetch(`${session.h.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ registrationNumber: number, pin }),
    });
    return { status: res.status, text: await res.text() };
  };

  it('answers a form with mistakes field by field, filled in as it was sent, and files nothing', async () => {
    const list = await (await fetch(`${session.h.url}/daftar`)).text();
    expect(list).toContain('href="daftar/pbg"');
    expect(list).toContain('Persetujuan Bangunan Gedung');
    const r = await post('pbg', pbgForm({ nik: '123', consent: false, floor: '900000', skip: ['ktp'] }));
    expect(r.status).toBe(400);
    expect(r.text).toContain('Perbaiki isian yang ditandai');
    expect(r.text).toContain('NIK tidak sah');
    expect(r.text).toContain('Lampirkan berkas &quot;KTP pemohon&quot;');
    expect(r.text).toMatch(/Luas lantai total \(LLt\) antara 1 dan 200\.000 m2/);
    expect(r.text).toContain('hanya dapat dikirim dengan persetujuan');
    // What was typed comes back (the files are chosen again), and nothing reached the desk.
    expect(r.text).toContain('value="Siti Rahmawati"');
    expect(r.text).not.toMatch(/[A-Z]{3,}\.[A-Z_]{3,}/);
    const scripted = await post('pbg', pbgForm({ pdf: pdfWithJavaScript }));
    expect(scripted.status).toBe(422);
    expect(scripted.text).toContain('berisi JavaScript');
    expect((await session.h.as('loket', 'GET', '/api/drafts')).body.items).toEqual([]);
    expect((await fetch(`${session.h.url}/daftar/tidak-ada`)).status).toBe(404);
  }, 60_000);

  it('is accepted by the verifier: the dossier is registered with its files and the applicant tracks it with its new number', async () => {
    const a = await apply();
    expect(a.number).toMatch(/^DAFTAR-\d{4}-[A-Z0-9]{6}$/);
    expect((await status(a.number, a.pin)).text).toContain('Menunggu diperiksa petugas');
    expect((await status(a.number, a.pin === '000000' ? '111111' : '000000')).status).toBe(404);

    // Only the front desk, supervisors and the verifiers of the service's first desk see it; the technical desk does not.
    const mine = (await session.h.as('verifikator', 'GET', '/api/drafts')).body.items as { number: string; files: number }[];
    expect(mine.find((d) => d.number === a.number)?.files).toBe(5);
    expect((await session.h.as('tpa', 'GET', '/api/drafts')).body.items).toEqual([]);
    expect((await session.h.as('tpa', 'GET', `/api/drafts/${a.id}`)).status).toBe(404);
    const draft = (await session.h.as('verifikator', 'GET', `/api/drafts/${a.id}`)).body as {
      application: { applicant: { name: string; phone: string }; inputs: Record<string, number> };
      files: { sha256: string }[];
    };
    expect(draft.application.applicant).toMatchObject({ name: 'Siti Rahmawati', phone: '081234567890' });
    expect(draft.application.inputs).toEqual({ 'luas-lantai': 120.5 });
    const file = await fetch(`${session.h.url}/api/drafts/${a.id}/files/${draft.files[0].sha256}`, {
      headers: { authorization: `Bearer ${await session.h.login('verifikator')}` },
    });
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const accepted = await session.h.as('verifikator', 'POST', `/api/drafts/${a.id}/accept`, {});
    expect(accepted.status).toBe(200);
    const { dossierId, registrationNumber } = accepted.body as { dossierId: string; registrationNumber: string };
    expect(registrationNumber).toMatch(/^PBG-\d{4}-\d{6}$/);
    // Accepting twice registers nothing twice.
    expect((await session.h.as('loket', 'POST', `/api/drafts/${a.id}/accept`, {})).status).toBe(409);
    const d = await session.h.eventually(
      () => session.h.as('supervisor', 'GET', `/api/dossiers/${dossierId}`),
      (x) => (x.body.documents as unknown[] | undefined)?.length === 5,
      10_000,
    );
    expect(d.body.requirements).toEqual([...PBG_REQUEST.requirements].sort());
    expect(d.body.particulars).toMatchObject({ fungsi: 'hunian' });
    const registered = (d.body.history as { type: string; officerId: string }[]).find((e) => e.type === 'DossierRegistered');
    expect(registered?.officerId).toBe('officer-verifikator');
    // Every read of the draft is in the access log, under its number.
    const log = (await session.h.as('supervisor', 'GET', `/api/access-log?dossierId=${a.id}`)).body.items as { what: string }[];
    expect(log.map((e) => e.what)).toEqual(
      expect.arrayContaining(['online application', expect.stringMatching(/^online application file /), 'online application accepted']),
    );

    // The applicant's status shows the registration number and the receipt's PIN, which open the dossier's page.
    const shown = (await status(a.number, a.pin)).text;
    expect(shown).toContain(registrationNumber);
    const receiptPin = /class="receipt-pin">(\d{6})</.exec(shown)![1];
    const tracked = await status(registrationNumber, receiptPin);
    expect(tracked.status).toBe(200);
    expect(tracked.text).toContain('Verifikasi berkas');
    // The draft no longer holds the applicant's particulars: they live in the dossier.
    expect((await session.h.as('supervisor', 'GET', `/api/drafts/${a.id}`)).body.application).toEqual({});
  }, 90_000);

  it('takes an application from a phone and the front desk accepts it in the console, with the files previewed', async () => {
    writeFileSync(join(dir, 'ktp.jpg'), await phonePhoto(64, 48, 5));
    writeFileSync(join(dir, 'pengantar.pdf'), samplePdf('Surat pengantar Universitas Padjadjaran'));
    writeFileSync(join(dir, 'proposal.pdf'), samplePdf('Proposal penelitian air tanah'));
    const { page, ctx } = await phone(session.browser);
    await page.goto(`${session.h.url}/`);
    await page.getByRole('link', { name: /Ajukan permohonan daring/ }).click();
    await page.getByRole('link', { name: /Surat Keterangan Penelitian/ }).click();
    await page.getByLabel(/Nama lengkap/).fill('Dewi Lestari');
    await page.getByLabel(/NIK/).fill('3273014512900002');
    await page.getByLabel(/Nomor ponsel/).fill('081298765432');
    for (const [label, value] of [
      [/Judul penelitian/, 'Kualitas air tanah di Kecamatan Coblong'],
      [/Lembaga/, 'Universitas Padjadjaran'],
      [/Lokasi penelitian/, 'Kecamatan Coblong'],
      [/Lama penelitian/, '3'],
    ] as const)
      await page.getByLabel(label).first().fill(value);
    await page.getByLabel(/KTP peneliti/).setInputFiles(join(dir, 'ktp.jpg'));
    await page.getByLabel(/Surat pengantar/).setInputFiles(join(dir, 'pengantar.pdf'));
    await page.getByLabel(/Proposal/).setInputFiles(join(dir, 'proposal.pdf'));
    await page.getByLabel(/menyetujui pengolahannya/).check();
    violations['apply-form-360'] = await seriousViolations(page);
    await session.shoot(page, 'apply-form-360');
    await Promise.all([page.waitForURL(/\/daftar\/diterima/), page.getByRole('button', { name: /Kirim permohonan/ }).click()]);
    filed++;
    const number = await page.locator('.draft-number').innerText();
    const pin = await page.locator('.draft-pin').innerText();
    expect(await page.locator('main').innerText()).toContain('Catat nomor dan PIN ini');
    violations['apply-received-360'] = await seriousViolations(page);

    // The front desk: the tile on the home page, the list, the draft with its files, accepted.
    const desk = await officer('loket', 1280);
    await desk.page.getByRole('link', { name: /Permohonan daring/ }).click();
    await desk.page.getByRole('link', { name: number }).click();
    await desk.page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    expect(await desk.page.locator('main').innerText()).toContain('Dewi Lestari');
    await desk.page.getByRole('button', { name: 'proposal.pdf' }).click();
    const preview = desk.page.getByRole('figure', { name: 'Pratinjau proposal.pdf' });
    await preview.waitFor();
    expect(await preview.locator('iframe').getAttribute('src')).toMatch(/^blob:/);
    await look(desk.page, 'draft-1280');
    await desk.page.getByRole('button', { name: 'Terima dan daftarkan' }).click();
    const done = desk.page.getByRole('status').filter({ hasText: 'Diterima dan terdaftar sebagai' });
    await done.waitFor();
    const registrationNumber = /sebagai (\S+)\./.exec(await done.innerText())![1];
    await desk.page.getByRole('link', { name: 'Buka berkas' }).click();
    await desk.page.getByRole('heading', { name: new RegExp(registrationNumber) }).waitFor();
    expect(await desk.page.locator('ol.timeline').innerText()).toContain(`dari permohonan daring ${number}`);
    await look(desk.page, 'draft-accepted-dossier-1280');
    await desk.ctx.close();

    // Back on the phone: the application's number and PIN now lead to the dossier.
    await page.goto(`${session.h.url}/`);
    await page.getByLabel(/Nomor registrasi/).fill(number);
    await page.getByLabel(/PIN pada tanda terima/).fill(pin);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Lacak/ }).click()]);
    expect(await page.locator('main').innerText()).toContain(registrationNumber);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Lacak berkas/ }).click()]);
    expect(await page.locator('main').innerText()).toContain('Surat Keterangan Penelitian');
    await ctx.close();
  }, 150_000);

  it('is returned with reasons the applicant reads, and an address may not flood the desk', async () => {
    const a = await apply();
    expect((await session.h.as('loket', 'POST', `/api/drafts/${a.id}/return`, { reasons: [] })).status).toBe(400);
    const back = await session.h.as('loket', 'POST', `/api/drafts/${a.id}/return`, {
      reasons: ['Gambar struktur belum ditandatangani tenaga ahli'],
    });
    expect(back.status).toBe(200);
    const seen = (await status(a.number, a.pin)).text;
    expect(seen).toContain('Dikembalikan oleh petugas');
    expect(seen).toContain('Gambar struktur belum ditandatangani tenaga ahli');
    expect((await session.h.as('loket', 'POST', `/api/drafts/${a.id}/accept`, {})).status).toBe(409);
    expect((await session.h.as('loket', 'GET', `/api/drafts/${a.id}`)).body.application).toEqual({});

    // This address may hand in five a day: the next one is refused in words, before any file is kept.
    while (filed < 5) await apply();
    const refused = await post('pbg', pbgForm());
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('permohonan hari ini');
    expect(((await session.h.as('loket', 'GET', '/api/drafts')).body.items as unknown[]).length).toBe(2);
  }, 120_000);

  it('has no serious accessibility violations on the pages it visited, and no script error', () => {
    expect(pageErrors).toEqual([]);
    expect(Object.entries(violations).filter(([, v]) => v.length)).toEqual([]);
  });
});
