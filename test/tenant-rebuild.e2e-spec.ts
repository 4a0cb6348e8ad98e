import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';
import { rebuildProcess } from './support/rebuild-process.js';
import { writeTwoTenants } from './support/two-tenants.js';

/**
 * `npm run rebuild-projections -- --tenant <code>` while the all-in-one serves
 * two MPPs on PostgreSQL (issue 23): one MPP's read models are rebuilt from
 * its part of the log and swapped in, and the other MPP's rows are not
 * touched. A row of each MPP is damaged first: the rebuilt MPP's comes back,
 * the other's stays as it was (nothing of it was rewritten). Both MPPs keep
 * answering throughout, and dossiers registered meanwhile in either are
 * there afterwards.
 */
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');

(postgres ? describe : describe.skip)("one MPP's read models rebuilt alone (PostgreSQL)", () => {
  it("rebuilds Denpasar's rows from its own events and leaves Bandung's alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berkas-tenant-rebuild-'));
    const { env, drop } = await postgres![1]();
    const all = {
      ...env,
      TENANTS_FILE: writeTwoTenants(dir),
      DEMO_DATA: 'true',
      DEMO_DOSSIERS: 'false',
      TRACKING_CACHE_SECONDS: '0',
      // One test client is one address: the per-address limit would count its polling.
      TRACKING_RATE_LIMIT: '100000',
    };
    const h = await Harness.start(all);
    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    await db.query(`SET search_path TO ${env.DATABASE_SCHEMA}`);
    try {
      const tokens: Record<string, string> = {};
      for (const tenant of ['kota-bandung', 'kota-denpasar']) {
        const r = await h.request('POST', '/api/auth/login', { tenant, username: 'loket', password: 'demo123' });
        expect(r.status).toBe(200);
        tokens[tenant] = r.body.accessToken as string;
      }
      const path = (tenant: string) => (tenant === 'kota-bandung' ? '' : `/${tenant}`);
      const register = async (tenant: string) => {
        const r = await h.request('POST', '/api/dossiers', PBG_REQUEST, { authorization: `Bearer ${tokens[tenant]}` });
        // On failure, what the server logged with it (its error is not in the answer).
        expect([r.status, r.status === 201 ? '' : `${JSON.stringify(r.body)}\n${h.logs().slice(-4000)}`]).toEqual([201, '']);
        return { tenant, id: r.body.dossierId as string, number: r.body.registrationNumber as string, pin: r.body.pin as string };
      };
      const track = (d: { tenant: string; number: string; pin: string }) =>
        h.request('POST', `${path(d.tenant)}/api/public/tracking`, { registrationNumber: d.number, pin: d.pin });
      // Its public record, once projected.
      const found = async (d: { tenant: string; number: string; pin: string }) =>
        (
          await h.eventually(
            () => track(d),
            (r) => r.status === 200,
            15_000,
          )
        ).status;
      type Registered = Awaited<ReturnType<typeof register>>;
      const dossiers: Registered[] = [];
      for (let i = 0; i < 40; i++) dossiers.push(await register(i % 2 ? 'kota-denpasar' : 'kota-bandung'));
      for (const d of dossiers) expect(await found(d)).toBe(200);
      const [bandung, denpasar] = [dossiers[0], dossiers[1]];
      expect(denpasar.number).toMatch(/^DPS-/);

      // Damage: each MPP loses one dossier's public record; Bandung's other rows are fingerprinted.
      await db.query('DELETE FROM pub_tracking WHERE tenant_id = $1 AND dossier_id = ANY($2)', ['kota-bandung', [bandung.id]]);
      await db.query('DELETE FROM pub_tracking WHERE tenant_id = $1 AND dossier_id = ANY($2)', ['kota-denpasar', [denpasar.id]]);
      expect((await track(bandung)).status).toBe(404);
      expect((await track(denpasar)).status).toBe(404);
      const fingerprint = async () =>
        (
          await db.query<{ f: string }>(
            `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS f FROM (
               SELECT d::text AS t FROM rm_dossiers d WHERE tenant_id = 'kota-bandung' AND dossier_id = ANY($1)
               UNION ALL SELECT p::text FROM pub_tracking p WHERE tenant_id = 'kota-bandung' AND dossier_id = ANY($1)
               UNION ALL SELECT q::text FROM rm_desk_queue q WHERE tenant_id = 'kota-bandung' AND dossier_id = ANY($1)
               UNION ALL SELECT x.ctid::text FROM rm_desk_visits x WHERE tenant_id = 'kota-bandung' AND dossier_id = ANY($1)) AS rows`,
            [dossiers.filter((d) => d.tenant === 'kota-bandung').map((d) => d.id)],
          )
        ).rows[0].f;
      // rm_desk_visits' physical row addresses are in the fingerprint: a row deleted and written again moves.
      const before = await fingerprint();

      const rebuild = rebuildProcess(all, ['--tenant', 'kota-denpasar']);
      let done = false;
      void rebuild.then(() => (done = true));
      const answers = new Map<string, number>();
      const during: Registered[] = [];
      for (let round = 0; !done; round++) {
        // Both MPPs' existing dossiers (the damaged ones aside) answer all along.
        const d = dossiers[2 + (round % (dossiers.length - 2))];
        const status = `${d.tenant} ${(await track(d)).status}`;
        answers.set(status, (answers.get(status) ?? 0) + 1);
        if (round % 10 === 0) during.push(await register(round % 20 ? 'kota-denpasar' : 'kota-bandung'));
      }
      const { status, out } = await rebuild;
      expect([status, status === 0 ? '' : out]).toEqual([0, '']);
      expect(out).toMatch(/Rebuilt \d+ projections for kota-denpasar from \d+ events/);
      expect([...answers.keys()].sort()).toEqual(['kota-bandung 200', 'kota-denpasar 200']);

      // Denpasar's damaged record is back; Bandung's is still missing, and its other rows are byte for byte as they were.
      expect(await found(denpasar)).toBe(200);
      expect((await track(bandung)).status).toBe(404);
      expect(await fingerprint()).toBe(before);
      // Dossiers registered during the rebuild, in either MPP, are there.
      expect(during.length).toBeGreaterThan(0);
      for (const d of during) expect(await found(d)).toBe(200);
      // The numbers of one MPP are unknown at the other's address.
      expect((await h.request('POST', '/api/public/tracking', { registrationNumber: denpasar.number, pin: denpasar.pin })).status).toBe(
        404,
      );

      // An MPP the deployment does not serve is refused, in words.
      const refused = await rebuildProcess(all, ['--tenant', 'kota-atlantis']);
      expect(refused.status).toBe(2);
      expect(refused.out).toContain('No MPP kota-atlantis in this deployment (it serves kota-bandung, kota-denpasar)');
    } finally {
      await db.end();
      await h.close();
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
