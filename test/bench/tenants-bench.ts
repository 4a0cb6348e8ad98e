/**
 * `npm run bench`, many MPPs (issue 23): BENCH_TENANTS (500) MPPs sharing one
 * PostgreSQL store of BENCH_TENANT_EVENTS (5,000,000) events, beside one MPP
 * alone in a store of its own, in the same run. One MPP's dossiers (about
 * 10,000 events: registered, some verified, some recommended) are written
 * through the command path; the shared store holds a copy of them for every
 * MPP, interleaved in the log as MPPs' days are, projected by the rebuild.
 * Measured on both: a desk's queue page, a public lookup (number to record
 * and timeline) and the supervisors' dashboard of one MPP, 300 reads each;
 * then one MPP's rebuild in the shared store, while another MPP's queue is
 * read, and whether any other MPP's row was rewritten.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dossierUpcastSteps, type Actor, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { buildProjector, dashboard, deskQueue, loadTracking, readModelProjections, rebuildTenantInShadow } from '#berkas/read-models';
import { publicInboxTables } from '#berkas/public-inbox';
import { createTables, PgDatabase, type Queryable } from '#berkas/sql';
import {
  calendar2026,
  catalogue,
  freshPostgres,
  officers,
  postgresAvailable,
  TEST_DATABASE_URL,
  testCommandService,
} from '#berkas/testing';
import { pct, registration } from './bench-support.js';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 500);
const EVENTS = Number(process.env.BENCH_TENANT_EVENTS ?? 5_000_000);
const PER_TENANT = Math.ceil(EVENTS / TENANTS);
const READS = 300;
const HOME = 'kota-contoh';
const code = (k: number) => `mpp-${String(k).padStart(3, '0')}`;
const MEASURED = code(Math.floor(TENANTS / 2));
const NEIGHBOUR = code(7 % TENANTS);
const TABLES = readModelProjections(catalogue(), HOME).flatMap((p) => p.tables);

if (!(await postgresAvailable())) {
  console.log('\nmany-MPP benchmark skipped: no PostgreSQL server');
  process.exit(0);
}
const alone = await freshPostgres(8);
const shared = await freshPostgres(8);
// `pg` alone, without the application's statement timeout, for the bulk copy.
const raw = new pg.Client({ connectionString: TEST_DATABASE_URL });
await raw.connect();
try {
  // One MPP's working life, through the command path, until it holds PER_TENANT events.
  const store = await PostgresEventStore.create(alone.db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  const service = testCommandService(store, catalogue());
  const run = (id: string, actor: Actor, type: DossierCommand['type'], data: object) =>
    service.execute(id, { type, data, metadata: { commandId: randomUUID(), actor, at: new Date().toISOString() } } as DossierCommand, {
      serviceCode: 'pbg',
    });
  let written = 0;
  let next = 0;
  const life = async (i: number) => {
    const id = randomUUID();
    let out = await run(id, officers.frontDesk, 'RegisterDossier', registration(id));
    if (i % 4 >= 1) {
      await run(id, officers.backOffice, 'ClaimDossier', {});
      out = await run(id, officers.backOffice, 'CompleteStep', { outcome: 'forward' });
    }
    if (i % 4 >= 2) {
      await run(id, officers.tpa, 'RecordRecommendation', { positive: true, note: 'sesuai' });
      out = await run(id, officers.pupr, 'RecordRecommendation', { positive: true, note: 'sesuai' });
    }
    written += out.version;
  };
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (written < PER_TENANT) await life(next++);
    }),
  );
  const seeded = await store.countEvents();

  // The shared store: every MPP's copy of that life, each seed event followed by its copies, in statements of ~100,000 events.
  await PostgresEventStore.create(shared.db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  await raw.query(`SET search_path TO ${shared.schema}`);
  const perStatement = Math.max(1, Math.floor(100_000 / TENANTS));
  const started = performance.now();
  for (let from = 0; from < seeded; from += perStatement) {
    await raw.query(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata, recorded_at)
       SELECT gen_random_uuid(), e.stream_id || '-' || k, e.stream_version, e.type, e.schema_version,
              CASE WHEN e.type = 'DossierRegistered'
                   THEN e.data || jsonb_build_object('dossierId', (e.data->>'dossierId') || '-' || k, 'tenant', 'mpp-' || lpad(k::text, 3, '0'))
                   ELSE e.data END,
              e.metadata || jsonb_build_object('tenant', 'mpp-' || lpad(k::text, 3, '0')), e.recorded_at
         FROM (SELECT * FROM ${alone.schema}.events ORDER BY global_position OFFSET $1 LIMIT $2) AS e
        CROSS JOIN generate_series(0, $3::int - 1) AS k
        ORDER BY e.global_position, k`,
      [from, perStatement, TENANTS],
    );
  }
  await raw.query('VACUUM ANALYZE events');
  const total = Number((await raw.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n);
  const copySeconds = (performance.now() - started) / 1000;

  // Both stores' read models, by the rebuild's fast path.
  const aloneProjector = buildProjector(store, alone.db, catalogue(), undefined, undefined, HOME);
  await aloneProjector.init();
  // The survey answers the dashboard's IKM reads (none here).
  await createTables(alone.db, [publicInboxTables(HOME)]);
  await createTables(shared.db, [publicInboxTables(HOME)]);
  await aloneProjector.rebuild();
  const sharedStore = await PostgresEventStore.create(shared.db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  const sharedProjector = buildProjector(sharedStore, shared.db, catalogue(), undefined, undefined, HOME);
  await sharedProjector.init();
  let t = performance.now();
  let shown = 0;
  // A dossier's events are about 4,000 log positions apart here: the rebuild remembers 20,000 dossiers, not 5,000.
  const projected = await sharedProjector.rebuild(
    (p) => {
      if (performance.now() - shown < 10_000) return;
      shown = performance.now();
      console.log(`  projecting the shared store: ${p.applied}/${p.total} events, ${Math.round(p.perSecond)}/s`);
    },
    5_000,
    20_000,
  );
  const projectSeconds = (performance.now() - t) / 1000;
  // What autovacuum does soon after a load like this one: the planner's statistics, and the visibility map that lets
  // an index-only scan skip the table.
  for (const table of TABLES) {
    await raw.query(`VACUUM ANALYZE ${alone.schema}.${table}`);
    await raw.query(`VACUUM ANALYZE ${shared.schema}.${table}`);
  }

  const now = new Date().toISOString();
  const today = now.slice(0, 10);
  const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const numbersOf = async (db: Queryable, tenant: string) =>
    (await db.query<{ n: string }>('SELECT registration_number AS n FROM pub_tracking WHERE tenant_id = $1', [tenant])).rows.map(
      (r) => r.n,
    );
  const time = async (read: () => Promise<unknown>, reads = READS) => {
    const ms: number[] = [];
    for (let i = 0; i < reads; i++) {
      const s = performance.now();
      await read();
      ms.push(performance.now() - s);
    }
    return ms;
  };
  const measure = async (db: Queryable, tenant: string) => {
    const numbers = await numbersOf(db, tenant);
    const queued = (await deskQueue(db, tenant, 'back-office', { now })).total;
    const pick = <T>(xs: T[]) => xs[(Math.random() * xs.length) | 0];
    return {
      dossiers: numbers.length,
      queued,
      queue: await time(() =>
        deskQueue(db, tenant, 'back-office', { now, limit: 50, offset: (Math.random() * Math.max(1, queued - 50)) | 0 }),
      ),
      lookup: await time(async () => {
        if (!(await loadTracking(db, tenant, pick(numbers)))) throw new Error(`a number of ${tenant} was not found`);
      }),
      board: await time(() => dashboard(db, calendar2026(), { tenant, from: monthAgo, to: today, now, stuckAfter: 5 }), 100),
    };
  };
  const one = await measure(alone.db, HOME);
  const many = await measure(shared.db, MEASURED);
  if (one.dossiers !== many.dossiers) throw new Error(`${MEASURED} holds ${many.dossiers} dossiers, the MPP alone ${one.dossiers}`);
  const row = (label: string, a: number[], b: number[]) => {
    const [p1, p2] = [pct(a, 99), pct(b, 99)];
    const met = p2 <= 1.5 * p1 || p2 - p1 <= 2;
    return (
      `  ${label.padEnd(16)} p50 ${pct(a, 50).toFixed(1).padStart(6)} / ${pct(b, 50).toFixed(1).padStart(6)} ms` +
      `   p99 ${p1.toFixed(1).padStart(6)} / ${p2.toFixed(1).padStart(6)} ms   target p99 within 1.5x (or 2 ms): ${met ? 'met' : 'MISSED'}`
    );
  };
  console.log(
    `\nmany MPPs on PostgreSQL: ${TENANTS} MPPs, ${total} events (copied in ${copySeconds.toFixed(0)} s, projected in ${projectSeconds.toFixed(0)} s, ` +
      `${Math.round(projected / projectSeconds)} events/s), beside one MPP alone with the same ${seeded} events`,
  );
  console.log(`  one MPP: ${one.dossiers} dossiers, ${one.queued} waiting at back-office; figures alone / among ${TENANTS}`);
  console.log(row('queue page', one.queue, many.queue));
  console.log(row('public lookup', one.lookup, many.lookup));
  console.log(row('dashboard', one.board, many.board));

  // One MPP's rebuild in the shared store: another MPP's queue read meanwhile, and every other MPP's rows watched.
  const untouched = async () => {
    const out: string[] = [];
    for (const table of TABLES) {
      // `pg` alone: the hash reads millions of rows, longer than the application's statement timeout.
      const { rows } = await raw.query<{ n: string; h: string }>(
        `SELECT count(*) AS n, coalesce(sum(hashtext(ctid::text || ':' || xmin::text)::bigint), 0)::text AS h FROM ${table} WHERE tenant_id <> $1 -- tenant: every other MPP's rows, watched`,
        [MEASURED],
      );
      out.push(`${table} ${rows[0].n} ${rows[0].h}`);
    }
    return out.join('; ');
  };
  const before = await untouched();
  const idle = await time(() => deskQueue(shared.db, NEIGHBOUR, 'back-office', { now, limit: 50 }));
  let rebuilding = true;
  const during: number[] = [];
  const reader = (async () => {
    while (rebuilding) {
      const s = performance.now();
      await deskQueue(shared.db, NEIGHBOUR, 'back-office', { now, limit: 50 });
      during.push(performance.now() - s);
    }
  })();
  t = performance.now();
  const rebuilt = await rebuildTenantInShadow({
    main: shared.db,
    schema: shared.schema,
    open: async (searchPath) => new PgDatabase(TEST_DATABASE_URL, { schema: searchPath, max: 8 }),
    store: sharedStore,
    projections: sharedProjector.projections.filter((p) => p.tables.length > 0),
    tenant: MEASURED,
    home: false,
  });
  const tenantSeconds = (performance.now() - t) / 1000;
  rebuilding = false;
  await reader;
  const after = await untouched();
  const again = await measure(shared.db, MEASURED);

  // And the MPP alone, rebuilt whole, for the same events.
  t = performance.now();
  await aloneProjector.rebuild();
  const aloneSeconds = (performance.now() - t) / 1000;

  console.log(
    `  one MPP's rebuild: ${rebuilt} events in ${tenantSeconds.toFixed(1)} s among ${TENANTS} MPPs, ` +
      `beside ${aloneSeconds.toFixed(1)} s for the same MPP's whole store alone`,
  );
  console.log(
    `  another MPP's queue page while it ran: p99 ${pct(during, 99).toFixed(1)} ms over ${during.length} reads (idle p99 ${pct(idle, 99).toFixed(1)} ms)`,
  );
  console.log(`  the other MPPs' rows after it: ${before === after ? 'untouched (same rows, same versions): met' : 'REWRITTEN: MISSED'}`);
  // What the first boot of an upgraded store pays once: the tenant index built over its whole log.
  await raw.query('DROP INDEX events_tenant_order');
  t = performance.now();
  await raw.query(`CREATE INDEX events_tenant_order ON events ((metadata->>'tenant'), transaction_id, global_position)`);
  console.log(
    `  building events_tenant_order over ${total} events (an upgraded store's first boot): ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  console.log(`  queue page after it: p50 ${pct(again.queue, 50).toFixed(1)} ms   p99 ${pct(again.queue, 99).toFixed(1)} ms (no target)\n`);
} finally {
  await raw.end();
  await alone.drop();
  await shared.drop();
}
