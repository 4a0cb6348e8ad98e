import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath, launch, seriousViolations } from './support/browser.js';
import { Harness, PBG_REQUEST } from './support/http-harness.js';
import { writeTwoTenants } from './support/two-tenants.js';

/**
 * Tenancy's first step (issue 23): one deployment serving two MPPs keeps
 * their officers apart. Each MPP has its own accounts (the same username in
 * both is two people), an officer signs in to their own MPP, and an
 * administrator or supervisor of one never sees, changes or hands work to
 * an account of the other.
 */
const chromium = chromiumPath();
if (!chromium && process.env.CI === 'true') throw new Error('Chromium is needed for the console sign-in to a tenant');
if (!chromium) console.warn('\n*** signing in to a tenant in Chromium SKIPPED: no Chromium ***\n');

describe('two MPPs in one deployment: their officers apart', () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-tenants-'));
    const tenantsFile = writeTwoTenants(dir);
    h = await Harness.start({
      BERKAS_DATA_DIR: join(dir, 'data'),
      DATABASE_URL: '',
      DEMO_DOSSIERS: 'false',
      TENANTS_FILE: tenantsFile,
    });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const login = (body: object) => h.request('POST', '/api/auth/login', body);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('lists the MPPs for the sign-in form, and signs each officer in to their own', async () => {
    const tenants = await h.request('GET', '/api/tenants');
    expect(tenants.body).toEqual([
      { code: 'kota-bandung', name: 'MPP Kota Bandung', timeZone: 'WIB', home: true, province: 'Jawa Barat' },
      { code: 'kota-denpasar', name: 'MPP Kota Denpasar', timeZone: 'WITA', home: false, province: 'Bali' },
    ]);
    const bandung = await login({ tenant: 'kota-bandung', username: 'loket', password: 'demo123' });
    const denpasar = await login({ tenant: 'kota-denpasar', username: 'loket', password: 'demo123' });
    expect([bandung.status, denpasar.status]).toEqual([200, 200]);
    const me = async (r: typeof bandung) => (await h.request('GET', '/api/me', undefined, bearer(r.body.accessToken as string))).body;
    expect((await me(bandung)).officerId).toBe('officer-loket');
    expect((await me(denpasar)).officerId).toBe('officer-kota-denpasar-loket');
    // Without a tenant: the home MPP (the first listed), as before tenants existed.
    expect(((await login({ username: 'loket', password: 'demo123' })).body as { accessToken?: string }).accessToken).toBeDefined();
    const unknown = await login({ tenant: 'kota-lain', username: 'loket', password: 'demo123' });
    expect([unknown.status, unknown.body.code]).toEqual([401, 'AUTH.WRONG_CREDENTIALS']);
  });

  it("never shows, changes or assigns work to another MPP's account", async () => {
    const admin = (await login({ tenant: 'kota-denpasar', username: 'admin', password: 'demo123' })).body.accessToken as string;
    const listed = (await h.request('GET', '/api/officers', undefined, bearer(admin))).body as unknown as { officerId: string }[];
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.every((o) => o.officerId.startsWith('officer-kota-denpasar-'))).toBe(true);
    const colleagues = (await h.request('GET', '/api/colleagues', undefined, bearer(admin))).body as unknown as { officerId: string }[];
    expect(colleagues.every((o) => o.officerId.startsWith('officer-kota-denpasar-'))).toBe(true);
    // Bandung's front desk, by its id: not found for Denpasar's administrator, and left as it was.
    const change = await h.request('PATCH', '/api/officers/officer-loket', { active: false }, bearer(admin));
    expect(change.status).toBe(404);
    expect((await login({ tenant: 'kota-bandung', username: 'loket', password: 'demo123' })).status).toBe(200);
    expect((await h.request('POST', '/api/officers/officer-loket/password-reset', {}, bearer(admin))).status).toBe(404);
    // A username one MPP uses is free in the other, and still taken in its own.
    const cashier = (by: string, name: string) =>
      h.request(
        'POST',
        '/api/officers',
        { username: 'kasir2', name, role: 'processor', desks: ['retribusi'], password: 'kata-sandi-awal-1' },
        bearer(by),
      );
    const bandungAdmin = (await login({ tenant: 'kota-bandung', username: 'admin', password: 'demo123' })).body.accessToken as string;
    expect((await cashier(admin, 'Made Kasir')).status).toBe(201);
    expect((await cashier(bandungAdmin, 'Asep Kasir')).status).toBe(201);
    expect((await cashier(admin, 'Nyoman Kasir')).status).toBe(409);
    // A Bandung supervisor cannot hand a Bandung dossier to a Denpasar verifier.
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${r.body.dossierId as string}`),
      (x) => x.status === 200,
    );
    const reassign = await h.as('supervisor', 'POST', `/api/dossiers/${r.body.dossierId as string}/reassign`, {
      toOfficerId: 'officer-kota-denpasar-verifikator',
      reason: 'Dialihkan untuk uji',
    });
    expect([reassign.status, reassign.body.errors]).toEqual([400, [{ field: 'toOfficerId', reason: 'is not an active officer' }]]);
  });

  (chromium ? it : it.skip)(
    'asks which MPP in the console, and says it in the header once signed in',
    async () => {
      const browser = await launch(chromium!);
      try {
        const page = await (await browser.newContext({ locale: 'id-ID' })).newPage();
        await page.goto(`${h.url}/konsol/`);
        await page.getByLabel('Mal Pelayanan Publik').selectOption({ label: 'MPP Kota Denpasar' });
        await page.getByLabel('Nama pengguna').fill('verifikator');
        await page.getByLabel('Kata sandi').fill('demo123');
        await page.getByRole('button', { name: 'Masuk' }).click();
        await page.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();
        expect(await page.locator('header').innerText()).toContain('MPP Kota Denpasar');
        // The choice is kept for the next sign-in on this browser.
        expect(await page.evaluate(() => localStorage.getItem('berkas.tenant'))).toBe('kota-denpasar');
      } finally {
        await browser.close();
      }
    },
    60_000,
  );

  (chromium ? it : it.skip)(
    "lets the home MPP's administrator make a provincial overseer in the console, and no other MPP's",
    async () => {
      const browser = await launch(chromium!);
      try {
        const signIn = async (mpp: string) => {
          const page = await (await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 900 } })).newPage();
          await page.goto(`${h.url}/konsol/`);
          await page.getByLabel('Mal Pelayanan Publik').selectOption({ label: mpp });
          await page.getByLabel('Nama pengguna').fill('admin');
          await page.getByLabel('Kata sandi').fill('demo123');
          await page.getByRole('button', { name: 'Masuk' }).click();
          await page.getByRole('link', { name: 'Petugas' }).click();
          await page.getByRole('heading', { name: 'Petugas baru' }).waitFor();
          return page;
        };
        // Denpasar's administrator is not offered the role at all.
        const denpasar = await signIn('MPP Kota Denpasar');
        await denpasar.getByRole('button', { name: 'Buat akun' }).waitFor();
        expect(await denpasar.getByLabel('Peran').locator('option').allInnerTexts()).not.toContain('Pengawas wilayah');
        const bandung = await signIn('MPP Kota Bandung');
        await bandung.getByLabel('Peran').selectOption({ label: 'Pengawas wilayah' });
        await bandung.getByLabel('Wilayah yang diawasi').selectOption({ label: 'Jawa Barat' });
        await bandung.getByLabel('Nama pengguna').fill('pengawas-jabar');
        await bandung.getByLabel('Nama petugas').fill('Pengawas Provinsi Jawa Barat');
        await bandung.locator('input[name=password]').fill('sementara-jabar-01');
        await bandung.getByRole('button', { name: 'Buat akun' }).click();
        await bandung.getByRole('cell', { name: 'pengawas-jabar' }).waitFor();
        const row = bandung.getByRole('row', { name: /pengawas-jabar/ });
        expect(await row.innerText()).toMatch(/Pengawas wilayah[\s\S]*Wilayah yang diawasi: Jawa Barat/);
        // An overseer has no desk to change.
        expect(await row.getByRole('button', { name: /meja/i }).count()).toBe(0);
        expect(await seriousViolations(bandung)).toEqual([]);
      } finally {
        await browser.close();
      }
      // The account reads Jawa Barat's MPPs only once its officer has chosen a password.
      const first = await login({ tenant: 'kota-bandung', username: 'pengawas-jabar', password: 'sementara-jabar-01' });
      const own = await h.request(
        'POST',
        '/api/me/password',
        { currentPassword: 'sementara-jabar-01', newPassword: 'Angklung-Saung-Udjo-88' },
        bearer(first.body.accessToken as string),
      );
      const figures = await h.request('GET', '/api/aggregates', undefined, bearer(own.body.accessToken as string));
      expect((figures.body.items as { tenant: string }[]).map((i) => i.tenant)).toEqual(['kota-bandung']);
    },
    90_000,
  );

  (chromium ? it : it.skip)(
    "shows a national overseer the MPPs' figures side by side, and nothing of a dossier",
    async () => {
      const browser = await launch(chromium!);
      try {
        const page = await (await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 800 } })).newPage();
        await page.goto(`${h.url}/konsol/`);
        await page.getByLabel('Mal Pelayanan Publik').selectOption({ label: 'MPP Kota Bandung' });
        await page.getByLabel('Nama pengguna').fill('pengawas');
        await page.getByLabel('Kata sandi').fill('demo123');
        await page.getByRole('button', { name: 'Masuk' }).click();
        await page.getByRole('heading', { name: /Ringkasan antar-MPP/ }).waitFor();
        const table = page.getByRole('table', { name: /Ringkasan antar-MPP/ });
        const rows = await table.locator('tbody tr th').allInnerTexts();
        expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['MPP Kota Bandung (WIB)', 'MPP Kota Denpasar (WITA)']);
        expect(await table.locator('thead').innerText()).toMatch(/Tepat waktu[\s\S]*Belum selesai[\s\S]*IKM/);
        // No queue, no search: the header offers the figures only, in words (no role id).
        const header = await page.locator('header').innerText();
        expect(header).not.toMatch(/Cari|Antrean|overseer/);
        await page.getByRole('combobox', { name: /Periode/ }).selectOption({ label: '90 hari terakhir' });
        await page.getByText(/Dari .* sampai/).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        // In English too, every label in words.
        await page.getByRole('button', { name: 'English' }).click();
        await page.getByRole('heading', { name: 'Across MPPs' }).waitFor();
        expect(await page.locator('main').innerText()).toContain('On time');
        // On a phone: nothing runs off the page (the table scrolls within itself), and the scan stays clean.
        await page.setViewportSize({ width: 360, height: 740 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
