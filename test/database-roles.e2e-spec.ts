import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from '#berkas/testing';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';

/**
 * The split deployment under least-privilege roles (docs/deployment.md): the
 * owner creates the tables (`npm run migrate`), docker/postgres/roles.sql
 * makes one role per process, and each process boots and works under its own
 * role with DB_MIGRATE=false; public tracking cannot read the event log.
 */
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');
const ON = /\son (http:\/\/\S+?)[\s(]/;

(postgres ? describe : describe.skip)('each process under its own database role (PostgreSQL)', () => {
  it('boots desk API, projector, tracking and jobs under their roles, and they work together', async () => {
    const { env, drop } = await postgres![1]();
    const schema = env.DATABASE_SCHEMA!;
    const prefix = `bt${randomBytes(4).toString('hex')}`;
    const roles = ['desk', 'tracking', 'projector', 'relay', 'jobs'].map((r) => `${prefix}_${r}`);
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    const started: Harness[] = [];
    try {
      const migrate = spawnSync(process.execPath, ['dist/apps/desk-api/src/migrate.js'], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(migrate.stderr).not.toMatch(/Error/);
      expect(migrate.stdout).toContain(`Berkas tables are in place (schema ${schema})`);
      const sql = spawnSync(
        'psql',
        [TEST_DATABASE_URL, '-v', 'ON_ERROR_STOP=1', '-v', `schema=${schema}`, '-v', `prefix=${prefix}`, '-f', 'docker/postgres/roles.sql'],
        {
          encoding: 'utf8',
        },
      );
      expect(sql.stderr).toBe('');
      expect(sql.status).toBe(0);
      // Running it again changes nothing.
      expect(
        spawnSync('psql', [
          TEST_DATABASE_URL,
          '-v',
          'ON_ERROR_STOP=1',
          '-v',
          `schema=${schema}`,
          '-v',
          `prefix=${prefix}`,
          '-f',
          'docker/postgres/roles.sql',
        ]).status,
      ).toBe(0);

      const as = (role: string) => ({
        ...env,
        DATABASE_URL: TEST_DATABASE_URL.replace('//postgres@', `//${prefix}_${role}@`),
        DB_MIGRATE: 'false',
      });
      const start = async (role: string, entry: string, ready: RegExp, extra: Record<string, string> = {}) => {
        const h = await Harness.start({ ...as(role), ...extra }, entry, ready);
        started.push(h);
        return h;
      };
      const desk = await start('desk', 'dist/apps/desk-api/src/main.js', ON, { RUN_PROJECTOR: 'false' });
      await start('projector', 'dist/apps/projector/src/main.js', /projector (running)/);
      const tracking = await start('tracking', 'dist/apps/tracking/src/main.js', ON, {
        RUN_PROJECTOR: 'false',
        DEMO_DATA: 'false',
        CATALOGUE_SYNC_MS: '200',
      });
      // Escalation at once, looked for every second: the jobs role writes the supervisors' notices, the desk reads them.
      const jobs = await start('jobs', 'dist/apps/jobs/src/main.js', /jobs (running)/, {
        DEMO_DATA: 'false',
        ESCALATION_SHARE: '0.000001',
        ESCALATION_SWEEP_SECONDS: '1',
      });

      const receipt = await desk.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      expect(receipt.status).toBe(201);
      const seen = await tracking.eventually(
        () => tracking.track(receipt.body.registrationNumber as string, receipt.body.pin as string),
        (r) => r.status === 200,
        15_000,
      );
      expect(seen.status).toBe(200);
      expect((await desk.as('verifikator', 'GET', '/api/queues/back-office')).body.total).toBe(1);
      // The desk's role records a payment (its reference claimed register-wide, D42) and a signed permit (D46).
      const id = receipt.body.dossierId as string;
      const step = async (who: string, action: string, body: object = {}) => {
        const r = await desk.eventually(
          () => desk.act(who, id, action, body),
          (x) => x.status === 200,
          15_000,
        );
        expect(r.status).toBe(200);
      };
      await step('verifikator', 'complete', { outcome: 'forward' });
      await step('tpa', 'recommendation', { positive: true, note: 'ok' });
      await step('pupr', 'recommendation', { positive: true, note: 'ok' });
      await step('kasir', 'fee');
      const fee = (
        await desk.eventually(
          () => desk.as('kasir', 'GET', `/api/dossiers/${id}`),
          (r) => Boolean(r.body.fee),
          15_000,
        )
      ).body.fee as { total: number } | null;
      const paid = await desk.as('kasir', 'POST', `/api/dossiers/${id}/payments`, {
        reference: 'ROLE-1',
        amount: fee?.total,
        channel: 'bank',
      });
      expect(paid.status).toBe(200);
      await step('kasir', 'complete', { outcome: 'forward' });
      await step('kabid', 'approve');
      await step('kadis', 'sign');
      const escalated = await desk.eventually(
        () => desk.as('supervisor', 'GET', '/api/escalations'),
        (r) => JSON.stringify(r.body).includes(receipt.body.registrationNumber as string),
        15_000,
      );
      expect(escalated.status).toBe(200);
      // The MPP's administrator publishes its own PBG (D56) from the desk's role; the public site's role, which may not read
      // the log, learns it through the catalogue_events view: its application form asks for the new requirement.
      const draft = await desk.as('admin', 'POST', '/api/catalogue/pbg/draft', { from: 3 });
      expect(draft.status).toBe(201);
      const definition = draft.body.definition as { requirements: object[] };
      const withPeil = {
        ...definition,
        requirements: [
          ...definition.requirements,
          { code: 'peil-banjir', label: { id: 'Rekomendasi peil banjir', en: 'Flood level' }, mandatory: true },
        ],
      };
      expect((await desk.as('admin', 'PUT', '/api/catalogue/pbg/draft', { definition: withPeil })).body.problems).toEqual([]);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
      const published = await desk.as('admin', 'POST', '/api/catalogue/pbg/publish', {
        effectiveFrom: today,
        reason: 'Perwali: peil banjir',
      });
      expect(published.status).toBe(201);
      const form = await tracking.eventually(
        async () => (await fetch(`${tracking.url}/daftar/pbg`)).text(),
        (html) => html.includes('Rekomendasi peil banjir'),
        15_000,
      );
      expect(form).toContain('Rekomendasi peil banjir');
      // A lease is taken at the first ask after boot.
      const leases = await jobs.eventually(
        () => jobs.leases(),
        (l) => l.notifier === 'leader' && l['complaint-intake'] === 'leader',
        10_000,
      );
      expect(leases.notifier).toBe('leader');
      expect(leases['complaint-intake']).toBe('leader');
      // What each role may not do.
      const denied = async (role: string, statement: string) => {
        const c = new pg.Client({ connectionString: as(role).DATABASE_URL, options: `-c search_path=${schema}` });
        await c.connect();
        try {
          await c.query(statement);
          return false;
        } catch (e) {
          return /permission denied/.test((e as Error).message);
        } finally {
          await c.end();
        }
      };
      expect(await denied('tracking', 'SELECT data FROM events LIMIT 1')).toBe(true);
      expect(await denied('tracking', "SELECT summary FROM rm_dossiers LIMIT 1 -- tenant: the test reads every MPP's rows")).toBe(true);
      expect(await denied('tracking', 'SELECT password_hash FROM officers LIMIT 1')).toBe(true);
      expect(
        await denied('projector', 'INSERT INTO officers (officer_id, username, name, role, password_hash) VALUES (1, 2, 3, 4, 5)'),
      ).toBe(true);
      expect(await denied('relay', "SELECT summary FROM rm_dossiers LIMIT 1 -- tenant: the test reads every MPP's rows")).toBe(true);
      expect(await denied('desk', 'CREATE TABLE sneaky (x int)')).toBe(true);
    } finally {
      for (const h of started) await h.close();
      await drop();
      for (const role of roles) {
        await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
        await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      }
      await admin.end();
    }
  }, 240_000);
});
