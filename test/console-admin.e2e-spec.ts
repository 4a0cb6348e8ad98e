/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { consoleSession, chromium } from './support/console-session.js';
import { PBG_REQUEST, REKLAME_REQUEST } from './support/http-harness.js';
import { pdfText } from './support/pdf.js';
import { snapSignature } from '#berkas/desk/snap-signature';
import readXlsxFile from 'read-excel-file/node';
import { libreOffice, readWithLibreOffice } from './support/libreoffice.js';

/** The bank stand-in's shared secret and token: the SNAP notification endpoint is on in this suite. */
const SNAP_SECRET = 'bank-stand-in-client-secret-for-tests';
const SNAP_TOKEN = 'snap-access-token-for-tests';

/**
 * The officers' console in Debian's Chromium, beyond the straight walk: a
 * return for correction and a rejection, a supervisor's reassignment, the
 * dashboard and its exports, officers' accounts, and what the console costs
 * to load.
 */
const maybe = chromium ? describe : describe.skip;

maybe("the officers' console in Chromium: supervision, administration and its weight", () => {
  // Escalation at once (any time used is past the share) and looked for every second, so the notice centre has something to show.
  // And the bank's SNAP notifications on, for the reconciliation page.
  const session = consoleSession('console-admin', {
    ESCALATION_SHARE: '0.000001',
    ESCALATION_SWEEP_SECONDS: '1',
    SNAP_CLIENT_SECRET: SNAP_SECRET,
    SNAP_ACCESS_TOKEN: SNAP_TOKEN,
  });
  const { officer, look, openDossier, act, violations, pageErrors } = session;

  it('returns a dossier for correction, takes the corrections in at the front desk, then rejects it with reasons', async () => {
    // Registered through the API: the form is tested above.
    const registered = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const number = registered.body.registrationNumber as string;
    await session.h.eventually(
      () => session.h.as('verifikator', 'GET', `/api/search?q=${number}`),
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
    // One phrase for the state, the public page's, and the service clock stopped since the return (issue 21).
    const facts = await page.locator('dl').first().innerText();
    expect(facts).toMatch(/Status\s+Dikembalikan untuk perbaikan\n/);
    expect(facts).toMatch(/Jam layanan\s+Berhenti sejak \d+ \w+ 2026 selama berkas di pemohon: sejauh ini 0 hari kerja/);
    // The applicant reads the same on the tracking page.
    const returned = await session.h.track(number, registered.body.pin as string);
    expect(returned.body.status).toMatchObject({ code: 'returned', id: 'Dikembalikan untuk perbaikan' });
    expect(returned.body.correction).toMatchObject({ clockPaused: true, resubmittedAt: null });
    await act(page, 'Terima perbaikan', (p) => p.getByLabel('Catatan').fill('KTP baru diterima'));
    expect(await page.locator('dl').first().innerText()).not.toContain('Jam layanan');
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
    // Saved under the name the API gives it: the registration number, not the letter's number.
    expect(letter.suggestedFilename()).toBe(`${number}-surat-penolakan.pdf`);
    const text = await pdfText(readFileSync((await letter.path())!));
    expect(text).toMatch(/SURAT PENOLAKAN PERMOHONAN[\s\S]*Nomor: SP\/2026\/\d{6}/);
    expect(text).toContain('KDB melebihi ketentuan RTRW');
    expect(text).toContain(PBG_REQUEST.applicant.name);
    expect(text).toContain('SP4N-LAPOR');
    await ctx.close();
    const pub = await session.h.track(number, registered.body.pin as string);
    expect(pub.body.status).toMatchObject({ code: 'rejected' });
  }, 120_000);

  it('lets a supervisor hand a dossier held at a desk to another officer there, with a reason in the trail', async () => {
    const registered = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = registered.body.dossierId as string;
    const number = registered.body.registrationNumber as string;
    await session.h.eventually(
      () => session.h.as('verifikator', 'POST', `/api/dossiers/${id}/claim`, {}),
      (r) => r.status === 200,
    );
    const { page, ctx } = await officer('supervisor');
    await session.h.eventually(
      () => session.h.as('supervisor', 'GET', `/api/search?q=${number}`),
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
    const detail = await session.h.as('supervisor', 'GET', `/api/dossiers/${id}`);
    const colleagues = (await session.h.as('supervisor', 'GET', '/api/colleagues')).body as unknown as {
      officerId: string;
      name: string;
    }[];
    expect((detail.body.holders as Record<string, string>)['back-office']).toBe(
      colleagues.find((c) => c.name === 'Lina Verifikator')?.officerId,
    );
  }, 120_000);

  it("gives supervisors a dashboard of the day's flow, backlog per desk, on-time rates over time, time per desk and stuck dossiers, with CSV and XLSX export", async () => {
    for (const width of [1366, 1024]) {
      const { page, ctx } = await officer('supervisor', width);
      await page.getByText('Pengawasan', { exact: true }).click();
      await page.getByRole('link', { name: 'Dasbor pengawasan' }).click();
      const flowChart = page.getByRole('group', { name: 'Berkas masuk dan selesai per hari' });
      await flowChart.waitFor();
      // The desks' waiting counts are their queues' totals (what each desk sees).
      const row = page.locator('tr').filter({ has: page.getByRole('link', { name: /Back Office/ }) });
      const waiting = Number(await row.locator('td').nth(1).innerText());
      const queue = await session.h.as('supervisor', 'GET', '/api/queues/back-office?limit=1');
      expect(waiting).toBe(queue.body.total);
      expect(await page.getByRole('heading', { name: /Berkas macet/ }).isVisible()).toBe(true);
      await look(page, `dashboard-${width}`);
      if (width === 1366) {
        const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Unduh CSV' }).first().click()]);
        const bytes = readFileSync((await file.path())!);
        // Excel with Indonesian settings: a byte-order mark, then `;` between cells (a comma is the decimal mark there).
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = bytes.toString('utf8').slice(1).trim().split(/\r\n/);
        expect(lines[0]).toBe('Tanggal;Masuk;Selesai');
        expect(lines.length).toBe(31); // the default period: the last 30 days
        // The two dossiers this suite registered (the returned one and the reassigned one), both today.
        expect(lines.slice(1).reduce((n, l) => n + Number(l.split(';')[1]), 0)).toBe(2);
        // LibreOffice Calc reads the same: three columns, counts as numbers.
        if (libreOffice()) {
          const calc = await readWithLibreOffice(bytes, file.suggestedFilename());
          expect(calc[0]).toEqual(['Tanggal', 'Masuk', 'Selesai']);
          expect(calc.slice(1).every((r) => r.length === 3 && typeof r[1] === 'number')).toBe(true);
          expect(calc.slice(1).reduce((n, r) => n + (r[1] as number), 0)).toBe(2);
          // The per-desk table: desk names whole, average hours as numbers (a decimal comma read as one).
          const [desks] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('button', { name: 'Unduh CSV' }).nth(1).click(),
          ]);
          const deskRows = await readWithLibreOffice(readFileSync((await desks.path())!), desks.suggestedFilename());
          expect(deskRows[0]).toHaveLength(6);
          expect(deskRows.map((r) => r[0])).toContain('Back Office (Verifikasi)');
          expect(deskRows.slice(1).every((r) => r[4] === null || typeof r[4] === 'number')).toBe(true);
        }
        // Every table in one workbook, numbers as numbers, agreeing with the queues.
        const [xlsx] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Unduh XLSX (semua tabel)' }).click(),
        ]);
        expect(xlsx.suggestedFilename()).toMatch(/^berkas-dasbor-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
        const workbook = readFileSync((await xlsx.path())!);
        const sheets = await readXlsxFile(workbook);
        // And LibreOffice Calc opens the workbook: its first sheet, the daily flow, as the console shows it.
        if (libreOffice()) {
          const calc = await readWithLibreOffice(workbook, xlsx.suggestedFilename());
          expect(calc).toEqual(sheets[0].data);
        }
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
        expect(flow.slice(1).reduce((n, r) => n + Number(r[1]), 0)).toBe(2);
        // On time over the period: the closed PBG dossier (rejected today) counted once.
        const board = (await session.h.as('supervisor', 'GET', '/api/dashboard')).body as unknown as {
          trend: { unit: string; buckets: string[]; services: { service: string; points: { count: number; rate: number | null }[] }[] };
        };
        const stats = (await session.h.as('supervisor', 'GET', '/api/statistics')).body as unknown as {
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
      // Figures a supervisor reads off the charts (issue 21: no axes, no dates, no values, no desk names).
      const flow = (await session.h.as('supervisor', 'GET', '/api/dashboard')).body as unknown as {
        perDay: { date: string; registered: number; closed: number }[];
      };
      const today = flow.perDay.at(-1)!;
      const figure = page.locator('figure.chart').filter({ has: flowChart });
      const dates = (await figure.locator('.x-axis span').allInnerTexts()).filter(Boolean);
      expect(dates.length).toBeGreaterThanOrEqual(5);
      expect(dates.at(-1)).toBe(
        new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(today.date)),
      );
      const ticks = (await figure.locator('.y-axis span').allInnerTexts()).map(Number);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(Math.max(...flow.perDay.flatMap((d) => [d.registered, d.closed])));
      // The last day's values on keyboard focus (End from the first), then on hover over the first.
      await figure.locator('[data-point]').first().focus();
      await page.keyboard.press('End');
      const tip = figure.locator('[data-point]').last().locator('.tip');
      expect(await tip.isVisible()).toBe(true);
      expect(await tip.innerText()).toContain(`Masuk: ${today.registered}`);
      expect(await tip.innerText()).toContain(`Selesai: ${today.closed}`);
      expect(await figure.locator('[data-point]').last().getAttribute('aria-label')).toMatch(
        new RegExp(`Desember 2026: Masuk ${today.registered}, Selesai ${today.closed}$`),
      );
      await figure.locator('[data-point]').first().hover();
      expect(await figure.locator('[data-point]').first().locator('.tip').isVisible()).toBe(true);
      // Its numbers as a table beside it, a row per day.
      const numbers = page.getByRole('region', { name: 'Angka grafik: Berkas masuk dan selesai per hari' });
      expect(await numbers.locator('tbody tr').count()).toBe(flow.perDay.length);
      // Every desk's bar carries its name and its value.
      const backlog = page.locator('table.bar-rows').filter({ hasText: 'Antrean dan keterlambatan per meja' });
      const backOffice = backlog.locator('tr').filter({ has: page.getByRole('rowheader', { name: 'Back Office (Verifikasi)' }) });
      expect((await backOffice.locator('td .value').allInnerTexts())[0]).toBe(String(waiting));
      const deskStats = (await session.h.as('supervisor', 'GET', '/api/statistics')).body as unknown as { desks: unknown[] };
      expect(await backlog.locator('tbody tr').count()).toBe(deskStats.desks.length);
      const onTime = page
        .locator('figure.chart')
        .filter({ has: page.getByRole('group', { name: 'Berkas selesai tepat waktu per layanan (%)' }) });
      expect(await onTime.locator('.y-axis span').allInnerTexts()).toEqual(['0%', '25%', '50%', '75%', '100%']);
      expect((await onTime.locator('.x-axis span').allInnerTexts()).filter(Boolean).length).toBeGreaterThanOrEqual(5);
      await page.getByRole('group', { name: 'Tahap selesai tepat waktu per meja (%)' }).waitFor();
      await page.locator('table.bar-rows').filter({ hasText: 'Rata-rata waktu per meja (jam)' }).waitFor();
      await ctx.close();
    }
    expect((await session.h.as('verifikator', 'GET', '/api/dashboard')).status).toBe(403);
    const backwards = await session.h.as('supervisor', 'GET', '/api/dashboard?from=2026-12-01&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('from');
    expect((await session.h.as('supervisor', 'GET', '/api/dashboard?stuckAfter=0')).status).toBe(400);
    expect((await session.h.as('verifikator', 'GET', '/api/dashboard/xlsx')).status).toBe(403);
  }, 120_000);

  it('lets a technical desk schedule a site inspection, record its BAP, and send the dossier back for corrections', async () => {
    // Issue 20: inspections existed only in the API, and the parallel review desks could not return a dossier.
    const registered = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = registered.body.dossierId as string;
    const number = registered.body.registrationNumber as string;
    await session.h.eventually(
      () => session.h.act('verifikator', id, 'complete', { outcome: 'forward' }),
      (r) => r.status === 200,
    );
    const { page, ctx } = await officer('tpa');
    await openDossier(page, number);
    await act(page, 'Jadwalkan tinjau lapangan', async (p) => {
      const date = p.getByLabel('Tanggal tinjau lapangan');
      // The browser offers no past date; the server refuses one too (decide.spec.ts).
      expect(await date.getAttribute('min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await date.fill('2027-01-06');
      await p.getByLabel('Petugas peninjau').fill('Ir. Sari (TPA)');
    });
    await act(page, 'Catat hasil tinjau lapangan (BAP)', async (p) => {
      await p.getByLabel('Hasil').selectOption('passed');
      await p.getByLabel('Nomor BAP').fill('BAP/TPA/2027/001');
      await p.getByLabel('Temuan di lapangan').fill('Bangunan sesuai gambar; garis sempadan terpenuhi');
    });
    await page.locator('ol.timeline').getByText('Hasil peninjauan lapangan dicatat').first().waitFor();
    const trail = await page.locator('ol.timeline').innerText();
    expect(trail).toContain('Peninjauan lapangan dijadwalkan');
    expect(trail).toContain('Bangunan sesuai gambar');
    // The BAP prints, to be signed on site (issue 20: there was no printable BAP).
    const [bap] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Cetak BAP tinjau lapangan (PDF)' }).click(),
    ]);
    expect(bap.suggestedFilename()).toBe(`${number}-bap.pdf`);
    const paper = (await pdfText(readFileSync((await bap.path())!))).replace(/\s+/g, ' ');
    expect(paper).toContain('BERITA ACARA PEMERIKSAAN LAPANGAN');
    expect(paper).toContain('Nomor: BAP/TPA/2027/001');
    expect(paper).toMatch(/Alamat bangunan gedung : Jl\. Merdeka No\. 10, Bandung/);
    expect(paper).toMatch(/Jadwal pemeriksaan : Rabu, 6 Januari 2027/);
    expect(paper).toMatch(/Petugas pemeriksa : Ir\. Sari \(TPA\)/);
    expect(paper).toMatch(/Hasil pemeriksaan : MEMENUHI/);
    expect(paper).toContain('Bangunan sesuai gambar; garis sempadan terpenuhi');
    expect(paper).toContain('Pemohon / kuasa');
    await act(page, 'Kembalikan untuk perbaikan', (p) => p.getByLabel(/Alasan/).fill('Gambar tampak samping belum ada'));
    await page
      .getByText(/Dikembalikan untuk perbaikan/)
      .first()
      .waitFor();
    await ctx.close();
  }, 120_000);

  it('tells supervisors in the console when a step is near its due date, and keeps who marked it read', async () => {
    // Issue 20: nothing warned a supervisor before or when a step passed its due date; overdue was only a filter.
    const registered = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const number = registered.body.registrationNumber as string;
    const listed = await session.h.eventually(
      () => session.h.as('supervisor', 'GET', '/api/escalations?unread=true'),
      (r) => JSON.stringify(r.body).includes(number),
      20_000,
    );
    expect(listed.body.unread).toBeGreaterThan(0);
    expect((await session.h.as('verifikator', 'GET', '/api/escalations')).status).toBe(403);
    const { page, ctx } = await officer('supervisor');
    // The navigation says how many wait.
    await page.getByRole('link', { name: /^Peringatan \(\d+\)$/ }).click();
    const table = page.getByRole('table', { name: 'Peringatan tenggat' });
    const row = table.locator('tr').filter({ hasText: number });
    await row.first().waitFor();
    expect(await row.first().innerText()).toMatch(
      /Mendekati tenggat tahap[\s\S]*Verifikasi berkas · Back Office \(Verifikasi\)[\s\S]*Berkas masih di tahap ini/,
    );
    await look(page, 'escalations-1366');
    await row.first().getByRole('button', { name: 'Tandai sudah dibaca' }).click();
    // Read: gone from the unread list, kept in the full one with who read it.
    await table.locator('tr').filter({ hasText: number }).first().waitFor({ state: 'detached' });
    await page.getByLabel('Hanya yang belum dibaca').uncheck();
    await table.locator('tr').filter({ hasText: number }).filter({ hasText: 'Dibaca Ratna (Kepala MPP)' }).first().waitFor();
    await ctx.close();
  }, 120_000);

  it("shows supervisors the day's bank payments: notified and recorded, notified and refused, keyed in without a notice", async () => {
    // Issue 20: the reconciliation existed only in the API.
    const atFee = async () => {
      const r = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      const id = r.body.dossierId as string;
      await session.h.eventually(
        () => session.h.act('verifikator', id, 'complete', { outcome: 'forward' }),
        (x) => x.status === 200,
      );
      await session.h.act('tpa', id, 'recommendation', { positive: true, note: 'ok' });
      await session.h.act('pupr', id, 'recommendation', { positive: true, note: 'ok' });
      await session.h.act('kasir', id, 'fee', {});
      const fee = (
        await session.h.eventually(
          () => session.h.as('kasir', 'GET', `/api/dossiers/${id}`),
          (x) => Boolean(x.body.fee),
        )
      ).body.fee as { skrdNumber: string; total: number };
      return { id, number: r.body.registrationNumber as string, fee };
    };
    const bySnap = await atFee();
    const atDesk = await atFee();
    const path = '/api/snap/v1.0/transfer-va/payment';
    const notify = async (virtualAccountNo: string, paymentRequestId: string, amount: number) => {
      const body = { virtualAccountNo, paymentRequestId, paidAmount: { value: `${amount}.00`, currency: 'IDR' } };
      const timestamp = new Date().toISOString();
      const res = await fetch(`${session.h.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${SNAP_TOKEN}`,
          'x-timestamp': timestamp,
          'x-signature': snapSignature(SNAP_SECRET, 'POST', path, SNAP_TOKEN, body, timestamp),
          'x-external-id': paymentRequestId,
        },
        body: JSON.stringify(body),
      });
      return ((await res.json()) as { responseCode: string }).responseCode;
    };
    expect(await notify(`7001${bySnap.fee.skrdNumber.replace(/\D/g, '')}`, 'BJB-REK-1', bySnap.fee.total)).toBe('2002500');
    expect(await notify('70019999000001', 'BJB-REK-2', 50_000)).toBe('4042512');
    const keyed = await session.h.as('kasir', 'POST', `/api/dossiers/${atDesk.id}/payments`, {
      reference: 'TRF-DESK-9',
      amount: atDesk.fee.total,
      channel: 'bank',
    });
    expect(keyed.status).toBe(200);
    const { page, ctx } = await officer('supervisor');
    await page.getByText('Pengawasan', { exact: true }).click();
    await page.getByRole('link', { name: 'Rekonsiliasi pembayaran bank' }).click();
    const matched = page.getByRole('table', { name: 'Cocok: diberitahukan bank dan tercatat' });
    await matched.locator('tr').filter({ hasText: 'BJB-REK-1' }).waitFor();
    expect(await matched.innerText()).toContain(bySnap.number);
    expect(await page.getByRole('table', { name: 'Diberitahukan bank, tidak tercatat' }).innerText()).toMatch(
      /70019999000001[\s\S]*BJB-REK-2[\s\S]*Ditolak: kode bayar tidak dikenal[\s\S]*Rp 50\.000/,
    );
    expect(await page.getByRole('table', { name: 'Tercatat tanpa pemberitahuan bank' }).innerText()).toMatch(
      new RegExp(`${atDesk.number}[\\s\\S]*TRF-DESK-9 · Bank / transfer`),
    );
    await look(page, 'reconciliation-1366');
    await ctx.close();
  }, 120_000);

  it("lets a supervisor record a billboard's removal bond paid back, read back first, once", async () => {
    // Issue 20: the bond was a fee line; it is a deposit that goes back, and money out is an event.
    const r = await session.h.as('loket', 'POST', '/api/dossiers', REKLAME_REQUEST);
    const id = r.body.dossierId as string;
    const number = r.body.registrationNumber as string;
    const step = async (who: string, action: string, body: object = {}) =>
      expect(
        (
          await session.h.eventually(
            () => session.h.act(who, id, action, body),
            (x) => x.status === 200,
          )
        ).status,
      ).toBe(200);
    await step('verifikator', 'complete', { outcome: 'forward' });
    await step('reklame', 'complete', { outcome: 'forward' });
    await step('kasir', 'fee');
    const paid = await session.h.as('kasir', 'POST', `/api/dossiers/${id}/payments`, {
      reference: `TRF-${id.slice(0, 6)}`,
      amount: 1_100_000,
      channel: 'bank',
    });
    expect(paid.status).toBe(200);
    await step('kasir', 'complete', { outcome: 'forward' });
    await step('kabid', 'approve');
    await step('kadis', 'sign');
    await step('tu', 'issue');
    const { page, ctx } = await officer('supervisor');
    await openDossier(page, number);
    await act(
      page,
      'Catat pengembalian uang jaminan',
      async (p) => {
        await p.getByLabel('Nomor bukti transfer pengembalian').fill('TRF-KASDA-0091');
        await p.getByRole('textbox', { name: /^Alasan/ }).fill('Reklame telah dibongkar pemiliknya');
      },
      /uang jaminan Rp 500\.000 berkas REKLAME-\d{4}-\d{6} telah dikembalikan dengan bukti TRF-KASDA-0091/,
    );
    await page.locator('table.fee').filter({ hasText: 'Uang jaminan dikembalikan · TRF-KASDA-0091' }).first().waitFor();
    await page.locator('ol.timeline').getByText('Uang jaminan dikembalikan kepada pemohon').first().waitFor();
    // Once: the action is no longer offered.
    expect(await page.getByRole('button', { name: 'Catat pengembalian uang jaminan' }).count()).toBe(0);
    await look(page, 'deposit-refunded-1366');
    await ctx.close();
  }, 120_000);

  it('shows supervisors who read whose personal data, and who was refused', async () => {
    // Issue 20: the access log existed only in the API.
    const registered = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = registered.body.dossierId as string;
    const number = registered.body.registrationNumber as string;
    await session.h.eventually(
      () => session.h.as('verifikator', 'GET', `/api/dossiers/${id}`),
      (r) => r.status === 200,
    );
    // The health agency has no business with a PBG dossier: refused, and logged.
    expect((await session.h.as('dinkes', 'GET', `/api/dossiers/${id}`)).status).toBe(403);
    const { page, ctx } = await officer('supervisor');
    await page.getByText('Pengawasan', { exact: true }).click();
    await page.getByRole('link', { name: 'Log akses data pribadi' }).click();
    const log = page.getByRole('table', { name: 'Log akses data pribadi' });
    const refused = log.locator('tr').filter({ hasText: number }).filter({ hasText: 'Ditolak' });
    await refused.first().waitFor();
    expect(await refused.first().innerText()).toMatch(/dr\. Maya \(Dinkes\)[\s\S]*Detail berkas \(nama, NIK, kontak\)/);
    expect(
      await log.locator('tr').filter({ hasText: number }).filter({ hasText: 'Diizinkan' }).filter({ hasText: 'Agus Verifikator' }).count(),
    ).toBeGreaterThan(0);
    // One officer's reads only.
    await page.getByLabel('Petugas').selectOption({ label: 'dr. Maya (Dinkes)' });
    await page.waitForFunction(() => [...document.querySelectorAll('table tbody tr')].every((r) => r.textContent?.includes('dr. Maya')));
    await look(page, 'access-log-1366');
    await ctx.close();
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
    expect((await session.h.request('POST', '/api/auth/login', { username: 'verifikator3', password: 'rahasia-baru-123' })).status).toBe(
      200,
    );
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
    // Done when the row offers the way back ("Nonaktif" alone also matches the button that was just pressed).
    await page.locator('tr').filter({ hasText: 'verifikator3' }).getByRole('button', { name: 'Aktifkan lagi' }).waitFor();
    expect((await session.h.request('POST', '/api/auth/login', { username: 'verifikator3', password: 'rahasia-baru-123' })).body.code).toBe(
      'AUTH.DEACTIVATED',
    );
    await ctx.close();
  }, 120_000);
  it('shows the IKM beside its sample, and says when the sample is below the minimum the regulation asks', async () => {
    // Two more applicants served (rejected at verification and decision), one of them answers the survey.
    const served: { number: string; pin: string }[] = [];
    for (let k = 0; k < 2; k++) {
      const r = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      const id = r.body.dossierId as string;
      expect((await session.h.act('verifikator', id, 'complete', { outcome: 'reject', reasons: ['KDB melebihi RTRW'] })).status).toBe(200);
      expect((await session.h.act('kabid', id, 'reject', { reasons: ['KDB melebihi ketentuan RTRW'] })).status).toBe(200);
      served.push({ number: r.body.registrationNumber as string, pin: r.body.pin as string });
    }
    const survey = await session.h.eventually(
      () =>
        fetch(`${session.h.url}/survei`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            registrationNumber: served[0].number,
            pin: served[0].pin,
            ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`u${i + 1}`, '3'])),
          }).toString(),
        }).then(async (res) => ({ status: res.status, body: { text: await res.text() } })),
      (res) => res.status === 200,
    );
    expect(survey.body.text).toContain('Terima kasih atas penilaian Anda');
    const board = (await session.h.as('supervisor', 'GET', '/api/dashboard')).body as unknown as {
      ikm: { service: string; respondents: number; population: number; minimumSample: number }[];
    };
    const pbg = board.ikm.find((r) => r.service === 'pbg')!;
    expect(pbg.respondents).toBe(1);
    expect(pbg.population).toBeGreaterThanOrEqual(3);
    expect(pbg.minimumSample).toBe(pbg.population); // a small population is asked whole (Krejcie-Morgan)
    const { page, ctx } = await officer('supervisor', 1024);
    await page.goto(`${session.h.url}/konsol/dasbor`);
    const note = page.getByRole('note').filter({ hasText: 'Persetujuan Bangunan Gedung (PBG): nilai IKM dari 1 responden' });
    await note.waitFor();
    expect(await note.innerText()).toContain(`di bawah sampel minimum ${pbg.minimumSample} untuk ${pbg.population} penerima layanan`);
    const row = page.locator('tr').filter({ hasText: 'Persetujuan Bangunan Gedung (PBG)' }).filter({ hasText: 'belum cukup sampel' });
    expect(await row.count()).toBe(1);
    await look(page, 'dashboard-ikm-1024');
    await ctx.close();
  }, 120_000);

  it('loads in under 200 kB of compressed script, served compressed and cached for good', async () => {
    const ctx = await session.browser.newContext();
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
    await page.goto(`${session.h.url}/konsol/`);
    await page.getByLabel('Nama pengguna').waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s.encoding).toBe('br');
      expect(s.cache).toContain('immutable');
    }
    // What crossed the wire for the page's script, against the budget.
    expect(scripts.reduce((n, s) => n + s.bytes, 0)).toBeLessThan(200_000);
    // The page ran on the compressed bytes (the login form is there); a client that takes no compression gets the raw build.
    const raw = await fetch(scripts[0].url, { headers: { 'accept-encoding': 'identity' } });
    expect(raw.headers.get('content-encoding')).toBeNull();
    const plain = Buffer.from(await raw.arrayBuffer());
    expect(plain.length).toBeGreaterThan(scripts[0].bytes);
    await ctx.close();
  }, 60_000);

  it('has no serious accessibility violations on any page it visited, and no script error', () => {
    expect(pageErrors).toEqual([]);
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(6);
    expect(Object.entries(violations).filter(([, v]) => v.length)).toEqual([]);
  });
});
