/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { dossierUpcastSteps } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { PgDatabase } from '#berkas/sql';
import { artifacts, chromiumPath, launch, seriousViolations } from './support/browser.js';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';

/**
 * A supervisor's side of a poison event (D36): the console says that some
 * dossiers are quarantined, lists them in words an officer reads, and retries
 * one whose cause is gone; every other dossier stays in the queues meanwhile.
 */
const executable = chromiumPath();
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');

(executable && postgres ? describe : describe.skip)('quarantined dossiers in the console (PostgreSQL, Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let db: PgDatabase;
  let drop: () => Promise<void>;
  const shoot = artifacts('quarantine');

  beforeAll(async () => {
    const created = await postgres![1]();
    drop = created.drop;
    h = await Harness.start(created.env);
    db = new PgDatabase(created.env.DATABASE_URL!, { schema: created.env.DATABASE_SCHEMA, max: 2 });
    browser = await launch(executable!);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await db?.close();
    await h?.close();
    await drop?.();
  });

  it('warns supervisors, lists each quarantined dossier in words, and brings one back with a retry', async () => {
    // A dossier whose officers' row lost a write (its version lags): its next event is a gap, which a retry mends.
    const lagging = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const laggingId = lagging.body.dossierId as string;
    await h.eventually(
      () => h.as('supervisor', 'GET', `/api/dossiers/${laggingId}`),
      (r) => r.status === 200,
    );
    await db.query("UPDATE rm_dossiers SET last_version = 1 WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows", [laggingId]);
    expect((await h.as('verifikator', 'POST', `/api/dossiers/${laggingId}/claim`, {})).status).toBe(200);
    // A registration an older release wrote without its applicant: no release running now can apply it.
    const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
    const [registered] = (await store.readStream(`dossier-${laggingId}`)).events;
    const poison = '00000000-0000-4000-8000-00000000d00d';
    await store.appendToStream(
      `dossier-${poison}`,
      [{ type: registered.type, data: { ...registered.data, dossierId: poison, applicant: undefined }, metadata: registered.metadata }],
      { expectedVersion: 0 },
    );
    // Others keep coming in.
    const after = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const quarantine = await h.eventually(
      () => h.as('supervisor', 'GET', '/api/quarantine'),
      (r) => r.body.total === 4,
      10_000,
    );
    expect(quarantine.body.total).toBe(4);
    expect(
      (
        await h.eventually(
          () => h.as('supervisor', 'GET', `/api/dossiers/${after.body.dossierId as string}`),
          (r) => r.status === 200,
        )
      ).status,
    ).toBe(200);
    // Not for the desks.
    expect((await h.as('verifikator', 'GET', '/api/quarantine')).status).toBe(403);

    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${h.url}/konsol/`);
    await page.getByLabel('Nama pengguna').fill('supervisor');
    await page.getByLabel('Kata sandi').fill('demo123');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('link', { name: /4 berkas dalam karantina/ }).click();
    await page.getByRole('heading', { name: 'Karantina berkas' }).waitFor();
    // The list arrives after the heading (a busy machine shows "Memuat…" a while).
    await page.getByText('4 berkas dalam karantina', { exact: true }).waitFor();
    const text = await page.locator('main').innerText();
    for (const words of ['Antrean, pencarian dan detail berkas', 'Halaman pelacakan publik', 'Pemberitahuan ke pemohon'])
      expect(text).toContain(words);
    expect(text).toContain('Berkas diterima di loket');
    expect(text).toContain('Ada peristiwa sebelumnya yang belum diterima bagian ini');
    // No event type, projection id or exception text on the screen (the technical detail stays folded).
    expect(text).not.toMatch(/DossierRegistered|DossierClaimed|officer-views|public-tracking|undefined|Cannot read/);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'quarantine-1366');

    // The poison cannot be applied yet: the retry says so, and it stays.
    const poisonCard = page.locator('article', { hasText: 'Halaman pelacakan publik' });
    await poisonCard.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).not.toMatch(/Cannot read|undefined/);
    // The lagging one comes back: its card goes, the read model is whole again.
    const gapCard = page.locator('article', { hasText: 'Ada peristiwa sebelumnya' });
    await gapCard.getByRole('button', { name: 'Coba lagi' }).click();
    await page.getByText('Berhasil: berkas kembali tampil di Antrean, pencarian dan detail berkas.').waitFor();
    await page.getByText('3 berkas dalam karantina').waitFor();
    const row = await db.query<{ last_version: number }>(
      "SELECT last_version FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
      [laggingId],
    );
    expect(row.rows[0].last_version).toBe(3);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
