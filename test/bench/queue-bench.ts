/**
 * `npm run bench`, third part: one page of a desk queue holding 10,000
 * dossiers (BENCH_QUEUE_DOSSIERS) on PostgreSQL, read 300 times, beside a
 * primary-key read of one row of the same table in the same run.
 */
import { randomUUID } from 'node:crypto';
import { dossierUpcastSteps, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { buildProjector, deskQueue, searchDossiers } from '#berkas/read-models';
import { catalogue, freshPostgres, officers, postgresAvailable, testCommandService } from '#berkas/testing';
import { inParallel, pct, registration } from './bench-support.js';

const N = Number(process.env.BENCH_QUEUE_DOSSIERS ?? 10_000);
const READS = 300;
// Applicants with different names, so a name search matches some dossiers (1 in 25 per family name), not all.
const GIVEN = ['Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Joko', 'Putri', 'Wahyu', 'Ayu', 'Hendra'];
const FAMILY = [
  'Santoso',
  'Wijaya',
  'Hidayat',
  'Lestari',
  'Saputra',
  'Kusuma',
  'Rahmawati',
  'Nugroho',
  'Pratama',
  'Siregar',
  'Hasibuan',
  'Tanjung',
  'Gunawan',
  'Halim',
  'Sutanto',
  'Purba',
  'Simanjuntak',
  'Permana',
  'Setiawan',
  'Wibowo',
  'Harahap',
  'Nasution',
  'Syahputra',
  'Utomo',
  'Firmansyah',
];

if (!(await postgresAvailable())) {
  console.log('\ndesk queue benchmark skipped: no PostgreSQL server');
  process.exit(0);
}
const { db, drop } = await freshPostgres(16);
try {
  const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  const service = testCommandService(store, catalogue());
  await inParallel(N, 8, async (i) => {
    const id = randomUUID();
    await service.execute(
      id,
      {
        type: 'RegisterDossier',
        data: {
          ...registration(id),
          applicant: { name: `${GIVEN[i % GIVEN.length]} ${FAMILY[i % FAMILY.length]}`, nik: '3273011508800001' },
        },
        metadata: { commandId: randomUUID(), actor: officers.frontDesk, at: new Date().toISOString() },
      } as DossierCommand,
      { serviceCode: 'pbg' },
    );
  });
  const projector = buildProjector(store, db, catalogue());
  await projector.init();
  await projector.catchUp();
  // What autovacuum's analyze does soon after a load like this one: the planner then knows the queue holds 10,000 rows.
  await db.query('ANALYZE rm_desk_queue');
  await db.query('ANALYZE rm_dossiers');
  const now = new Date().toISOString();
  const time = async (read: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t = performance.now();
      await read();
      ms.push(performance.now() - t);
    }
    return ms;
  };
  const first = await deskQueue(db, 'kota-contoh', 'back-office', { now });
  const pages = await time(() => deskQueue(db, 'kota-contoh', 'back-office', { now, limit: 50, offset: (Math.random() * 9000) | 0 }));
  // Search as a processor at the back office (need to know: the dossiers that reached the desk), by family name and by number.
  const byName = await searchDossiers(db, 'kota-contoh', 'santoso', { desks: ['back-office'], now });
  const names = await time(() =>
    searchDossiers(db, 'kota-contoh', FAMILY[(Math.random() * FAMILY.length) | 0], { desks: ['back-office'], now }),
  );
  const numbers = await time(() => searchDossiers(db, 'kota-contoh', `BENCH-${(Math.random() * N) | 0}-`, { desks: ['back-office'], now }));
  const { rows } = await db.query<{ dossier_id: string }>(
    "SELECT dossier_id FROM rm_dossiers LIMIT 1 -- tenant: the test reads every MPP's rows",
  );
  const keyed = await time(() =>
    db.query("SELECT summary FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows", [rows[0].dossier_id]),
  );
  console.log(`\ndesk queue page (50 of ${first.total} waiting at back-office, PostgreSQL), ${READS} reads one after another`);
  console.log(
    `  queue page      p50 ${pct(pages, 50).toFixed(1)} ms   p99 ${pct(pages, 99).toFixed(1)} ms   target p99<20: ${pct(pages, 99) < 20 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  search by name  p50 ${pct(names, 50).toFixed(1)} ms   p99 ${pct(names, 99).toFixed(1)} ms   (first page of ${byName.total} matches; no target)`,
  );
  console.log(`  search by number p50 ${pct(numbers, 50).toFixed(1)} ms   p99 ${pct(numbers, 99).toFixed(1)} ms   (no target)`);
  console.log(`  one row by key  p50 ${pct(keyed, 50).toFixed(1)} ms   p99 ${pct(keyed, 99).toFixed(1)} ms   (baseline)\n`);
} finally {
  await drop();
}
