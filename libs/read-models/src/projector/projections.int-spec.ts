import { randomUUID } from 'node:crypto';
import { dossierUpcastSteps, type Actor, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, START, upcasterFrom, type StoredEvent } from '#berkas/event-store';
import { type SqlDatabase } from '#berkas/sql';
import { calendar2026, tariffs, catalogue, officers, PBG_PARTICULARS } from '#berkas/domain/testing';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { commandRecorder } from './record-commands.js';
import { deskQueue } from '../officer-views/queue.js';
import { dossierDetail } from '../officer-views/detail.js';
import { auditTrail } from '../audit-trail/audit-trail.js';
import { statistics } from '../officer-views/statistics.js';
import { buildProjector } from '../projector.module.js';
import { Projector, type RebuildProgress } from './projector.js';
import { READ_MODEL_NAMES, readModelProjections } from '../read-model-projections.js';
import { toProjected } from './projection.js';
import { applyAllGuarded, applierOf, listQuarantine, retryQuarantined, StreamGapError } from './quarantine.js';

const engines = await sqlEngines();
const cat = catalogue();
const PBG_DOCS = ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'];

async function snapshot(db: SqlDatabase, tables: string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await db.query(`SELECT * FROM ${t} ORDER BY 1, 2 -- tenant: the test compares every MPP's rows`)).rows;
  return out;
}

