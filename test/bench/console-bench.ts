/// <reference lib="dom" />
/**
 * `npm run bench`, the console part: a back-office queue of 5,000 dossiers
 * (BENCH_CONSOLE_DOSSIERS) in Debian's Chromium, as a processor works it:
 * first render, next page, each filter and the sort, each timed in the page
 * from the input event to the first frame that shows the new rows, with the longest main-thread task
 * of the whole session (a freeze shows there). Beside it, in the same run and
 * browser, the baseline a naive page would be: the whole queue fetched and
 * drawn as one table, then filtered in the page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dossierUpcastSteps, type Actor, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { catalogue, freshPostgres, officers, postgresAvailable, TEST_DATABASE_URL, testCommandService } from '#berkas/testing';
import { chromiumPath, launch } from '../support/browser.js';
import { Harness } from '../support/http-harness.js';
import { inParallel, pct, registration } from './bench-support.js';

const N = Number(process.env.BENCH_CONSOLE_DOSSIERS ?? 5_000);
const REPEATS = 10;
const executable = chromiumPath();
if (!executable || !(await postgresAvailable())) {
  console.log(`\nconsole benchmark skipped: ${executable ? 'no PostgreSQL server' : 'no Chromium'}`);
  process.exit(0);
}

const { db, schema, drop } = await freshPostgres(16);
const dataDir = mkdtempSync(join(tmpdir(), 'berkas-console-bench-'));
let harness: Harness | undefined;
try {
  // The queue: registered over the last four weeks (so about half is past its step's due date), one in ten held by
  // the demo back-office processor, one in five a billboard permit.
  const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  const service = testCommandService(store, catalogue());
  const verifikator: Actor = { officerId: 'officer-verifikator', role: 'processor', desks: ['back-office'] };
  const seeded = performance.now();
  await inParallel(N, 8, async (i) => {
    const id = randomUUID();
    const at = new Date(Date.now() - (i % 28) * 86_400_000).toISOString();
    const billboard = i % 5 === 0;
    const data = billboard
      ? {
          ...registration(id),
          applicant: { name: `PT Reklame ${i}`, nik: '3273011508800001', nib: '9120001234567' },
          requirements: ['ktp', 'nib', 'desain-reklame', 'denah-lokasi'],
          inputs: {},
        }
      : { ...registration(id), applicant: { name: `Pemohon ${i}`, nik: '3273011508800001' } };
    await service.execute(
      id,
      { type: 'RegisterDossier', data, metadata: { commandId: randomUUID(), actor: officers.frontDesk, at } } as DossierCommand,
      { serviceCode: billboard ? 'reklame' : 'pbg' },
    );
    if (i % 10 === 3)
      await service.execute(id, { type: 'ClaimDossier', data: {}, metadata: { commandId: randomUUID(), actor: verifikator, at } });
  });
  console.log(`\nconsole: ${N} dossiers written in ${((performance.now() - seeded) / 1000).toFixed(0)} s; starting the app on them`);
  const secret = randomBytes(24).toString('hex');
  harness = await Harness.start(
    {
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      JWT_SECRET: secret,
      PIN_SECRET: `${secret}pin`,
      BERKAS_DATA_DIR: dataDir,
      PROJECTOR_POLL_MS: '50',
    },
    undefined,
    undefined,
    120_000,
  );
  const h = harness;
  // The projector catches up on start; the bench waits until the whole queue is readable.
  await h.eventually(
    () => h.as('verifikator', 'GET', '/api/queues/back-office?limit=1'),
    (r) => r.body.total === N,
    180_000,
  );

  const browser = await launch(executable);
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  await ctx.addInitScript(() => {
    const w = window as unknown as { longTasks: number[]; t0: number | null };
    w.longTasks = [];
    w.t0 = null;
    for (const type of ['click', 'change', 'input']) document.addEventListener(type, () => (w.t0 ??= performance.now()), { capture: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
  const page = await ctx.newPage();
  await page.goto(`${h.url}/konsol/`);
  await page.getByLabel('Nama pengguna').fill('verifikator');
  await page.getByLabel('Kata sandi').fill('demo123');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();

  /** What the API says a view starts with: the page line ("Berkas 1–50 dari 5000") and the first row's number. */
  const expect = async (qs: string, from = 1) => {
    const r = (await h.as('verifikator', 'GET', `/api/queues/back-office?limit=50&${qs}`)).body as unknown as {
      items: { registrationNumber: string }[];
      total: number;
    };
    return { line: `Berkas ${from}–${Math.min(r.total, from + 49)} dari ${r.total}`, first: r.items[0].registrationNumber };
  };
  /**
   * Milliseconds from the officer's input reaching the page (the first click or change event after `act` starts;
   * for a navigation, its start) to the first frame that shows that view. The browser's clock: the time the test
   * driver takes to find and click a control is not the console's.
   */
  const timed = async (act: () => Promise<unknown>, view: { line: string; first: string }): Promise<number> => {
    await page.evaluate(() => ((window as unknown as { t0: number | null }).t0 = null));
    await act();
    const ms = await page.waitForFunction(
      ({ line, first }) => {
        const shown = document.body.innerText.includes(line) && document.querySelector('tbody tr a')?.textContent?.trim() === first;
        return shown && performance.now() - ((window as unknown as { t0: number | null }).t0 ?? 0);
      },
      view,
      { timeout: 30_000, polling: 'raf' },
    );
    return (await ms.jsonValue()) as number;
  };
  const longest = () => page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  const resetTasks = () => page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
  const views = {
    all: await expect('order=urgent'),
    next: await expect('order=urgent&offset=50', 51),
    overdue: await expect('order=urgent&overdue=true'),
    mine: await expect('order=urgent&mine=true'),
    billboard: await expect('order=urgent&service=reklame'),
    oldest: await expect('order=oldest'),
  };
  const results: Record<string, number[]> = {
    'open the queue (first 50 rows)': [],
    'next page': [],
    [`overdue only (${views.overdue.line.split(' dari ')[1]})`]: [],
    [`held by me only (${views.mine.line.split(' dari ')[1]})`]: [],
    [`billboard permits (${views.billboard.line.split(' dari ')[1]})`]: [],
    'sort oldest first': [],
  };
  const [open, next, overdue, mine, billboard, oldest] = Object.values(results);
  const back = (undo: () => Promise<unknown>) => timed(undo, views.all);
  for (let r = 0; r < REPEATS; r++) {
    await page.goto(`${h.url}/konsol/`);
    await page.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();
    open.push(await timed(() => page.goto(`${h.url}/konsol/antrean/back-office`), views.all));
    next.push(await timed(() => page.getByRole('button', { name: 'Berikutnya' }).click(), views.next));
    overdue.push(await timed(() => page.getByLabel('Hanya yang terlambat').check(), views.overdue));
    await back(() => page.getByLabel('Hanya yang terlambat').uncheck());
    mine.push(await timed(() => page.getByLabel('Hanya yang saya kerjakan').check(), views.mine));
    await back(() => page.getByLabel('Hanya yang saya kerjakan').uncheck());
    billboard.push(await timed(() => page.getByRole('combobox', { name: /^Layanan/ }).selectOption('reklame'), views.billboard));
    await back(() => page.getByRole('combobox', { name: /^Layanan/ }).selectOption(''));
    oldest.push(await timed(() => page.getByLabel('Urutkan').selectOption('oldest'), views.oldest));
  }
  // How much of each of those was the API's answer (the browser's own resource timing of the queue reads).
  const api = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/queues/'))
      .map((e) => e.duration),
  );
  const consoleLongest = await longest();
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);

  // The baseline: the whole queue at once, as a page without paging would have it (fetched 200 at a time, the API's
  // largest page), drawn as one table of the same columns, then filtered to the overdue ones in the page.
  await resetTasks();
  const baseline = await wholeQueue(page, N);
  const baselineLongest = await longest();

  console.log(`console: back-office queue of ${N} dossiers in Chromium, ${REPEATS} rounds, from click to rows on screen`);
  for (const [name, ms] of Object.entries(results))
    console.log(
      `  ${name.padEnd(32)} p50 ${pct(ms, 50).toFixed(0).padStart(4)} ms   max ${Math.max(...ms)
        .toFixed(0)
        .padStart(4)} ms`,
    );
  console.log(
    `  of which the API's answer         p50 ${pct(api, 50).toFixed(0).padStart(4)} ms   max ${Math.max(...api)
      .toFixed(0)
      .padStart(4)} ms`,
  );
  console.log(
    `  longest main-thread task         ${consoleLongest.toFixed(0)} ms (a task over 50 ms is a freeze a user can feel; 0: none)   JS heap ${(heap / 1e6).toFixed(1)} MB`,
  );
  console.log(`  baseline, the whole queue as one table:`);
  console.log(`    fetch all ${N} (${Math.ceil(N / 200)} requests)       ${baseline.fetchMs.toFixed(0)} ms`);
  console.log(`    draw ${N} rows                      ${baseline.drawMs.toFixed(0)} ms`);
  console.log(`    filter to overdue in the page       ${baseline.filterMs.toFixed(0)} ms`);
  console.log(`    longest main-thread task           ${baselineLongest.toFixed(0)} ms   JS heap ${(baseline.heap / 1e6).toFixed(1)} MB\n`);
  await browser.close();
} finally {
  await harness?.close();
  await drop();
  rmSync(dataDir, { recursive: true, force: true });
}

