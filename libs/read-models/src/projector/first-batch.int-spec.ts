import { randomUUID } from 'node:crypto';
import { dossierUpcastSteps, type DossierCommand } from '#berkas/domain';
import { calendar2026, catalogue, officers, PBG_PARTICULARS, tariffs } from '#berkas/domain/testing';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { freshPostgres, postgresAvailable } from '#berkas/sql/testing';
import { readModelProjections } from '../read-model-projections.js';
import { Projector } from './projector.js';
import { commandRecorder } from './record-commands.js';

const available = await postgresAvailable();
const cat = catalogue();
const PBG_DOCS = ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'];

(available ? describe : describe.skip)('projectors on a read model that never had a checkpoint (PostgreSQL)', () => {
  // A projection's first batch had no checkpoint row to lock: two projectors (a process's running loop and its
  // catch-up, or two processes) wrote the same dossiers side by side and could deadlock.
  it('take turns on their first batch: both finish, each dossier projected once', async () => {
    const { db, drop } = await freshPostgres(8);
    try {
      const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
      const record = commandRecorder(store, cat, calendar2026(), tariffs());
      const ids: string[] = [];
      for (let i = 0; i < 120; i++) {
        const id = randomUUID();
        ids.push(id);
        await record(
          id,
          {
            type: 'RegisterDossier',
            data: {
              dossierId: id,
              applicant: { name: `Pemohon ${i}`, nik: '3273011508800001' },
              requirements: PBG_DOCS,
              inputs: { 'luas-lantai': 100 },
              particulars: PBG_PARTICULARS,
            },
            metadata: { commandId: randomUUID(), actor: officers.frontDesk, at: new Date().toISOString() },
          } as DossierCommand,
          'pbg',
        );
      }
      for (let round = 0; round < 5; round++) {
        // Pages of different sizes: the first batches overlap without being the same.
        const [a, b, c] = [37, 80, 200].map((batchSize) => new Projector(store, db, readModelProjections(cat), { batchSize }));
        await a.init();
        await db.query('TRUNCATE rm_dossiers, rm_desk_queue, rm_desk_visits, pub_tracking, pub_timeline, pub_permits -- tenant: every MPP');
        await db.query('DELETE FROM projection_checkpoints');
        const applied = await Promise.all([a, b, c].map((p) => p.catchUp()));
        expect(applied.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(ids.length);
        const { rows } = await db.query<{ n: string; distinct: string }>(
          'SELECT count(*) AS n, count(DISTINCT dossier_id) AS distinct FROM rm_dossiers -- tenant: every MPP',
        );
        expect(rows[0]).toEqual({ n: String(ids.length), distinct: String(ids.length) });
      }
    } finally {
      await drop();
    }
  });
});