describeEngines(engines)('projections on %s', (_engine, factory) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let store: PostgresEventStore;
  let record: ReturnType<typeof commandRecorder>;

  beforeEach(async () => {
    ({ db, drop } = await factory());
    store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
    record = commandRecorder(store, cat, calendar2026(), tariffs());
  });
  afterEach(async () => drop());

  const run = (id: string, actor: Actor, type: DossierCommand['type'], data: object, at: string) =>
    record(id, { type, data, metadata: { commandId: randomUUID(), actor, at } } as DossierCommand, 'pbg');
  const registerPbg = async (at: string, name = 'Budi Santoso', tenant?: string) => {
    const id = randomUUID();
    await run(
      id,
      officers.frontDesk,
      'RegisterDossier',
      {
        dossierId: id,
        ...(tenant ? { tenant } : {}),
        applicant: { name, nik: '3273011508800001' },
        requirements: PBG_DOCS,
        inputs: { 'luas-lantai': 100 },
        particulars: PBG_PARTICULARS,
      },
      at,
    );
    return id;
  };
  const allEvents = async (): Promise<StoredEvent[]> => store.readAll(START, 10_000);

  async function busyLog() {
    const a = await registerPbg('2026-03-02T02:00:00.000Z', 'Ani Lestari');
    await run(a, officers.backOffice, 'ClaimDossier', {}, '2026-03-02T03:00:00.000Z');
    await run(a, officers.backOffice, 'ReturnForCorrection', { reasons: ['KTP buram'] }, '2026-03-02T04:00:00.000Z');
    await run(a, officers.frontDesk, 'ResubmitCorrections', { note: 'KTP baru' }, '2026-03-04T02:00:00.000Z');
    await run(a, officers.backOffice, 'CompleteStep', { outcome: 'forward' }, '2026-03-04T05:00:00.000Z');
    await run(a, officers.tpa, 'RecordRecommendation', { positive: true, note: 'ok' }, '2026-03-05T05:00:00.000Z');
    const b = await registerPbg('2026-03-03T02:00:00.000Z', 'Bima Sakti');
    await run(b, officers.frontDesk, 'WithdrawDossier', { reason: 'batal' }, '2026-03-03T03:00:00.000Z');
    return { a, b };
  }

  it("gives rows from before tenants to the home tenant in place, and writes each MPP's dossiers under its own", async () => {
    const { a } = await busyLog();
    const before = buildProjector(store, db, cat, undefined, undefined, 'kota-bandung');
    await before.init();
    await before.catchUp();
    // A store made before tenants: the read models had no tenant column (dropped here, with what depended on it).
    for (const t of ['rm_dossiers', 'rm_desk_queue', 'rm_desk_visits', 'pub_tracking', 'pub_timeline', 'pub_permits'])
      await db.exec(`ALTER TABLE ${t} DROP COLUMN tenant_id CASCADE`);
    const upgraded = buildProjector(store, db, cat, undefined, undefined, 'kota-bandung');
    await upgraded.init();
    const tenants = await db.query<{ tenant_id: string; n: number }>(
      "SELECT tenant_id, count(*)::int AS n FROM rm_dossiers GROUP BY tenant_id -- tenant: the test reads every MPP's rows",
    );
    expect(tenants.rows).toEqual([{ tenant_id: 'kota-bandung', n: 2 }]);
    const now = '2026-03-06T00:00:00.000Z';
    const trail = (id: string, upTo: number) => auditTrail(store, id, upTo);
    const detail = await dossierDetail(db, 'kota-bandung', a, now, trail);
    // The trail is the dossier's stream, as far as the summary beside it.
    expect(detail?.history.map((h) => h.version)).toEqual(Array.from({ length: detail!.version }, (_, i) => i + 1));
    expect(detail?.history[0]).toMatchObject({ version: 1, type: 'DossierRegistered' });
    expect(await dossierDetail(db, 'kota-contoh', a, now, trail)).toBeUndefined();
    // A dossier registered at another MPP (the command path stamps it) is that MPP's on every table.
    const id = await registerPbg('2026-03-06T02:00:00.000Z', 'Made Wirawan', 'kota-denpasar');
    await upgraded.catchUp();
    for (const t of ['rm_dossiers', 'rm_desk_visits', 'pub_tracking', 'pub_timeline'])
      expect([
        t,
        (
          await db.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id FROM ${t} WHERE dossier_id = $1 -- tenant: the test reads it`, [
            id,
          ])
        ).rows,
      ]).toEqual([t, [{ tenant_id: 'kota-denpasar' }]]);
    expect(
      (await deskQueue(db, 'kota-denpasar', 'back-office', { now: '2026-03-06T03:00:00.000Z' })).items.map((q) => q.dossierId),
    ).toEqual([id]);
    expect(
      (await deskQueue(db, 'kota-bandung', 'back-office', { now: '2026-03-06T03:00:00.000Z' })).items.map((q) => q.dossierId),
    ).not.toContain(id);
  });

  it('changes nothing when every event is applied twice', async () => {
    await busyLog();
    const projector = buildProjector(store, db, cat);
    await projector.init();
    const events = await allEvents();
    for (const p of projector.projections) {
      await db.transaction(async (tx) => {
        for (const e of events) await p.apply(tx, toProjected(e)!);
      });
    }
    const tables = projector.projections.flatMap((p) => p.tables);
    const once = await snapshot(db, tables);
    for (const p of projector.projections) {
      await db.transaction(async (tx) => {
        for (const e of events) {
          await p.apply(tx, toProjected(e)!);
          await p.apply(tx, toProjected(e)!);
        }
      });
    }
    expect(await snapshot(db, tables)).toEqual(once);
    expect(once.rm_dossiers).toHaveLength(2);
    // Per-event rows too: the timeline and the desk visits, once each.
    expect(once.pub_timeline.length).toBeGreaterThan(0);
    expect(once.rm_desk_visits.length).toBeGreaterThan(0);
  });

  it('rebuilds from zero to the same read models the live projector built in small batches', async () => {
    await busyLog();
    // Live: batches of two events, so rows opened in one batch are updated in a later one.
    const live2 = new Projector(store, db, readModelProjections(cat), { batchSize: 2 });
    await live2.init();
    expect(await live2.catchUp()).toBeGreaterThan(0);
    const projector = buildProjector(store, db, cat);
    const tables = projector.projections.flatMap((p) => p.tables);
    const live = await snapshot(db, tables);
    const progress: RebuildProgress[] = [];
    const events = (await allEvents()).length;
    // Pages of three: rows made on one page are updated on a later one, as in a long log.
    expect(await projector.rebuild((p) => progress.push(p), 3)).toBe(events);
    expect(await snapshot(db, tables)).toEqual(live);
    expect(progress.length).toBe(Math.ceil(events / 3));
    expect(progress.map((p) => p.applied)).toEqual(progress.map((_, i) => Math.min(events, 3 * (i + 1))));
    expect(progress.every((p) => p.total === events && p.perSecond > 0 && p.secondsLeft !== undefined)).toBe(true);
    expect(progress[progress.length - 1].secondsLeft).toBe(0);
    expect(await projector.catchUp()).toBe(0);
    // Remembering one dossier between pages: the others are read back from the tables, to the same result.
    expect(await projector.rebuild(undefined, 3, 1)).toBe(events);
    expect(await snapshot(db, tables)).toEqual(live);
  });

  it("leaves an older store's copy of the log (rm_history) as it was, and keeps the public timeline on one key", async () => {
    await busyLog();
    // A store from before D58: its audit trail was a projection. The trail is read from the log now; nothing writes it.
    await db.exec(`CREATE TABLE rm_history (event_id uuid PRIMARY KEY, dossier_id text NOT NULL, stream_version integer NOT NULL,
      type text NOT NULL, at timestamptz NOT NULL, officer_id text, data jsonb NOT NULL);
      INSERT INTO rm_history VALUES (gen_random_uuid(), 'x', 1, 'DossierRegistered', now(), NULL, '{}');`);
    const projector = buildProjector(store, db, cat);
    await projector.init();
    // What the retired projection left: a checkpoint that no longer moves and a quarantined dossier nobody could retry.
    await db.query("INSERT INTO projection_checkpoints (name, transaction_id, global_position) VALUES ('audit-trail', '1'::xid8, 1)");
    await db.query(
      `INSERT INTO projection_quarantine (projection, dossier_id, stream_id, stream_version, log_position, event_type, error)
       VALUES ('audit-trail', 'x', 'dossier-x', 1, '1', 'DossierRegistered', 'old')`,
    );
    await projector.init();
    expect((await db.query("SELECT 1 FROM projection_checkpoints WHERE name = 'audit-trail'")).rows).toEqual([]);
    expect((await db.query("SELECT 1 FROM projection_quarantine WHERE projection = 'audit-trail'")).rows).toEqual([]);
    await projector.catchUp();
    expect(await projector.catchUp()).toBe(0);
    const { rows } = await db.query<{ dossier_id: string }>('SELECT dossier_id FROM rm_history -- tenant: an old table, read whole');
    expect(rows.map((r) => r.dossier_id)).toEqual(['x']);
    const { rows: indexes } = await db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM pg_indexes WHERE tablename = 'pub_timeline' AND schemaname = current_schema() -- tenant: catalog",
    );
    expect(indexes[0].n).toBe('1');
  });

  it('projects the commands of a busy moment in one batch: a poke waits for the linger, not for the poll', async () => {
    const projector = new Projector(store, db, readModelProjections(cat), { lingerMs: 300, pollMs: 60_000 });
    await projector.init();
    const batches: number[] = [];
    projector.onCommit((name, ids) => {
      if (name === 'officer-views') batches.push(ids.size);
    });
    projector.start();
    await new Promise((r) => setTimeout(r, 400)); // the start's own poke, on an empty log
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      await registerPbg('2026-03-02T02:00:00.000Z');
      projector.poke();
    }
    while (batches.reduce((a, b) => a + b, 0) < 3 && performance.now() - started < 5_000) await new Promise((r) => setTimeout(r, 10));
    await projector.stop();
    expect(batches).toEqual([3]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('keeps NIK and officer ids out of the public tables', async () => {
    await busyLog();
    const projector = buildProjector(store, db, cat);
    await projector.init();
    await projector.catchUp();
    const pub = JSON.stringify(await snapshot(db, ['pub_tracking', 'pub_timeline']));
    expect(pub).not.toContain('3273011508800001');
    expect(pub).not.toMatch(/bo-1|fo-1|tpa-1/);
    expect(pub).not.toContain('Ani Lestari');
    expect(pub).toContain('A** L******');
  });

  it('orders a desk queue by urgency or age, flags overdue, filters by service', async () => {
    const old = await registerPbg('2026-03-02T02:00:00.000Z');
    const fresh = await registerPbg('2026-03-10T02:00:00.000Z');
    const projector = buildProjector(store, db, cat);
    await projector.init();
    await projector.catchUp();
    await run(fresh, officers.backOffice, 'ClaimDossier', {}, '2026-03-10T03:00:00.000Z');
    await projector.catchUp();
    const now = '2026-03-09T02:00:00.000Z';
    const { items: queue, total } = await deskQueue(db, 'kota-contoh', 'back-office', { now });
    expect(queue.map((q) => q.dossierId)).toEqual([old, fresh]);
    expect(total).toBe(2);
    // A page at a time, with the total of the whole queue.
    expect(await deskQueue(db, 'kota-contoh', 'back-office', { now, limit: 1, offset: 1 })).toMatchObject({
      items: [{ dossierId: fresh }],
      total: 2,
      limit: 1,
      offset: 1,
    });
    // The verification step is due 3 working days after 2 March: Thursday 5 March.
    expect(queue[0].overdue).toBe(true);
    expect(queue[1].overdue).toBe(false);
    expect(queue[1].heldBy).toBe('bo-1');
    // Overdue only, over the whole queue (not one page): the old one, with its own total.
    expect(await deskQueue(db, 'kota-contoh', 'back-office', { now, overdueOnly: true })).toMatchObject({
      items: [{ dossierId: old }],
      total: 1,
    });
    expect(await deskQueue(db, 'kota-contoh', 'back-office', { now, service: 'reklame' })).toMatchObject({ items: [], total: 0 });
    expect(await deskQueue(db, 'kota-contoh', 'tpa', { now })).toMatchObject({ items: [], total: 0 });
    // Forwarded from verification, a dossier leaves that queue and joins the next desks' queues.
    await run(old, officers.backOffice, 'CompleteStep', { outcome: 'forward' }, '2026-03-10T04:00:00.000Z');
    await projector.catchUp();
    expect((await deskQueue(db, 'kota-contoh', 'back-office', { now })).items.map((q) => q.dossierId)).toEqual([fresh]);
    expect((await deskQueue(db, 'kota-contoh', 'tpa', { now })).items.map((q) => q.dossierId)).toEqual([old]);
    // Read models built before the queue table existed get it filled from the dossiers when the projector starts.
    const before = await deskQueue(db, 'kota-contoh', 'tpa', { now });
    await db.exec("DELETE FROM rm_desk_queue -- tenant: the test reads every MPP's rows");
    await projector.init();
    expect(await deskQueue(db, 'kota-contoh', 'tpa', { now })).toEqual(before);
    expect((await deskQueue(db, 'kota-contoh', 'back-office', { now })).total).toBe(1);
  });

  it('reports counts by status, on-time rate and time at each desk', async () => {
    await busyLog();
    const projector = new Projector(store, db, readModelProjections(cat), { batchSize: 3 });
    await projector.init();
    await projector.catchUp();
    const stats = await statistics(db, 'kota-contoh', cat, '2026-03-06T00:00:00.000Z', undefined, calendar2026());
    const pbg = stats.services.find((s) => s.service === 'pbg')!;
    expect(pbg.byStatus).toEqual({ 'in-process': 1, withdrawn: 1 });
    const backOffice = stats.desks.find((d) => d.desk === 'back-office')!;
    expect(backOffice.visits).toBe(2);
    // Dossier A sat at the back office from 2 March 02:00 to 4 March 05:00 (51 h); B until its withdrawal (1 h).
    expect(backOffice.averageHours).toBe(26);
    // In working days: A's visit took two (3 and 4 March), B's none (the same day): one on average.
    expect(backOffice.averageWorkingDays).toBe(1);
    const tpa = stats.desks.find((d) => d.desk === 'tpa')!;
    expect(tpa.open).toBe(0);
    expect(stats.desks.find((d) => d.desk === 'dinas-pupr')!.open).toBe(1);
    // The desks' open counts are their queues' totals.
    for (const d of stats.desks)
      expect([d.desk, d.open]).toEqual([d.desk, (await deskQueue(db, 'kota-contoh', d.desk, { now: '2026-03-06T00:00:00.000Z' })).total]);
  });

  it('counts a dossier returned to the applicant as open at no desk', async () => {
    const a = await registerPbg('2026-03-02T02:00:00.000Z');
    await run(a, officers.backOffice, 'ClaimDossier', {}, '2026-03-02T03:00:00.000Z');
    await run(a, officers.backOffice, 'ReturnForCorrection', { reasons: ['KTP buram'] }, '2026-03-02T04:00:00.000Z');
    const projector = buildProjector(store, db, cat);
    await projector.init();
    await projector.catchUp();
    const stats = await statistics(db, 'kota-contoh', cat, '2026-03-20T00:00:00.000Z', undefined, calendar2026());
    expect(stats.desks.find((d) => d.desk === 'back-office')?.open ?? 0).toBe(0);
    expect(stats.desks.find((d) => d.desk === 'back-office')?.overdueOpen ?? 0).toBe(0);
    expect((await deskQueue(db, 'kota-contoh', 'back-office', { now: '2026-03-20T00:00:00.000Z' })).total).toBe(0);
  });

  describe('a poison event (D36)', () => {
    const FAILING = ['notification-outbox', 'officer-views', 'public-tracking'];
    // A registration written by an older release without the applicant: every projection that folds it throws.
    async function poison(): Promise<string> {
      const good = await registerPbg('2026-03-02T02:00:00.000Z', 'Ani Lestari');
      const [registered, started] = (await store.readStream(`dossier-${good}`)).events;
      const id = randomUUID();
      const data = { ...registered.data, dossierId: id, registrationNumber: `PBG-2026-${id.slice(0, 6)}`, applicant: undefined };
      await store.appendToStream(
        `dossier-${id}`,
        [
          { type: registered.type, data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>, metadata: registered.metadata },
          { type: started.type, data: started.data, metadata: started.metadata },
        ],
        { expectedVersion: 0 },
      );
      return id;
    }
    const fixedStore = () =>
      PostgresEventStore.create(db, {
        upcaster: upcasterFrom({
          ...dossierUpcastSteps,
          // The fix is the next schema step of the event.
          DossierRegistered: {
            ...dossierUpcastSteps.DossierRegistered,
            2: (d) => (d.applicant ? d : { ...d, applicant: { name: 'Poison Fixed', nik: '3273011508800001' } }),
          },
        }),
      });

    it('knows every read model by the names the quarantine API accepts', () => {
      expect(readModelProjections(cat).map((p) => p.name)).toEqual([...READ_MODEL_NAMES]);
    });

    it('quarantines the one dossier, every other dossier keeps projecting, and a retry after the fix equals a rebuild', async () => {
      const quarantined: string[] = [];
      const projector = new Projector(store, db, readModelProjections(cat), {
        batchSize: 50,
        onQuarantined: (q) => quarantined.push(`${q.projection}:${q.dossierId}:${q.eventType}`),
      });
      await projector.init();
      const bad = await poison();
      const after = await registerPbg('2026-03-03T02:00:00.000Z', '𠮷田 Hanako');
      await expect(projector.catchUp()).resolves.toBeGreaterThan(0);
      // The dossiers before and after the poison are in every view.
      const dossiers = (
        await db.query<{ dossier_id: string }>("SELECT dossier_id FROM rm_dossiers -- tenant: the test reads every MPP's rows")
      ).rows.map((r) => r.dossier_id);
      expect(dossiers).toContain(after);
      expect(dossiers).not.toContain(bad);
      const pub = await db.query<{ state: { applicantMasked: string } }>(
        "SELECT state FROM pub_tracking WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
        [after],
      );
      expect(pub.rows[0].state.applicantMasked).toBe('𠮷* H*****');
      // Listed once per projection that failed, at the event that failed, with the error.
      const list = await listQuarantine(db);
      // The audit trail keeps the event as it is; the three that read the applicant fail on it.
      expect(list.items.map((q) => q.projection).sort()).toEqual(FAILING);
      expect(list.total).toBe(3);
      for (const q of list.items) {
        expect(q).toMatchObject({ dossierId: bad, streamId: `dossier-${bad}`, streamVersion: 1, eventType: 'DossierRegistered' });
        expect(q.error).toMatch(/name|undefined/);
      }
      expect(quarantined).toHaveLength(3);
      // Its later events are skipped while it is quarantined; later dossiers still come in.
      const later = await registerPbg('2026-03-04T02:00:00.000Z', 'Citra');
      await projector.catchUp();
      expect(
        (await db.query("SELECT 1 FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows", [later])).rows,
      ).toHaveLength(1);
      expect((await listQuarantine(db)).total).toBe(3);

      // Retrying before the fix keeps it quarantined and counts the attempt.
      const readWith = (s: PostgresEventStore) => async (id: string) =>
        (await s.readStream(`dossier-${id}`)).events.map((e) => toProjected(e)!);
      const officerViews = projector.projections.find((p) => p.name === 'officer-views')!;
      const still = await retryQuarantined(db, officerViews, bad, readWith(store));
      expect(still.released).toBe(false);
      expect((await listQuarantine(db)).items.find((q) => q.projection === 'officer-views')?.attempts).toBe(2);

      // The fix is deployed (an upcaster): the retry re-applies the dossier's events in order.
      const fixed = await fixedStore();
      for (const p of projector.projections.filter((x) => FAILING.includes(x.name)))
        expect((await retryQuarantined(db, p, bad, readWith(fixed))).released).toBe(true);
      expect((await listQuarantine(db)).total).toBe(0);
      const tables = ['rm_dossiers', 'rm_desk_queue', 'rm_desk_visits', 'pub_tracking', 'pub_timeline', 'pub_permits'];
      const retried = await snapshot(db, tables);
      expect((retried.rm_dossiers as { dossier_id: string; last_version: number }[]).find((r) => r.dossier_id === bad)?.last_version).toBe(
        2,
      );
      const rebuilt = new Projector(fixed, db, readModelProjections(cat));
      await rebuilt.init();
      await rebuilt.rebuild();
      expect(await snapshot(db, tables)).toEqual(retried);
      expect((await listQuarantine(db)).total).toBe(0);
    });

    it('a rebuild quarantines the poison too, and finishes', async () => {
      const bad = await poison();
      const after = await registerPbg('2026-03-03T02:00:00.000Z', 'Dewi');
      const projector = buildProjector(store, db, cat);
      await projector.init();
      await projector.rebuild();
      expect(
        (await db.query("SELECT 1 FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows", [after])).rows,
      ).toHaveLength(1);
      // The notice outbox is not rebuilt (it records what was sent): the two views that were rebuilt quarantine it again.
      expect((await listQuarantine(db)).items.map((q) => [q.projection, q.dossierId]).sort()).toEqual([
        ['officer-views', bad],
        ['public-tracking', bad],
      ]);
    });

    it("a gap in a dossier's versions quarantines it instead of building a wrong row", async () => {
      const a = await registerPbg('2026-03-02T02:00:00.000Z', 'Eka');
      await run(a, officers.backOffice, 'ClaimDossier', {}, '2026-03-02T03:00:00.000Z');
      await run(a, officers.backOffice, 'CompleteStep', { outcome: 'forward' }, '2026-03-02T04:00:00.000Z');
      const events = (await store.readStream(`dossier-${a}`)).events.map((e) => toProjected(e)!);
      const projector = buildProjector(store, db, cat);
      await projector.init();
      const missingOne = events.filter((e) => e.stored.streamVersion !== 2);
      for (const p of projector.projections.filter((x) => ['officer-views', 'public-tracking'].includes(x.name))) {
        const quarantined: string[] = [];
        await db.transaction((tx) =>
          applyAllGuarded(tx, [{ projection: p, apply: applierOf(p) }], missingOne, (q) => quarantined.push(q.dossierId)),
        );
        expect(quarantined).toEqual([a]);
      }
      const list = await listQuarantine(db);
      expect(list.items.map((q) => q.streamVersion)).toEqual([3, 3]);
      expect(list.items[0].error).toMatch(new StreamGapError(a, 2, 3).message);
      // The row stops at the last event before the gap.
      expect(
        (
          await db.query<{ last_version: number }>(
            "SELECT last_version FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
            [a],
          )
        ).rows[0].last_version,
      ).toBe(1);
    });
  });
});
