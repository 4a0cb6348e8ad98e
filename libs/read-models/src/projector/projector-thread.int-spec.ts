import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dossierUpcastSteps, type Actor, type DossierCommand } from '#berkas/domain';
import { calendar2026, catalogue, officers, PBG_PARTICULARS, tariffs } from '#berkas/domain/testing';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import type { PgDatabase } from '#berkas/sql';
import { freshPostgres, postgresAvailable, TEST_DATABASE_URL } from '#berkas/sql/testing';
import { buildProjector } from '../projector.module.js';
import { deskQueue } from '../officer-views/queue.js';
import { ProjectorThread } from './projector-thread.js';
import { commandRecorder } from './record-commands.js';

const available = await postgresAvailable();
const cat = catalogue();
const PBG_DOCS = ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'];
const entry = new URL('./testing/projector-thread-fixture.js', import.meta.url);

(available ? describe : describe.skip)('the projector on a thread of its own (PostgreSQL)', () => {
  let db: PgDatabase;
  let schema: string;
  let drop: () => Promise<void>;
  let record: ReturnType<typeof commandRecorder>;
  let dir: string;
  const threads: ProjectorThread[] = [];

  beforeEach(async () => {
    ({ db, schema, drop } = await freshPostgres(4));
    const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
    // The tables, as the request thread creates them before the thread starts.
    await buildProjector(store, db, cat).init();
    record = commandRecorder(store, cat, calendar2026(), tariffs());
    dir = mkdtempSync(join(tmpdir(), 'berkas-thread-'));
  });
  afterEach(async () => {
    for (const t of threads.splice(0)) await t.stop();
    rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  const register = async () => {
    const id = randomUUID();
    const run = (actor: Actor, type: DossierCommand['type'], data: object) =>
      record(id, { type, data, metadata: { commandId: randomUUID(), actor, at: new Date().toISOString() } } as DossierCommand, 'pbg');
    await run(officers.frontDesk, 'RegisterDossier', {
      dossierId: id,
      applicant: { name: 'Ani Lestari', nik: '3273011508800001' },
      requirements: PBG_DOCS,
      inputs: { 'luas-lantai': 100 },
      particulars: PBG_PARTICULARS,
    });
    return id;
  };
  // The back office's queue, where a registered PBG dossier waits for verification.
  const inQueue = async (id: string) =>
    (await deskQueue(db, 'kota-contoh', 'back-office', { now: new Date().toISOString(), limit: 100 })).items.some(
      (d) => d.dossierId === id,
    );
  const thread = (extra: object = {}) => {
    const errors: string[] = [];
    const t = new ProjectorThread({
      entry,
      workerData: { url: TEST_DATABASE_URL, schema, ...extra },
      onError: (m) => errors.push(m),
      restartMs: 100,
    });
    threads.push(t);
    return { t, errors };
  };

  it('projects what the request thread commits and says which dossiers it wrote', async () => {
    const { t, errors } = thread();
    const touched: [string, string][] = [];
    t.onCommit((projection, ids) => ids.forEach((id) => touched.push([projection, id])));
    const before = Date.now();
    t.start();
    // Readiness says "starting" until the thread has built its projector.
    expect(t.up).toBe(false);
    await t.untilReady();
    expect(t.up).toBe(true);
    const a = await register();
    t.poke();
    // Woken by the poke (or the store's signal): the officers' queue and the public row get the dossier, nobody polls.
    const deadline = Date.now() + 10_000;
    while (!touched.some(([p, id]) => p === 'public-tracking' && id === a) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(touched).toContainEqual(['officer-views', a]);
    expect(touched).toContainEqual(['public-tracking', a]);
    expect(await inQueue(a)).toBe(true);
    expect(t.lastGoodRound).toBeGreaterThanOrEqual(before);
    expect(errors).toEqual([]);
  });

  it('catches up on demand and answers once the rows are there', async () => {
    // A projector that nothing wakes: only the catch-up asked of the thread projects.
    const { t, errors } = thread({ idle: true });
    t.start();
    await t.untilReady();
    const b = await register();
    await new Promise((r) => setTimeout(r, 300));
    expect(await inQueue(b)).toBe(false);
    // The registration's events (registered, first step started), applied to each projection.
    expect(await t.catchUp()).toBeGreaterThanOrEqual(2);
    expect(await inQueue(b)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('starts a thread that failed again, says so, and loses nothing', async () => {
    const { t, errors } = thread({ crashOnce: join(dir, 'crashed') });
    t.start();
    await t.untilReady();
    const deadline = Date.now() + 10_000;
    while (t.starts < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.starts).toBe(2);
    expect(errors.join('\n')).toMatch(/the projector thread ended \(exit code 1\); starting it again in 100 ms/);
    // Committed while the new thread comes up: it goes on from the checkpoints.
    const a = await register();
    await t.untilReady();
    await t.catchUp();
    expect(await inQueue(a)).toBe(true);
  });

  it('ends with stop() and is not started again', async () => {
    const { t, errors } = thread();
    t.start();
    await t.untilReady();
    await t.stop();
    const a = await register();
    await new Promise((r) => setTimeout(r, 500));
    expect(t.starts).toBe(1);
    expect(errors).toEqual([]);
    // Nothing projects any more: the dossier committed after the stop is not in the queue.
    expect(await inQueue(a)).toBe(false);
  });

  it('tells a catch-up asked while the thread starts that it was stopped, instead of leaving it waiting', async () => {
    const { t } = thread();
    t.start();
    const refused = expect(t.catchUp()).rejects.toThrow('the projector thread was stopped');
    await t.stop();
    await refused;
  });
});
