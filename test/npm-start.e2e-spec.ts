import { e2eEngines, Harness } from './support/http-harness.js';

const engines = await e2eEngines();

describe('the npm start entry', () => {
  it('seeds demo officers and dossiers by default and prints working receipts', async () => {
    const [[, factory]] = engines;
    const db = await factory();
    // No DEMO_DATA / DEMO_DOSSIERS: what a newcomer running `npm start` gets.
    const h = await Harness.start(
      { ...db.env, DEMO_DATA: undefined, DEMO_DOSSIERS: undefined },
      'dist/apps/berkas/src/main.js',
      /public tracking:\s+(http:\/\/\S+?)\/\s[\s\S]*SIP-DOKTER-\d{4}-\d{6}\s+PIN \d{6}/,
    );
    try {
      expect(h.banner).toContain('loket        front-desk');
      const [, reg, pin] = /(PBG-\d{4}-\d{6})\s+PIN (\d{6})\s+dikembalikan/.exec(h.banner)!;
      const pub = await h.publicStatus(reg, pin, 'returned');
      expect((pub.body.correction as { reasons: string[] }).reasons.length).toBeGreaterThan(0);
      const queue = await h.as('verifikator', 'GET', '/api/queues/back-office');
      expect((queue.body.items as unknown[]).length).toBeGreaterThan(0);
      // An online application waits for the front desk, with its scans; its number and PIN open its status.
      const [, draft, draftPin] = /(DAFTAR-\d{4}-[A-Z0-9]{6})\s+PIN (\d{6})\s+permohonan daring/.exec(h.banner)!;
      const drafts = (await h.as('loket', 'GET', '/api/drafts')).body.items as { number: string; files: number }[];
      expect(drafts).toEqual([expect.objectContaining({ number: draft, files: 3 })]);
      const page = await fetch(`${h.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ registrationNumber: draft, pin: draftPin }),
      });
      expect(await page.text()).toContain('Menunggu diperiksa petugas');

      // Two MPPs in one deployment (issue 23): Denpasar, in WITA, with its own pages, accounts and a dossier of its own.
      expect(h.banner).toMatch(/MPP Kota Denpasar \(demo\): http:\/\/\S+\/kota-denpasar\/\s+\(WITA, /);
      const [, dps, dpsPin] = /(DPS-PBG-\d{4}-\d{6})\s+PIN (\d{6})\s+verifikasi/.exec(h.banner)!;
      const look = (base: string) => h.request('POST', `${base}/api/public/tracking`, { registrationNumber: dps, pin: dpsPin });
      expect((await look('/kota-denpasar')).status).toBe(200);
      expect((await look('')).status).toBe(404);
      const denpasar = await fetch(`${h.url}/kota-denpasar/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ registrationNumber: dps, pin: dpsPin }),
      });
      const dpsPage = await denpasar.text();
      expect(dpsPage).toContain('MPP Kota Denpasar (demo)');
      // Its dates are told in its own zone.
      expect(dpsPage).toContain('WITA');
      expect(dpsPage).not.toContain(' WIB');
      const tenants = (await h.request('GET', '/api/tenants')).body as unknown as { code: string; timeZone: string }[];
      expect(tenants.map((t) => [t.code, t.timeZone])).toEqual([
        ['kota-contoh', 'WIB'],
        ['kota-denpasar', 'WITA'],
      ]);
      const login = await h.request('POST', '/api/auth/login', { tenant: 'kota-denpasar', username: 'verifikator', password: 'demo123' });
      const dpsQueue = await h.request('GET', '/api/queues/back-office', undefined, {
        authorization: `Bearer ${login.body.accessToken as string}`,
      });
      expect((dpsQueue.body.items as { registrationNumber: string }[]).map((i) => i.registrationNumber)).toEqual([dps]);
      // The home MPP's back office does not see it.
      expect(
        ((await h.as('verifikator', 'GET', '/api/queues/back-office')).body.items as { registrationNumber: string }[]).map(
          (i) => i.registrationNumber,
        ),
      ).not.toContain(dps);
    } finally {
      await h.close();
      await db.drop();
    }
  });
});
