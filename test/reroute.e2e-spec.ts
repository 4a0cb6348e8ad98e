import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eEngines, Harness, PBG_REQUEST, registerDossier } from './support/http-harness.js';

const engines = await e2eEngines();

type Detail = {
  version: number;
  service: { version: number };
  step: { id: string; pendingDesks: string[] } | null;
  history: { type: string; data: Record<string, unknown> }[];
};

/**
 * Issue 23 through the officers' API: dossiers registered under PBG v2 while v3 was not yet published, moved to v3
 * once it was (previewed, then run, one by one and in a batch), sent back by the decision desk, and repaired by a
 * supervisor. Each change is an event in the trail and every queue follows it.
 */
describe.each(engines)('running dossiers moved, sent back and repaired on %s', (_engine, factory) => {
  let h: Harness;
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let catalogueDir: string;
  let house: { id: string; reg: string; pin: string };
  let tower: { id: string; reg: string; pin: string };

  const detail = async (id: string) => (await h.as('supervisor', 'GET', `/api/dossiers/${id}`)).body as unknown as Detail;
  /** The dossier once the read side shows at least `version`. */
  const atLeast = (id: string, version: number) =>
    h.eventually(
      () => detail(id),
      (d) => d.version >= version,
    );
  const queue = async (who: string, desk: string) =>
    ((await h.as(who, 'GET', `/api/queues/${desk}`)).body.items as { dossierId: string }[]).map((i) => i.dossierId);

  beforeAll(async () => {
    // The catalogue as it was before PBG v3 was published.
    catalogueDir = mkdtempSync(join(tmpdir(), 'berkas-catalogue-'));
    for (const f of readdirSync('data/catalogue')) if (f !== 'pbg.v3.json') copyFileSync(join('data/catalogue', f), join(catalogueDir, f));
    const engine = await factory();
    drop = engine.drop;
    env = { DATABASE_URL: '', ...engine.env, CATALOGUE_DIR: catalogueDir };
    h = await Harness.start(env);
    house = await registerDossier(h);
    tower = await registerDossier(h, { ...PBG_REQUEST, particulars: { ...PBG_REQUEST.particulars, 'jumlah-lantai': 12 } });
    for (const d of [house, tower]) expect((await h.act('verifikator', d.id, 'complete', { outcome: 'forward' })).status).toBe(200);
    expect((await detail(house.id)).service.version).toBe(2);
    await h.close();
    // v3 is published: the same store, the catalogue with its new version.
    copyFileSync('data/catalogue/pbg.v3.json', join(catalogueDir, 'pbg.v3.json'));
    h = await Harness.start(env);
    await atLeast(tower.id, 5);
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    await drop?.();
    rmSync(catalogueDir, { recursive: true, force: true });
  });

  it('previews one dossier’s move without writing anything: same step, its start kept, fee before and after', async () => {
    const before = await h.lastPosition();
    const r = await h.as('supervisor', 'POST', `/api/dossiers/${house.id}/migration/preview`, {
      toVersion: 3,
      reason: 'Perkada baru: gedung tinggi dikaji bersama Damkar',
    });
    expect(r.status).toBe(200);
    const from = r.body.from as { version: number; id: string; stepDueAt: string; dueAt: string };
    const to = r.body.to as { version: number; id: string; desks: string[]; stepDueAt: string; dueAt: string };
    expect([from.version, from.id, to.version, to.id]).toEqual([2, 'konsultasi-teknis', 3, 'konsultasi-teknis']);
    expect(to.stepDueAt).toBe(from.stepDueAt);
    expect(to.dueAt).toBe(from.dueAt);
    expect(r.body.fee).toEqual({ before: expect.any(Number), after: expect.any(Number) });
    expect(r.body.requirementsMissing).toEqual([]);
    expect(await h.lastPosition()).toBe(before);
    // Bad input is refused with the field; a processor may not migrate.
    const bad = await h.as('supervisor', 'POST', `/api/dossiers/${house.id}/migration/preview`, { toVersion: 'tiga', reason: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('toVersion');
    expect(
      (await h.as('tpa', 'POST', `/api/dossiers/${house.id}/migration/preview`, { toVersion: 3, reason: 'Perkada baru berlaku' })).status,
    ).toBe(403);
  });

  it('previews and runs a batch: the high-rise needs its step mapped, and each moved dossier names the batch', async () => {
    const batch = (body: object) =>
      h.as('supervisor', 'POST', '/api/migrations', {
        filter: { service: 'pbg', fromVersion: 2 },
        toVersion: 3,
        reason: 'Perkada baru: gedung tinggi dikaji bersama Damkar',
        ...body,
      });
    const before = await h.lastPosition();
    const preview = await batch({});
    expect(preview.status).toBe(200);
    const outcome = (r: typeof preview) =>
      Object.fromEntries(
        (r.body.items as { dossierId: string; ok: boolean; refused?: { code: string } }[]).map((i) => [
          i.dossierId,
          i.ok || i.refused?.code,
        ]),
      );
    expect(preview.body).toMatchObject({ mode: 'preview', matched: 2 });
    expect(outcome(preview)).toEqual({ [house.id]: true, [tower.id]: 'MIGRATION.STEP_NOT_TAKEN' });
    expect(await h.lastPosition()).toBe(before);

    // The high-rise alone, at its step, mapped to the consultation with the fire service.
    const run = await batch({
      mode: 'run',
      filter: { service: 'pbg', fromVersion: 2, stepId: 'konsultasi-teknis' },
      stepMapping: { 'konsultasi-teknis': 'konsultasi-teknis-gedung-tinggi' },
    });
    expect(outcome(run)).toEqual({ [house.id]: 'MIGRATION.STEP_NOT_TAKEN', [tower.id]: true });
    const moved = await h.eventually(
      () => detail(tower.id),
      (d) => d.service.version === 3,
    );
    expect(moved.step).toMatchObject({ id: 'konsultasi-teknis-gedung-tinggi', pendingDesks: ['tpa', 'dinas-pupr', 'damkar'] });
    const migrated = moved.history.find((e) => e.type === 'DossierMigrated');
    expect(migrated?.data).toMatchObject({ batch: run.body.batch, from: { version: 2 }, to: { version: 3 } });
    expect(await queue('damkar', 'damkar')).toContain(tower.id);

    // The house on its own, with the dossier's version pinned: a stale one is a conflict.
    const stale = await h.as(
      'supervisor',
      'POST',
      `/api/dossiers/${house.id}/migration`,
      { toVersion: 3, reason: 'Perkada baru berlaku 1 Desember' },
      { 'If-Match': '"1"' },
    );
    expect(stale.status).toBe(409);
    const one = await h.as('supervisor', 'POST', `/api/dossiers/${house.id}/migration`, {
      toVersion: 3,
      reason: 'Perkada baru berlaku 1 Desember',
    });
    expect(one.status).toBe(200);
    expect(one.body.events).toEqual(['DossierMigrated', 'StepStarted']);
    expect((await atLeast(house.id, one.body.version as number)).service.version).toBe(3);
  });

  it('lets the decision desk send a dossier back to the technical desks, whose queues take it again', async () => {
    for (const who of ['tpa', 'pupr'])
      expect((await h.act(who, house.id, 'recommendation', { positive: true, note: 'Sesuai ketentuan' })).status).toBe(200);
    const fee = await h.act('kasir', house.id, 'fee', {});
    expect(fee.status).toBe(200);
    const total = ((await atLeast(house.id, fee.body.version as number)) as unknown as { fee: { total: number } }).fee.total;
    expect(
      (await h.as('kasir', 'POST', `/api/dossiers/${house.id}/payments`, { reference: 'TRX-REROUTE-1', amount: total, channel: 'bank' }))
        .status,
    ).toBe(200);
    expect((await h.as('kasir', 'POST', `/api/dossiers/${house.id}/complete`, { outcome: 'forward' })).status).toBe(200);
    // The technical desks cannot send it on past themselves: only back, and only where the step allows.
    const refused = await h.act('kabid', house.id, 'send-back', { toStepId: 'retribusi', reasons: ['Cek ulang'] });
    expect([refused.status, refused.body.code]).toEqual([422, 'STEP.NOT_EARLIER']);
    const back = await h.as('kabid', 'POST', `/api/dossiers/${house.id}/send-back`, {
      toStepId: 'konsultasi-teknis',
      reasons: ['Rekomendasi PUPR tidak menyebut garis sempadan bangunan'],
    });
    expect(back.status).toBe(200);
    expect(back.body.events).toEqual(['DossierSentBack', 'StepStarted']);
    await atLeast(house.id, back.body.version as number);
    expect(await queue('tpa', 'tpa')).toContain(house.id);
    expect(await queue('kabid', 'kabid')).not.toContain(house.id);
    // The applicant sees that it went back, not the desk's reasons.
    const tracked = await h.eventually(
      () => h.track(house.reg, house.pin),
      (r) => JSON.stringify(r.body).includes('Berkas dikembalikan ke meja sebelumnya'),
    );
    const timeline = JSON.stringify(tracked.body);
    expect(timeline).toContain('Berkas dikembalikan ke meja sebelumnya');
    expect(timeline).not.toContain('garis sempadan');
  });

  it('lets a supervisor repair the step with a reason, and nobody else', async () => {
    const processor = await h.as('tpa', 'POST', `/api/dossiers/${house.id}/repair`, {
      toStepId: 'verifikasi',
      reason: 'Verifikasi NIB terlewat',
    });
    expect(processor.status).toBe(403);
    const short = await h.as('supervisor', 'POST', `/api/dossiers/${house.id}/repair`, { toStepId: 'verifikasi', reason: 'lupa' });
    expect(short.status).toBe(400);
    const repaired = await h.as('supervisor', 'POST', `/api/dossiers/${house.id}/repair`, {
      toStepId: 'verifikasi',
      reason: 'Verifikasi NIB terlewat, diperiksa ulang',
    });
    expect(repaired.status).toBe(200);
    const d = await atLeast(house.id, repaired.body.version as number);
    expect(d.step?.id).toBe('verifikasi');
    expect(d.history.at(-2)).toMatchObject({
      type: 'DossierStepRepaired',
      data: { fromStepId: 'konsultasi-teknis', toStepId: 'verifikasi', repeat: false, reason: 'Verifikasi NIB terlewat, diperiksa ulang' },
    });
    expect(await queue('verifikator', 'back-office')).toContain(house.id);
    expect(await queue('tpa', 'tpa')).not.toContain(house.id);
  });
});
