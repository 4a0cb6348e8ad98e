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
    } finally {
      await h.close();
      await db.drop();
    }
  });
});