/** Fetches every page of the queue and draws it as one table in the console's page, then filters it there. */
function wholeQueue(page: Page, n: number): Promise<{ fetchMs: number; drawMs: number; filterMs: number; heap: number }> {
  return page.evaluate(async (count: number) => {
    const token = sessionStorage.getItem('berkas.token');
    const t0 = performance.now();
    const pages = await Promise.all(
      Array.from({ length: Math.ceil(count / 200) }, (_, k) =>
        fetch(`/api/queues/back-office?limit=200&offset=${k * 200}`, { headers: { authorization: `Bearer ${token}` } }).then(
          (r) =>
            r.json() as Promise<{
              items: {
                registrationNumber: string;
                applicantName: string;
                service: string;
                stepDueAt: string;
                overdue: boolean;
                heldBy: string | null;
              }[];
            }>,
        ),
      ),
    );
    const items = pages.flatMap((p) => p.items);
    const t1 = performance.now();
    const main = document.querySelector('main') ?? document.body;
    const draw = (rows: typeof items) => {
      const table = document.createElement('table');
      const body = table.createTBody();
      for (const i of rows) {
        const tr = body.insertRow();
        for (const text of [
          i.registrationNumber,
          i.applicantName,
          i.service,
          new Date(i.stepDueAt).toLocaleString('id-ID'),
          i.overdue ? 'Terlambat' : '',
          i.heldBy ?? 'Belum ada',
        ]) {
          tr.insertCell().textContent = text;
        }
      }
      main.replaceChildren(table);
      return table.offsetHeight; // layout, as the screen would need it
    };
    draw(items);
    const t2 = performance.now();
    draw(items.filter((i) => i.overdue));
    const t3 = performance.now();
    const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    return { fetchMs: t1 - t0, drawMs: t2 - t1, filterMs: t3 - t2, heap };
  }, n);
}
