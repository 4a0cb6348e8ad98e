import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';
import { DENPASAR_OFFICIAL, writeTwoTenants } from './support/two-tenants.js';
import { debianTool } from './support/debian-tool.js';
import { pdfQrCodes, pdfText } from './support/pdf.js';

const engines = await e2eEngines();

/**
 * Tenancy on the read side (issue 23): an officer of one MPP never reads or
 * acts on another MPP's dossier. Every officer route of the OpenAPI document
 * that names a dossier is called by the other MPP's officers with the
 * dossier's id and its number: reads are 404 like a dossier that does not
 * exist, commands are refused before anything is written, and every list
 * (queues, search, returned, dashboard, statistics, notices, complaints, the
 * access log) of the other MPP leaves it out.
 */
describe.each(engines)("two MPPs in one deployment on %s: one MPP's dossiers are unknown to the other", (_engine, factory) => {
  let h: Harness;
  let dir: string;
  let drop: (() => Promise<void>) | undefined;
  let dossier: { id: string; number: string; pin: string };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-isolation-'));
    const tenantsFile = writeTwoTenants(dir);
    const engine = await factory();
    drop = engine.drop;
    h = await Harness.start({
      DATABASE_URL: '',
      ...engine.env,
      DEMO_DATA: 'true',
      DEMO_DOSSIERS: 'false',
      TENANTS_FILE: tenantsFile,
    });
    for (const [tenant, username] of [
      ['kota-bandung', 'loket'],
      ['kota-bandung', 'supervisor'],
      ['kota-denpasar', 'loket'],
      ['kota-denpasar', 'supervisor'],
      ['kota-denpasar', 'admin'],
      ['kota-denpasar', 'verifikator'],
      ['kota-denpasar', 'kabid'],
      ['kota-denpasar', 'kadis'],
      ['kota-denpasar', 'tu'],
    ]) {
      const r = await h.request('POST', '/api/auth/login', { tenant, username, password: 'demo123' });
      expect([tenant, username, r.status]).toEqual([tenant, username, 200]);
      tokens[`${tenant}/${username}`] = r.body.accessToken as string;
    }
    // Bandung registers a dossier, and its supervisor reads it (so its access log and lists hold it).
    const made = await as('kota-bandung/loket', 'POST', '/api/dossiers', PBG_REQUEST);
    expect(made.status).toBe(201);
    dossier = { id: made.body.dossierId as string, number: made.body.registrationNumber as string, pin: made.body.pin as string };
    expect(dossier.number).toMatch(/^BDG-/);
    await h.eventually(
      () => as('kota-bandung/supervisor', 'GET', `/api/dossiers/${dossier.id}`),
      (r) => r.status === 200,
    );
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const as = (who: string, method: string, path: string, body?: unknown) =>
    h.request(method, path, body, { authorization: `Bearer ${tokens[who]}` });

  it("answers every officer route that names a dossier with 404 for another MPP's dossier, and writes nothing", async () => {
    const paths = (await h.request('GET', '/api/docs-json')).body.paths as Record<string, Record<string, unknown>>;
    const routes = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/') && !path.startsWith('/api/public/') && path.includes('{id}'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
    expect(routes.length).toBeGreaterThan(30);
    const before = (await as('kota-bandung/supervisor', 'GET', `/api/dossiers/${dossier.id}`)).body.version;
    const lastPosition = await h.lastPosition();
    const fill = (path: string, id: string) =>
      path
        .replace('{id}', encodeURIComponent(id))
        .replace('{file}', 'permit.pdf')
        .replace('{version}', '1')
        .replace('{sha256}', 'a'.repeat(64));
    const answers: string[] = [];
    for (const who of ['kota-denpasar/supervisor', 'kota-denpasar/admin', 'kota-denpasar/loket', 'kota-denpasar/verifikator'])
      for (const { method, path } of routes)
        for (const id of [dossier.id, dossier.number]) {
          const r = await as(who, method, fill(path, id), method === 'GET' ? undefined : {});
          // A read is not found (a route that takes only an id refuses a number as such); a command is refused (not
          // found, or its empty body refused first); a role that may not use the route at all is told so. Never served,
          // and never "not yours to read", which would say the dossier exists.
          const refusals = method === 'GET' ? (id === dossier.id ? [403, 404] : [400, 403, 404]) : [400, 403, 404, 422];
          const ok = refusals.includes(r.status) && r.body.code !== 'DOSSIER.NOT_YOURS_TO_READ';
          if (!ok) answers.push(`${who} ${method} ${path} (${id === dossier.id ? 'id' : 'number'}): ${r.status}`);
        }
    expect(answers).toEqual([]);
    // Nothing was appended to the log, and Bandung's dossier is as it was.
    expect(await h.lastPosition()).toBe(lastPosition);
    expect((await as('kota-bandung/supervisor', 'GET', `/api/dossiers/${dossier.id}`)).body.version).toBe(before);
  }, 180_000);

  it("never finds another MPP's dossiers for a batch migration", async () => {
    const batch = (who: string) =>
      as(who, 'POST', '/api/migrations', { filter: { service: 'pbg', fromVersion: 3 }, toVersion: 2, reason: 'Uji pemindahan versi' });
    const denpasar = await batch('kota-denpasar/supervisor');
    expect([denpasar.status, denpasar.body.matched, denpasar.body.items]).toEqual([200, 0, []]);
    // Bandung's own supervisor finds it: the filter is right, the MPP is what keeps it out.
    const bandung = await batch('kota-bandung/supervisor');
    expect((bandung.body.items as { dossierId: string }[]).map((i) => i.dossierId)).toEqual([dossier.id]);
  });

  it("serves each MPP's public pages under its code, where another MPP's receipt is unknown", async () => {
    const lookup = (base: string) =>
      h.request('POST', `${base}/api/public/tracking`, { registrationNumber: dossier.number, pin: dossier.pin });
    // Bandung is the home tenant: its pages are at the root (as before tenants) and under its code.
    expect((await lookup('')).status).toBe(200);
    expect((await lookup('/kota-bandung')).status).toBe(200);
    // At Denpasar's the receipt is answered exactly as a number that does not exist.
    const elsewhere = await lookup('/kota-denpasar');
    const unknown = await h.request('POST', '/kota-denpasar/api/public/tracking', {
      registrationNumber: 'DPS-PBG-2026-999999',
      pin: dossier.pin,
    });
    expect(elsewhere.status).toBe(404);
    expect([elsewhere.status, elsewhere.body.title, elsewhere.body.detail]).toEqual([
      unknown.status,
      unknown.body.title,
      unknown.body.detail,
    ]);
    // The HTML form too, and each MPP's page carries its own name and links that stay under its code.
    const form = (base: string) =>
      fetch(`${h.url}${base}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ registrationNumber: dossier.number, pin: dossier.pin }),
      });
    const home = await form('');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('MPP Kota Bandung');
    const denpasar = await form('/kota-denpasar');
    expect(denpasar.status).toBe(404);
    const page = await denpasar.text();
    expect(page).toContain('MPP Kota Denpasar');
    expect(page).toContain('<base href="/kota-denpasar/">');
    expect(page).not.toContain('MPP Kota Bandung');
    // Its application form is Denpasar's, and the console is not served under an MPP's code.
    const apply = await fetch(`${h.url}/kota-denpasar/daftar`);
    expect([apply.status, (await apply.text()).includes('MPP Kota Denpasar')]).toEqual([200, true]);
    expect((await fetch(`${h.url}/kota-denpasar/api/dossiers`)).status).toBe(404);
    // The receipt a Denpasar front desk prints names Denpasar and leads to its pages.
    const settings = await h.request('GET', '/api/settings?tenant=kota-denpasar');
    expect(settings.body).toMatchObject({ mppName: 'MPP Kota Denpasar', trackingPath: '/kota-denpasar/' });
  });

  it("signs a permit as the MPP's own official, with a QR code to its own verification page", async () => {
    const made = await as('kota-denpasar/loket', 'POST', '/api/dossiers', {
      service: 'izin-penelitian',
      applicant: { name: 'Ni Luh Putu Ayu', nik: '5171014512900002', phone: '081337001122' },
      requirements: ['ktp', 'surat-pengantar', 'proposal'],
      particulars: {
        'judul-penelitian': 'Subak dan air tanah di Denpasar Selatan',
        lembaga: 'Universitas Udayana',
        'lokasi-penelitian': 'Kecamatan Denpasar Selatan',
        'lama-penelitian': 3,
      },
    });
    expect(made.status).toBe(201);
    const id = made.body.dossierId as string;
    expect(made.body.registrationNumber).toMatch(/^DPS-/);
    const act = async (who: string, action: string, body: object = {}) => {
      expect([who, action, (await as(`kota-denpasar/${who}`, 'POST', `/api/dossiers/${id}/claim`, {})).status]).toEqual([who, action, 200]);
      expect([who, action, (await as(`kota-denpasar/${who}`, 'POST', `/api/dossiers/${id}/${action}`, body)).status]).toEqual([
        who,
        action,
        200,
      ]);
    };
    await act('verifikator', 'complete', { outcome: 'forward' });
    await act('kabid', 'approve');
    await act('kadis', 'sign');
    await act('tu', 'issue');
    const permit = await h.eventually(
      () => as('kota-denpasar/kadis', 'GET', `/api/dossiers/${id}`),
      (r) => Boolean((r.body.permit as { verificationCode?: string } | null)?.verificationCode),
    );
    const code = (permit.body.permit as { verificationCode: string }).verificationCode;
    const file = await fetch(`${h.url}/api/dossiers/${id}/documents/permit.pdf`, {
      headers: { authorization: `Bearer ${tokens['kota-denpasar/kadis']}` },
    });
    expect(file.status).toBe(200);
    const bytes = Buffer.from(await file.arrayBuffer());
    const text = await pdfText(bytes);
    expect(text).toContain(DENPASAR_OFFICIAL.name);
    expect(text).toContain(`NIP ${DENPASAR_OFFICIAL.nip}`);
    expect(text).toContain('MPP Kota Denpasar');
    expect(await pdfQrCodes(bytes)).toEqual([`${h.url}/kota-denpasar/verifikasi/${code}`]);
    if (debianTool('pdfsig', 'poppler-utils')) {
      const path = join(dir, 'dps-permit.pdf');
      writeFileSync(path, bytes);
      const report = execFileSync('pdfsig', [path], { encoding: 'utf8' });
      expect(report).toContain(`Signer Certificate Common Name: ${DENPASAR_OFFICIAL.name}`);
      expect(report).toContain('Signature Validation: Signature is Valid.');
    }
    // Its QR code leads to Denpasar's page, where it is genuine; Bandung's pages do not know it.
    const verified = await fetch(`${h.url}/kota-denpasar/verifikasi/${code}`);
    expect(verified.status).toBe(200);
    expect(await verified.text()).toContain('MPP Kota Denpasar');
    expect((await fetch(`${h.url}/verifikasi/${code}`)).status).toBe(404);
  });

  it("lets an overseer read each MPP's figures, of the MPPs they oversee, and nothing of a dossier", async () => {
    const national = await h.request('POST', '/api/auth/login', { tenant: 'kota-bandung', username: 'pengawas', password: 'demo123' });
    expect(national.status).toBe(200);
    tokens['kota-bandung/pengawas'] = national.body.accessToken as string;
    const figures = await as('kota-bandung/pengawas', 'GET', '/api/aggregates?days=30');
    expect(figures.status).toBe(200);
    const items = figures.body.items as { tenant: string; province: string; registered: number; backlog: number; timeZone: string }[];
    expect(items.map((i) => [i.tenant, i.province, i.timeZone])).toEqual([
      ['kota-bandung', 'Jawa Barat', 'WIB'],
      ['kota-denpasar', 'Bali', 'WITA'],
    ]);
    expect(items[0].registered).toBeGreaterThanOrEqual(1);
    expect(items[0].backlog).toBeGreaterThanOrEqual(1);
    // Counts only: no registration number, id or name of a dossier.
    const body = JSON.stringify(figures.body);
    for (const secret of [dossier.number, dossier.id, 'Budi Santoso']) expect(body).not.toContain(secret);
    // Every route about dossiers refuses an overseer, whatever it would show another role.
    for (const path of [
      `/api/dossiers/${dossier.id}`,
      '/api/returned',
      '/api/search?q=budi',
      '/api/queues/back-office',
      '/api/dashboard',
      '/api/drafts',
    ]) {
      const r = await as('kota-bandung/pengawas', 'GET', path);
      expect([path, r.status, r.body.code]).toEqual([path, 403, 'AUTH.OVERSEER_AGGREGATES_ONLY']);
    }
    expect((await as('kota-bandung/pengawas', 'POST', `/api/dossiers/${dossier.id}/claim`, {})).status).toBe(403);
    // The figures are the overseers' alone: an MPP's supervisor or administrator is refused them.
    expect((await as('kota-bandung/supervisor', 'GET', '/api/aggregates')).status).toBe(403);
    expect((await as('kota-denpasar/admin', 'GET', '/api/aggregates')).status).toBe(403);
    // Overseers are made by the home MPP's administrators, for a province of the deployment or for all.
    const bandungAdmin = (await h.request('POST', '/api/auth/login', { tenant: 'kota-bandung', username: 'admin', password: 'demo123' }))
      .body.accessToken as string;
    const make = (token: string, body: object) => h.request('POST', '/api/officers', body, { authorization: `Bearer ${token}` });
    const provincial = {
      username: 'pengawas-bali',
      name: 'Pengawas Provinsi Bali',
      role: 'overseer',
      oversees: 'Bali',
      password: 'sementara-12345',
    };
    const refused = await make(tokens['kota-denpasar/admin'], provincial);
    expect([refused.status, (refused.body.errors as { field: string }[] | undefined)?.[0]?.field]).toEqual([400, 'role']);
    expect((await make(bandungAdmin, { ...provincial, oversees: 'Papua' })).status).toBe(400);
    expect((await make(bandungAdmin, provincial)).status).toBe(201);
    const first = await h.request('POST', '/api/auth/login', {
      tenant: 'kota-bandung',
      username: 'pengawas-bali',
      password: 'sementara-12345',
    });
    const changed = await h.request(
      'POST',
      '/api/me/password',
      { currentPassword: 'sementara-12345', newPassword: 'Kopi-Tubruk-Kintamani-77' },
      { authorization: `Bearer ${first.body.accessToken as string}` },
    );
    expect(changed.status).toBe(200);
    const bali = await h.request('GET', '/api/aggregates', undefined, { authorization: `Bearer ${changed.body.accessToken as string}` });
    expect(bali.body).toMatchObject({ oversees: 'Bali' });
    expect((bali.body.items as { tenant: string }[]).map((i) => i.tenant)).toEqual(['kota-denpasar']);
  });

  it("leaves another MPP's dossier out of every list, and keeps it in its own", async () => {
    const lists = [
      '/api/queues/back-office',
      '/api/queues/back-office?order=oldest',
      `/api/search?q=${encodeURIComponent(dossier.number)}`,
      '/api/search?q=budi',
      '/api/returned',
      '/api/dashboard',
      '/api/statistics',
      '/api/escalations',
      '/api/complaints',
      `/api/access-log?dossierId=${dossier.id}`,
    ];
    for (const path of lists) {
      const theirs = await as('kota-denpasar/supervisor', 'GET', path);
      expect([path, theirs.status]).toEqual([path, 200]);
      expect([path, JSON.stringify(theirs.body).includes(dossier.number) || JSON.stringify(theirs.body).includes(dossier.id)]).toEqual([
        path,
        false,
      ]);
    }
    // Bandung's own lists do show it: the filter is the tenant, not an empty list.
    const search = await as('kota-bandung/supervisor', 'GET', `/api/search?q=${encodeURIComponent(dossier.number)}`);
    expect((search.body.items as { dossierId: string }[]).map((i) => i.dossierId)).toEqual([dossier.id]);
    const queue = await as('kota-bandung/supervisor', 'GET', '/api/queues/back-office');
    expect((queue.body.items as { dossierId: string }[]).map((i) => i.dossierId)).toContain(dossier.id);
    const stats = await as('kota-bandung/supervisor', 'GET', '/api/statistics');
    expect(JSON.stringify(stats.body)).toContain('"pbg"');
    const log = await as('kota-bandung/supervisor', 'GET', `/api/access-log?dossierId=${dossier.id}`);
    expect((log.body.total as number) > 0).toBe(true);
  });
});
