/**
 * `npm run bench`, fourth part: rebuilding the read models from a log of
 * BENCH_REBUILD_EVENTS (default 1,000,000) events on PostgreSQL, beside `pg`
 * reading the same events in the same run: all in one query, and by position
 * in pages of 5,000 (as the rebuild reads them). The log is 2,000 dossiers
 * written through the command path (registered, claimed, forwarded, TPA and
 * PUPR recommendations), then copied under new ids by SQL up to the size.
 */
import { noteRow } from './bench-summary.js';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dossierUpcastSteps, type Actor, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, START, checkpointOf, upcasterFrom } from '#berkas/event-store';
import { buildProjector } from '#berkas/read-models';
import { catalogue, freshPostgres, officers, postgresAvailable, TEST_DATABASE_URL, testCommandService } from '#berkas/testing';
import { inParallel, registration } from './bench-support.js';

const TARGET = Number(process.env.BENCH_REBUILD_EVENTS ?? 1_000_000);
const SEED = 2_000;
const PAGE = 5_000;

if (!(await postgresAvailable())) {
  console.log('\nrebuild benchmark skipped: no PostgreSQL server');
  process.exit(0);
}
const { db, schema, drop } = await freshPostgres(8);
// `pg` alone, without the application's statement timeout: the baselines, and the bulk copy that builds the log.
const raw = new pg.Client({ connectionString: TEST_DATABASE_URL });
await raw.connect();
await raw.query(`SET search_path TO ${schema}`);
try {
  const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  const service = testCommandService(store, catalogue());
  const run = (id: string, actor: Actor, type: DossierCommand['type'], data: object) =>
    service.execute(id, { type, data, metadata: { commandId: randomUUID(), actor, at: new Date().toISOString() } } as DossierCommand, {
      serviceCode: 'pbg',
    });
  await inParallel(SEED, 8, async () => {
    const id = randomUUID();
    await run(id, officers.frontDesk, 'RegisterDossier', registration(id));
    await run(id, officers.backOffice, 'ClaimDossier', {});
    await run(id, officers.backOffice, 'CompleteStep', { outcome: 'forward' });
    await run(id, officers.tpa, 'RecordRecommendation', { positive: true, note: 'sesuai' });
    await run(id, officers.pupr, 'RecordRecommendation', { positive: true, note: 'sesuai' });
  });
  const seeded = await store.countEvents();
  // Copies of the seed under new dossier ids and registration numbers, in statements of about 100,000 events.
  const copies = Math.max(0, Math.ceil(TARGET / seeded) - 1);
  const perStatement = Math.max(1, Math.floor(100_000 / seeded));
  for (let from = 1; from <= copies; from += perStatement) {
    const to = Math.min(copies, from + perStatement - 1);
    await raw.query(
      `INSERT INTO events (event_id, stream_id, stream_version, type, schema_version, data, metadata)
       SELECT gen_random_uuid(), e.stream_id || '-c' || k, e.stream_version, e.type, e.schema_version,
              CASE WHEN e.data ? 'registrationNumber'
                   THEN jsonb_set(jsonb_set(e.data, '{registrationNumber}', to_jsonb((e.data->>'registrationNumber') || '-' || k)),
                                  '{dossierId}', to_jsonb((e.data->>'dossierId') || '-c' || k))
                   ELSE e.data END,
              e.metadata
         FROM generate_series($1::int, $2::int) AS k
         CROSS JOIN (SELECT * FROM events WHERE global_position <= $3 ORDER BY global_position) AS e
        ORDER BY k, e.global_position`,
      [from, to, seeded],
    );
  }
  await raw.query('VACUUM ANALYZE events');
  const total = await store.countEvents();

  // Baselines: pg alone, the same events.
  let t = performance.now();
  const all = await raw.query('SELECT * FROM events ORDER BY transaction_id, global_position');
  const oneQuery = all.rows.length / ((performance.now() - t) / 1000);
  all.rows.length = 0;
  t = performance.now();
  let paged = 0;
  for (let cp = START; ;) {
    const page = await store.readAll(cp, PAGE);
    if (!page.length) break;
    paged += page.length;
    cp = checkpointOf(page[page.length - 1]);
  }
  const pagedRate = paged / ((performance.now() - t) / 1000);

  const projector = buildProjector(store, db, catalogue());
  await projector.init();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  let lastShown = 0;
  t = performance.now();
  const applied = await projector.rebuild((p) => {
    if (performance.now() - lastShown < 5_000) return;
    lastShown = performance.now();
    console.log(`  rebuilding: ${p.applied}/${p.total} events, ${Math.round(p.perSecond)}/s, ${Math.ceil(p.secondsLeft ?? 0)} s left`);
  });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const rate = applied / seconds;
  const { rows } = await db.query<{ n: string }>("SELECT count(*) AS n FROM rm_dossiers -- tenant: the test reads every MPP's rows");
  const baseline = Math.max(oneQuery, pagedRate);
  console.log(`\nrebuild of the read models from ${total} events (${rows[0].n} dossiers) on PostgreSQL`);
  console.log(`  pg, one query            ${oneQuery.toFixed(0).padStart(8)} events/s   (baseline)`);
  console.log(`  pg, pages of ${PAGE}       ${pagedRate.toFixed(0).padStart(8)} events/s   (baseline)`);
  console.log(
    `  rebuild                  ${rate.toFixed(0).padStart(8)} events/s   ${seconds.toFixed(1)} s   ratio ${(rate / baseline).toFixed(2)}` +
      `   target>=40000: ${rate >= 40_000 ? 'met' : 'MISSED'}   target ratio>=0.50: ${rate / baseline >= 0.5 ? 'met' : 'MISSED'}`,
  );
  noteRow({
    path: `rebuild, ${total} events, PostgreSQL`,
    now: `${rate.toFixed(0)} events/s (+${((peakRss - rssBefore) / 2 ** 20).toFixed(0)} MB resident while rebuilding)`,
    baseline: `pg reading the same events ${baseline.toFixed(0)}/s`,
    ratio: rate / baseline,
    target: '>= 40,000/s and >= 0.50 of pg',
    met: rate >= 40_000 && rate / baseline >= 0.5,
  });
  console.log(
    `  memory while rebuilding: peak ${(peakRss / 2 ** 20).toFixed(0)} MB resident, ${((peakRss - rssBefore) / 2 ** 20).toFixed(0)} MB above the start\n`,
  );
} finally {
  await raw.end();
  await drop();
}
