import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';
import { pdfQrCodes, pdfText } from './support/pdf.js';

/** What a real office meets in its first weeks (issue 18): the first administrator, reassignment, complaints, documents. */
const engines = await e2eEngines();

describe('the first administrator of a new deployment', () => {
  const createAdmin = (env: Record<string, string>, password: string, username = 'kepala') =>
    spawnSync(process.execPath, ['dist/apps/desk-api/src/create-admin.js', '--username', username, '--name', 'Kepala MPP'], {
      env: { ...process.env, ...env },
      input: `${password}\n`,
      encoding: 'utf8',
    });

  it.each(engines)(
    'is made by npm run create-admin on %s, once; no demo account exists; the last one cannot step down',
    async (engine, factory) => {
      const db = await factory();
      // On PostgreSQL no demo accounts unless asked for; embedded, DEMO_DATA says it outright.
      const env = { ...db.env, DEMO_DATA: 'false' };
      try {
        const short = createAdmin(env, 'pendek');
        expect(short.status).toBe(1);
        expect(short.stderr).toContain('password: 10 to 200 characters');
        const made = createAdmin(env, 'rahasia-kantor-mpp-2026');
        expect(made.stderr).toBe('');
        expect(made.status).toBe(0);
        expect(made.stdout).toMatch(/Administrator kepala created/);
        const again = createAdmin(env, 'rahasia-kantor-mpp-2026', 'kepala2');
        expect(again.status).toBe(1);
        expect(again.stderr).toContain('an active administrator exists already');

        // The all-in-one on a PostgreSQL server seeds no demo accounts by default (embedded, it is the demo).
        const h = await Harness.start({ ...env, DEMO_DATA: engine === 'PostgreSQL' ? undefined : 'false' });
        try {
          expect((await h.request('POST', '/api/auth/login', { username: 'loket', password: 'demo123' })).status).toBe(401);
          expect((await h.request('POST', '/api/auth/login', { username: 'admin', password: 'demo123' })).status).toBe(401);
          const login = await h.request('POST', '/api/auth/login', { username: 'kepala', password: 'rahasia-kantor-mpp-2026' });
          expect(login.status).toBe(200);
          const auth = { authorization: `Bearer ${login.body.accessToken as string}` };
          const me = (login.body.officer as { officerId: string }).officerId;
          // The only administrator cannot demote itself, nor be deactivated.
          const demote = await h.request('PATCH', `/api/officers/${me}`, { role: 'supervisor' }, auth);
          expect(demote.status).toBe(422);
          expect(demote.body.detail).toMatch(/Administrator aktif terakhir/);
          // With a second administrator, the first may step down; the second is then the last.
          const second = await h.request(
            'POST',
            '/api/officers',
            { username: 'wakil', name: 'Wakil Kepala', role: 'admin', desks: [], password: 'rahasia-wakil-2026' },
            auth,
          );
          expect(second.status).toBe(201);
          expect((await h.request('PATCH', `/api/officers/${me}`, { role: 'supervisor' }, auth)).status).toBe(200);
          const wakilAuth = { authorization: `Bearer ${await h.firstLogin('wakil', 'rahasia-wakil-2026')}` };
          const wakilId = second.body.officerId as string;
          expect((await h.request('PATCH', `/api/officers/${wakilId}`, { role: 'processor' }, wakilAuth)).status).toBe(422);
        } finally {
          await h.close();
        }
      } finally {
        await db.drop();
      }
    },
  );
});

describe('a working office (demo data on PGlite)', () => {
  let h: Harness;
  let dir: string;
  const receipts = new Map<string, { number: string; pin: string }>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-day-one-'));
    h = await Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '', DEMO_DOSSIERS: 'true', COMPLAINT_INTAKE_MS: '200' });
    for (const m of h.banner.matchAll(/^\s+([A-Z-]+-\d{4}-\d{6})\s+PIN (\d{6})\s+(.+)$/gm))
      receipts.set(m[3].trim(), { number: m[1], pin: m[2] });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const receipt = (stage: RegExp) => [...receipts].find(([s]) => stage.test(s))![1];

  it('reassigns only to an active officer who holds the desk', async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const id = r.body.dossierId as string;
    await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${id}`),
      (x) => x.status === 200,
    );
    const reassign = (toOfficerId: string) => h.as('supervisor', 'POST', `/api/dossiers/${id}/reassign`, { toOfficerId, reason: 'cuti' });
    const nobody = await reassign('officer-nobody');
    expect(nobody.status).toBe(400);
    expect(nobody.body.errors).toEqual([{ field: 'toOfficerId', reason: 'is not an active officer' }]);
    const cashier = await reassign('officer-kasir');
    expect(cashier.status).toBe(400);
    expect(cashier.body.errors).toEqual([{ field: 'toOfficerId', reason: 'does not hold desk "back-office"' }]);
    expect((await reassign('officer-verifikator2')).status).toBe(200);
  });

  it("prints the server's own address in a permit's QR code, never the request's Host header", async () => {
    const ready = receipt(/siap diambil/);
    const detail = await h.as('supervisor', 'GET', `/api/dossiers/${ready.number}`);
    const { dossierId, permit } = detail.body as { dossierId: string; permit: { verificationCode: string } };
    const token = await h.login('supervisor');
    const url = new URL(`${h.url}/api/dossiers/${dossierId}/documents/permit.pdf`);
    const pdf = await new Promise<Buffer>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, headers: { host: 'evil.example', authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(await pdfQrCodes(pdf)).toEqual([`${h.url}/verifikasi/${permit.verificationCode}`]);
    expect(await pdfText(pdf)).not.toContain('evil.example');
  });

  it('takes at most three waiting complaints a dossier, and none without visible text', async () => {
    const { number, pin } = receipt(/konsultasi teknis/);
    const complain = (text: string) =>
      fetch(`${h.url}/pengaduan`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ registrationNumber: number, pin, category: 'delay', text }),
      });
    const invisible = await complain('\u200b'.repeat(20));
    expect(invisible.status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await complain(`Keluhan nomor ${i + 1}: belum ada kabar.`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await complain('Keluhan kelima: masih belum ada kabar.');
    expect(refused.status).toBe(429);
    const page = await refused.text();
    expect(page).toContain('batas pengaduan');
    expect(page).toContain('complaint limit');
    // The supervisors' queue pages with a total.
    const queue = await h.eventually(
      () => h.as('supervisor', 'GET', '/api/complaints?open=true&limit=2'),
      (r) => (r.body.total as number) >= 3,
      15_000,
    );
    expect(queue.body.total).toBeGreaterThanOrEqual(3);
    expect(queue.body.items as unknown[]).toHaveLength(2);
  });
});
